/**
 * The one contract every platform's renderer passes (docs/ARCHITECTURE.md "One alert view"). A
 * renderer turns core's AlertView into its platform's messages; the subject of each platform says
 * what a reader of those messages sees and what in them would be unsafe on that platform. Run it
 * from tests/contract/renderers.test.ts with one line per platform.
 */
import { describe, expect, it } from "vitest";
import type { Alert, AlertItem } from "../../../src/core/alert.js";
import { alertView, matchView, type AlertView } from "../../../src/core/alert-view.js";
import { viewActions } from "../../../commands/alert-actions.js";
import { alertActionCodec } from "../../../src/core/alert-action-payload.js";
import { makeJob, T0 } from "../../fakes/builders.js";

export interface RenderedAlert {
  /** Each message as a reader sees it: markup applied, escapes undone, fields in display order. */
  visible: string[];
  /** What the platform would refuse or act on: broken markup, an active mention, a control character. */
  problems: string[];
  /** Each message's length as the platform counts it against its limit. */
  lengths: number[];
  /** Each message's buttons (label as shown, and the payload a tap hands back), for renderers that show actions. */
  buttons?: { label: string; payload: string }[][];
}

export interface RendererSubject {
  render(view: AlertView): RenderedAlert;
  /** The platform's limit on one message (Infinity for none). */
  maxMessageLength: number;
  /**
   * Whether the platform shows each entry's actions as buttons under the alert. The terminal does
   * not: it numbers alerts instead (`/save 3`).
   */
  showsActions?: boolean;
}

const NOW = T0 + 3 * 3_600_000;

export const HOSTILE = {
  title: "<b>Rust</b> @everyone <@&123> <!channel> **now** _x_ [win](http://evil.example) `x` #1",
  company: "Evil & <Co> @here",
  location: "Remote <script>",
  tag: "<@42> *tag*",
  query: "rust <b>remote</b> @everyone",
};

function item(overrides: Parameters<typeof makeJob>[0] = {}, queries = ["rust remote"]): AlertItem {
  return {
    job: makeJob({
      salary: { min: 120_000, max: 160_000, currency: "USD", period: "year" },
      employmentType: "Full-Time",
      postedAt: T0,
      ...overrides,
    }),
    matches: queries.map((query, i) => ({ subscriptionId: String(i + 1), query, words: ["rust"] })),
  };
}

const alertOf = (...items: AlertItem[]): Alert => ({ chat: "test:1", items });
const actionsFor = viewActions(alertActionCodec("renderer contract secret"), "test:1");
const all = (rendered: RenderedAlert): string => rendered.visible.join("\n");

export function rendererContract(name: string, subject: RendererSubject): void {
  const render = (alert: Alert) => subject.render(alertView(alert, NOW));

  describe(`the ${name} renderer (renderer contract)`, () => {
    it("escapes hostile text: markup and mentions arrive as the words they are", () => {
      const hostile = item(
        { title: HOSTILE.title, company: HOSTILE.company, location: HOSTILE.location, tags: [HOSTILE.tag] },
        [HOSTILE.query],
      );
      for (const alert of [alertOf(hostile), alertOf(hostile, item())]) {
        const rendered = render(alert);
        expect(rendered.problems).toEqual([]);
        const seen = all(rendered);
        for (const text of [HOSTILE.title, HOSTILE.company, HOSTILE.location, HOSTILE.query])
          expect(seen).toContain(text);
      }
    });

    it("shows a single alert's information in the same order as every platform", () => {
      const single = item({ title: "Senior Rust Engineer", company: "Ferrous", location: "Anywhere" });
      const seen = all(render(alertOf(single)));
      const order = ["Senior Rust Engineer", "Ferrous", "Anywhere", "$120k–$160k / year", "Full-Time"];
      const positions = order.map((text) => seen.indexOf(text));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(seen.indexOf("via ")).toBeGreaterThan(positions[0] ?? 0);
    });

    it("explains a match in the very words core chose, with the list capped the same way", () => {
      const many = item({}, ["rust", "go remote", "kotlin", "scala", "elixir"]);
      const explanation = matchView(many).text;
      expect(explanation).toContain("and 2 more");
      expect(all(render(alertOf(many)))).toContain(explanation);
      expect(all(render(alertOf(many, item())))).toContain(explanation);
    });

    it("keeps within the platform's limit and says honestly how many jobs it left out", () => {
      const count = 300;
      const items = Array.from({ length: count }, (_, i) =>
        item({ title: `Engineer number ${i} ${"long title ".repeat(12)}`, description: "x".repeat(500) }),
      );
      const rendered = render(alertOf(...items));
      for (const length of rendered.lengths) expect(length).toBeLessThanOrEqual(subject.maxMessageLength);
      const seen = all(rendered);
      const shown = items.filter((_, i) => seen.includes(`Engineer number ${i} `)).length;
      const more = [...seen.matchAll(/…and (\d+) more/g)].reduce((sum, m) => sum + Number(m[1]), 0);
      expect(shown + more).toBe(count);
      expect(shown).toBeGreaterThan(0);
    });

    if (subject.showsActions)
      it("puts each job's actions under it as buttons carrying core's payloads, in the message that shows the job", () => {
        const single = alertView(alertOf(item({ title: "Only job" })), NOW, actionsFor);
        const [entry] = single.groups[0]?.entries ?? [];
        const buttons = subject.render(single).buttons?.flat() ?? [];
        expect(buttons.filter((b) => b.payload.startsWith("a1:"))).toEqual(
          entry?.actions.map(({ label, payload }) => ({ label, payload })),
        );

        const titles = ["First job", "Second job", "Third job"];
        const grouped = alertView(alertOf(...titles.map((title) => item({ title }))), NOW, actionsFor);
        const rendered = subject.render(grouped);
        const entries = grouped.groups.flatMap((group) => group.entries);
        for (const [i, { job, actions }] of entries.entries()) {
          const at = rendered.visible.findIndex((text) => text.includes(job.title));
          const shown = rendered.buttons?.[at] ?? [];
          for (const action of actions) {
            const button = shown.find((b) => b.payload === action.payload);
            expect(button, `${action.label} of job ${i + 1}`).toBeDefined();
            // Several jobs' buttons side by side say which job they act on, by its number in the list.
            expect(button?.label).toContain(String(i + 1));
          }
        }
      });

    it("shows a digest's groups, their '…and N more' and the folded line", () => {
      const view = alertView(alertOf(item({ title: "A" }), item({ title: "B" })), NOW);
      const [group] = view.groups;
      if (!group) throw new Error("no group");
      const digest: AlertView = {
        ...view,
        groups: [{ ...group, query: "rust remote", more: { count: 4, command: "/latest rust remote" } }],
        folded: {
          count: 7,
          command: "/latest rust",
          text: "7 more jobs matched while alerts could not be delivered: /latest rust",
        },
      };
      const seen = all(subject.render(digest));
      expect(seen).toContain("rust remote");
      expect(seen).toContain("…and 4 more: /latest rust remote");
      expect(seen).toContain("7 more jobs matched while alerts could not be delivered: /latest rust");
    });
  });
}
