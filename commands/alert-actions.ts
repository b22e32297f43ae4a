/**
 * What a tap on an alert's button does (issue #18), for every platform: the adapter hands over the
 * chat, the person, whether they may change the chat's alerts, and the button's payload; it gets
 * back a short answer for that person and, when the alert should change, its new note and buttons.
 *
 * Save keeps the job for the person who tapped (their /saved, in their private chat with the bot),
 * wherever the alert was. Hide and Mute change the chat's alerts, so in a group they follow the rule
 * of subscribing there: admins only. Nothing changes unless the payload was made for this chat
 * (alert-action-payload.ts) and names a job still stored.
 */
import type { AlertAction, AlertActionCodec } from "../src/core/alert-action-payload.js";
import type { ChatId } from "../src/core/chat.js";
import { savedJobOf } from "../src/core/chat-filters.js";
import type { Clock } from "../src/core/clock.js";
import type { Job } from "../src/core/job.js";
import type { Store } from "../src/store/store.js";

export interface AlertButton {
  action: AlertAction;
  label: string;
  payload: string;
}

export interface AlertActionContext {
  chat: ChatId;
  /** The platform's id of the person who tapped. */
  user: string;
  /** A private chat between that person and the bot: they may change its alerts. */
  isPrivate: boolean;
  /** In a group: whether the person may change the group's alerts (the adapters' chat-admin check). */
  isAdmin: boolean;
  /** The person's private chat with the bot (the platform's addressing says which), where Save keeps the job. */
  owner: ChatId;
  payload: string;
  codec: AlertActionCodec;
  store: Store;
  clock: Clock;
}

export interface AlertActionResult {
  /** A short answer shown to the person who tapped (a toast, an ephemeral reply, a line). */
  answer: string;
  /** How the alert changes: a note under it ("Saved ✓") and its buttons from now on. */
  edit?: { note: string; buttons: AlertButton[] };
  /** Whether anything was stored. */
  changed: boolean;
}

const LABELS: Readonly<Record<AlertAction, string>> = {
  save: "Save",
  unsave: "Unsave",
  hide: "Hide",
  mute: "Mute company",
};

/** The buttons under an alert of this job in this chat: Save (or Unsave once saved), Hide, Mute company. */
export function alertButtons(
  codec: AlertActionCodec,
  chat: ChatId,
  job: Pick<Job, "seq">,
  saved = false,
): AlertButton[] {
  const actions: AlertAction[] = [saved ? "unsave" : "save", "hide", "mute"];
  return actions.map((action) => ({
    action,
    label: LABELS[action],
    payload: codec.encode(chat, { action, seq: job.seq }),
  }));
}

/** The buttons of every job of an alert sent to `chat`, for `alertView` (src/core/alert-view.ts). */
export const viewActions =
  (codec: AlertActionCodec, chat: ChatId) =>
  (job: Pick<Job, "seq">): { label: string; payload: string }[] =>
    alertButtons(codec, chat, job).map(({ label, payload }) => ({ label, payload }));

const refused = (answer: string): AlertActionResult => ({ answer, changed: false });

export async function runAlertAction(ctx: AlertActionContext): Promise<AlertActionResult> {
  const decoded = ctx.codec.decode(ctx.chat, ctx.payload);
  if (!decoded.ok) {
    return refused(
      decoded.reason === "foreign"
        ? "This button belongs to an alert sent to another chat; nothing changed."
        : "This button is not one of mine (or is from an older version); nothing changed.",
    );
  }
  const job = await jobBySeq(ctx.store, decoded.seq);
  if (!job) return refused("That job is no longer stored (old jobs are deleted); nothing changed.");
  const { action } = decoded;
  if ((action === "hide" || action === "mute") && !ctx.isPrivate && !ctx.isAdmin) {
    return refused("Only the group's admins can hide jobs or mute companies here; nothing changed.");
  }
  const { owner } = ctx;
  switch (action) {
    case "save": {
      const changed = await ctx.store.saveJob(owner, savedJobOf(job, ctx.clock.now()));
      const answer = changed ? "Saved ✓ (/saved lists it)" : "Already saved (/saved lists it)";
      // In a group the alert is everyone's: it keeps its Save button for the others.
      if (!ctx.isPrivate) return { answer, changed };
      return { answer, changed, edit: { note: "Saved ✓", buttons: alertButtons(ctx.codec, ctx.chat, job, true) } };
    }
    case "unsave": {
      const changed = await ctx.store.unsaveJob(owner, job.id);
      const answer = changed ? "Removed from your saved jobs" : "It was not among your saved jobs";
      return { answer, changed, edit: { note: "", buttons: alertButtons(ctx.codec, ctx.chat, job, false) } };
    }
    case "hide": {
      const changed = await ctx.store.updateChatFilters(ctx.chat, { kind: "hide", fingerprint: job.fingerprint });
      const answer = "Hidden ✓: this job will not be announced here again, from any board.";
      return { answer, changed, edit: { note: "Hidden ✓", buttons: [] } };
    }
    case "mute": {
      const changed = await ctx.store.updateChatFilters(ctx.chat, { kind: "mute", company: job.company });
      const answer = `${job.company} muted ✓: no more alerts from them here. /unmute ${job.company} undoes it.`;
      return { answer, changed, edit: { note: `${job.company} muted ✓`, buttons: [] } };
    }
  }
}

/** The stored job with this seq; recentJobs is sorted by seq, highest first. */
async function jobBySeq(store: Store, seq: number): Promise<Job | undefined> {
  const jobs = await store.recentJobs();
  let low = 0;
  let high = jobs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const job = jobs[middle] as Job;
    if (job.seq === seq) return job;
    if (job.seq > seq) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
