/**
 * The renderer contract's part on the buttons under an alert (issue #18): a renderer that shows
 * actions turns each of the view's actions into a button carrying the action's payload verbatim,
 * labelled with the action's label, within its platform's limits. Each platform that has buttons
 * runs it from tests/contract/renderers.test.ts with its own subject.
 */
import { describe, expect, it } from "vitest";
import { viewActions } from "../../../commands/alert-actions.js";
import { alertActionCodec } from "../../../src/core/alert-action-payload.js";
import type { Alert, AlertItem } from "../../../src/core/alert.js";
import { alertView, type AlertView } from "../../../src/core/alert-view.js";
import { makeJob, T0 } from "../../fakes/builders.js";

export interface RenderedButton {
  label: string;
  payload: string;
}

export interface ActionButtonsSubject {
  /** The buttons that carry an action's payload, in display order (link buttons left out). */
  buttons(view: AlertView): RenderedButton[];
  /** How many jobs of a grouped alert get buttons (Infinity for every job shown). */
  jobsWithButtons: number;
  /** The platform's limits on a button's payload and label. */
  maxPayload: number;
  maxLabel: number;
}

const CHAT = "test:1";
const NOW = T0 + 3_600_000;
const codec = alertActionCodec("the renderer contract's own secret");

const item = (title: string): AlertItem => ({
  job: makeJob({ title, company: "Evil & <Co> @here" }),
  matches: [{ subscriptionId: "1", query: "rust", words: ["rust"] }],
});
const viewOf = (items: AlertItem[], withActions = true): AlertView =>
  alertView({ chat: CHAT, items } satisfies Alert, NOW, withActions ? viewActions(codec, CHAT) : undefined);
const payloadsOf = (view: AlertView): string[] =>
  view.groups.flatMap((group) => group.entries.flatMap((entry) => entry.actions.map((action) => action.payload)));

export function alertActionsContract(name: string, subject: ActionButtonsSubject): void {
  describe(`the ${name} renderer's alert buttons (renderer contract)`, () => {
    it("shows each action of a single alert as a button with its label, carrying its payload", () => {
      const view = viewOf([item("Rust engineer")]);
      const buttons = subject.buttons(view);
      expect(buttons.map((b) => b.payload)).toEqual(payloadsOf(view));
      expect(buttons.map((b) => b.label)).toEqual(["Save", "Hide", "Mute company"]);
    });

    it("gives the jobs of a grouped alert their own buttons, as many as the platform allows", () => {
      const view = viewOf(Array.from({ length: 7 }, (_, i) => item(`Rust engineer ${i}`)));
      const buttons = subject.buttons(view);
      const perJob = 3;
      const jobs = Math.min(7, subject.jobsWithButtons);
      expect(buttons.map((b) => b.payload)).toEqual(payloadsOf(view).slice(0, jobs * perJob));
      for (const [i, b] of buttons.entries())
        // A grouped alert's labels may be shortened beside the job's number ("Mute 2").
        expect(b.label).toContain(["Save", "Hide", "Mute"][i % perJob] ?? "");
      for (const b of buttons) {
        expect(b.payload.length).toBeLessThanOrEqual(subject.maxPayload);
        expect(b.label.length).toBeLessThanOrEqual(subject.maxLabel);
      }
    });

    it("shows no action buttons when the view has no actions", () => {
      expect(subject.buttons(viewOf([item("Rust engineer")], false))).toEqual([]);
      expect(subject.buttons(viewOf([item("A"), item("B")], false))).toEqual([]);
    });
  });
}
