/** Every platform's renderer passes the renderer contract: one line per platform. */
import { renderAlertView as renderConsole } from "../../src/adapters/console/render.js";
import { embedLength, LIMITS, renderAlertView as renderDiscord } from "../../src/adapters/discord/render.js";
import { MAX_MESSAGE_LENGTH } from "../../src/adapters/telegram/html.js";
import { LIMITS as SLACK_LIMITS, renderAlertView as renderSlack } from "../../src/adapters/slack/render.js";
import { renderAlertView as renderTelegram } from "../../src/adapters/telegram/render.js";
import { activeMentions, blockKitBreaches, longestSection, visibleText } from "../fakes/slack-blocks.js";
import { parseTelegramHtml } from "../fakes/telegram-html.js";
import { alertActionsContract } from "./renderer-contract/actions.js";
import { rendererContract, type RenderedAlert } from "./renderer-contract/suite.js";

rendererContract("Telegram", {
  maxMessageLength: MAX_MESSAGE_LENGTH,
  showsActions: true,
  render(view): RenderedAlert {
    const rendered: RenderedAlert = { visible: [], problems: [], lengths: [], buttons: [] };
    for (const message of renderTelegram(view)) {
      try {
        const { text } = parseTelegramHtml(message.text);
        const buttons = (message.keyboard ?? []).flat().map((b) => b.text);
        rendered.visible.push([text, ...buttons].join("\n"));
        rendered.lengths.push(text.length);
        rendered.buttons?.push(
          (message.keyboard ?? [])
            .flat()
            .flatMap((b) =>
              "callback_data" in b && b.callback_data ? [{ label: b.text, payload: b.callback_data }] : [],
            ),
        );
      } catch (error) {
        rendered.problems.push(`Telegram refuses the HTML: ${String(error)}`);
      }
    }
    return rendered;
  },
});

// Discord's markdown shows a backslash-escaped character as itself; mentions ping unless escaped.
const unescapeMarkdown = (text: string): string => text.replace(/\\([^\sA-Za-z0-9])/g, "$1");
const ACTIVE_MENTION = /(^|[^\\])(@everyone|@here|<@|<!|<#)/;

rendererContract("Discord", {
  maxMessageLength: LIMITS.total,
  render(view): RenderedAlert {
    const message = renderDiscord(view);
    const problems: string[] = [];
    const visible: string[] = [];
    for (const embed of message.embeds) {
      // Titles, descriptions and field values are markdown; author names and footers are plain text.
      const markdown = [embed.title, embed.description, ...(embed.fields ?? []).map((f) => f.value)];
      for (const text of markdown)
        if (text !== undefined && ACTIVE_MENTION.test(text)) problems.push(`an active mention in: ${text}`);
      visible.push(
        [
          embed.title && unescapeMarkdown(embed.title),
          embed.author?.name,
          embed.description && unescapeMarkdown(embed.description),
          ...(embed.fields ?? []).map((f) => `${f.name}: ${unescapeMarkdown(f.value)}`),
          embed.footer?.text,
        ]
          .filter((part) => part !== undefined && part !== "")
          .join("\n"),
      );
    }
    return { visible, problems, lengths: [message.embeds.reduce((sum, e) => sum + embedLength(e), 0)] };
  },
});

// Discord: a custom_id of at most 100 characters, a label of at most 80, 5 rows of buttons.
// Telegram: callback_data holds up to 64 bytes; at most 10 rows of buttons a message (render.ts).
alertActionsContract("Telegram", {
  buttons: (view) =>
    renderTelegram(view)
      .flatMap((message) => (message.keyboard ?? []).flat())
      .flatMap((b) => ("callback_data" in b && b.callback_data ? [{ label: b.text, payload: b.callback_data }] : [])),
  jobsWithButtons: 10,
  maxPayload: 64,
  maxLabel: 64,
});

alertActionsContract("Discord", {
  buttons: (view) =>
    renderDiscord(view)
      .components.flatMap((row) => row.components)
      .flatMap((b) => ("custom_id" in b ? [{ label: b.label ?? "", payload: b.custom_id }] : [])),
  jobsWithButtons: 5,
  maxPayload: 100,
  maxLabel: 80,
});

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

rendererContract("console", {
  maxMessageLength: Infinity,
  render(view): RenderedAlert {
    const text = renderConsole(view);
    return { visible: [text], problems: CONTROL.test(text) ? ["a control character"] : [], lengths: [text.length] };
  },
});

rendererContract("Slack", {
  maxMessageLength: SLACK_LIMITS.sectionText,
  render(view): RenderedAlert {
    const message = renderSlack(view);
    const problems = [...blockKitBreaches(message.text, message.blocks), ...activeMentions(message)];
    return { visible: [visibleText(message)], problems, lengths: [longestSection(message)] };
  },
});

// Slack: a button's value holds up to 2,000 characters, its text 75; every job shown has its buttons.
alertActionsContract("Slack", {
  buttons: (view) =>
    renderSlack(view).blocks.flatMap((block) =>
      block.type === "actions"
        ? block.elements.flatMap((b) => (b.value !== undefined ? [{ label: b.text.text, payload: b.value }] : []))
        : [],
    ),
  jobsWithButtons: Infinity,
  maxPayload: 2_000,
  maxLabel: SLACK_LIMITS.buttonText,
});
