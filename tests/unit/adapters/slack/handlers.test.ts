import { describe, expect, it } from "vitest";
import { defaultSettings, type SharedContext } from "../../../../commands/command.js";
import { handlePagerButton, handleSlashCommand, parseSubCommand } from "../../../../src/adapters/slack/handlers.js";
import type { Respond, Visibility } from "../../../../src/adapters/slack/replies.js";
import type { SlackMessage } from "../../../../src/adapters/slack/render.js";
import { alertActionCodec } from "../../../../src/core/alert-action-payload.js";
import type { Store } from "../../../../src/store/store.js";
import { memoryStore } from "../../../../src/store/memory-store.js";
import { fixedClock } from "../../../fakes/clock.js";
import { recordingLogger } from "../../../fakes/recording-logger.js";
import { visibleText } from "../../../fakes/slack-blocks.js";

const CHANNEL = "C0JOBS";
const ADMIN = "U0ADMIN";
const MEMBER = "U0MEMBER";

interface Answer {
  chat: string;
  message: SlackMessage;
  visibility: Visibility;
}

function setup({ adminsOnly = false, store = memoryStore() }: { adminsOnly?: boolean; store?: Store } = {}) {
  const answers: Answer[] = [];
  const respond: Respond = async (chat, _url, message, visibility) => void answers.push({ chat, message, visibility });
  const context: SharedContext = {
    store,
    clock: fixedClock(),
    log: recordingLogger(),
    sources: [],
    settings: defaultSettings,
  };
  const deps = {
    context,
    respond,
    adminsOnly,
    isWorkspaceAdmin: async (user: string) => user === ADMIN,
    directChannel: async (user: string) => `DBOT${user}`,
    codec: alertActionCodec("a secret of the tests' own"),
  };
  const slash = (text: string, user = MEMBER, channelId = CHANNEL) =>
    handleSlashCommand({ user, channelId, text, responseUrl: "https://hooks.slack.test/r" }, deps);
  const last = () => answers.at(-1);
  return { store, deps, slash, answers, last, text: () => visibleText(last()?.message ?? { blocks: [] }) };
}

const queriesOf = async (store: Store, chat: string) => (await store.subscriptionsOf(chat)).map((s) => s.query);

describe("/jobhound on Slack", () => {
  it("splits the text into a registry command and its arguments; nothing typed is help", () => {
    expect(parseSubCommand("  Subscribe rust  remote ")).toEqual({ name: "subscribe", args: "rust  remote" });
    expect(parseSubCommand("/latest")).toEqual({ name: "latest", args: "" });
    expect(parseSubCommand("")).toEqual({ name: "help", args: "" });
  });

  it("lets any member of a channel subscribe it, answered in the channel", async () => {
    const { store, slash, last, text } = setup();
    await slash("subscribe rust remote");
    expect(await queriesOf(store, `slack:${CHANNEL}`)).toEqual(["rust remote"]);
    expect(last()).toMatchObject({ chat: `slack:${CHANNEL}`, visibility: "in_channel" });
    expect(text()).toContain("Subscribed *#1*");
    expect(text()).toContain("/jobhound latest rust remote");
  });

  it("with SLACK_ADMINS_ONLY refuses a member who is no workspace admin, privately, and stores nothing", async () => {
    const { store, slash, last, text } = setup({ adminsOnly: true });
    await slash("subscribe rust");
    expect(await queriesOf(store, `slack:${CHANNEL}`)).toEqual([]);
    expect(last()?.visibility).toBe("ephemeral");
    expect(text()).toContain("Only workspace admins and owners");

    await slash("subscribe rust", ADMIN);
    expect(await queriesOf(store, `slack:${CHANNEL}`)).toEqual(["rust"]);
    // Reading is for everyone still.
    await slash("subscriptions");
    expect(text()).toContain("rust");
  });

  it("in a direct message acts on the person's own alerts, kept for their DM with the bot", async () => {
    const { store, slash, last } = setup({ adminsOnly: true });
    await slash("subscribe golang", MEMBER, "D0TWOPEOPLE");
    expect(await queriesOf(store, `slack:DBOT${MEMBER}`)).toEqual(["golang"]);
    expect(last()).toMatchObject({ chat: `slack:DBOT${MEMBER}`, visibility: "ephemeral" });
  });

  it("answers an unknown sub-command and an error privately", async () => {
    const { slash, last, text } = setup();
    await slash("frobnicate now");
    expect(last()?.visibility).toBe("ephemeral");
    expect(text()).toContain('There is no "frobnicate". /jobhound help');
    await slash('subscribe "unclosed');
    expect(last()?.visibility).toBe("ephemeral");
    expect(text()).toContain("quote");
  });

  it("refuses a button whose value is not a pager's, without running anything", async () => {
    const { deps, last, text } = setup();
    await handlePagerButton(
      { user: MEMBER, channelId: CHANNEL, value: '{"command":"subscribe","page":1,"query":"x"}', responseUrl: "u" },
      deps,
    );
    expect(last()?.visibility).toBe("ephemeral");
    expect(text()).toContain("This button no longer works");
  });
});
