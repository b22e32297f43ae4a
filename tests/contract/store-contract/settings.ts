/** The store contract: chat settings (time zone, digest, quiet hours) and subscriptions' own schedules. */
import { expect, it } from "vitest";
import { makeJob } from "../../fakes/builders.js";
import { ALICE, BOB, storeJobs, subscribe, type OpenStore } from "./fixture.js";

const DAILY = { every: "day", at: 8 * 60 + 30 } as const;
const NIGHT = { from: 22 * 60, to: 7 * 60 };

export function settingsContract(open: OpenStore): void {
  it("sets a chat's time zone, digest and quiet hours, each on its own, and keeps its other state", async () => {
    const store = await open();
    await subscribe(store, ALICE);
    await store.setPaused(ALICE, true, "blocked");
    await store.updateChatSettings(ALICE, { timeZone: "Europe/Berlin" });
    await store.updateChatSettings(ALICE, { digest: DAILY });
    const updated = await store.updateChatSettings(ALICE, { quietHours: NIGHT });
    const expected = {
      chat: ALICE,
      cursor: 0,
      paused: true,
      pausedReason: "blocked",
      timeZone: "Europe/Berlin",
      digest: DAILY,
      quietHours: NIGHT,
    };
    expect(updated).toEqual(expected);
    expect(await store.getChat(ALICE)).toEqual(expected);
  });

  it("removes a setting given as null and leaves those not named", async () => {
    const store = await open();
    await store.updateChatSettings(ALICE, { timeZone: "UTC", digest: DAILY, quietHours: NIGHT });
    await store.updateChatSettings(ALICE, { digest: null });
    expect(await store.getChat(ALICE)).toEqual({
      chat: ALICE,
      cursor: 0,
      paused: false,
      timeZone: "UTC",
      quietHours: NIGHT,
    });
  });

  it("creates the state of a chat that has none yet, its cursor at lastSeq", async () => {
    const store = await open();
    const job = makeJob();
    await storeJobs(store, job);
    await store.updateChatSettings(BOB, { timeZone: "America/New_York" });
    expect(await store.getChat(BOB)).toEqual({
      chat: BOB,
      cursor: job.seq,
      paused: false,
      timeZone: "America/New_York",
    });
  });

  it("gives one subscription its own schedule, and takes it away again", async () => {
    const store = await open();
    const first = await subscribe(store, ALICE);
    const second = await subscribe(store, ALICE, "go");
    const weekly = { every: "week", day: 1, at: 9 * 60 } as const;
    expect(await store.setSubscriptionSchedule(ALICE, second.id, weekly)).toEqual({ ...second, schedule: weekly });
    expect(await store.subscriptionsOf(ALICE)).toEqual([first, { ...second, schedule: weekly }]);
    expect(await store.setSubscriptionSchedule(ALICE, second.id, undefined)).toEqual(second);
    expect(await store.subscriptionsOf(ALICE)).toEqual([first, second]);
  });

  it("lists the subscriptions of the chats asked about that have their own schedule", async () => {
    const store = await open();
    const weekly = { every: "week", day: 1, at: 9 * 60 } as const;
    const alices = await subscribe(store, ALICE);
    await subscribe(store, ALICE, "go");
    const bobs = await subscribe(store, BOB);
    await store.setSubscriptionSchedule(ALICE, alices.id, weekly);
    await store.setSubscriptionSchedule(BOB, bobs.id, DAILY);
    expect(await store.scheduledSubscriptions([ALICE, "telegram:404"])).toEqual([{ ...alices, schedule: weekly }]);
    expect(await store.scheduledSubscriptions([ALICE, BOB])).toEqual([
      { ...alices, schedule: weekly },
      { ...bobs, schedule: DAILY },
    ]);
    expect(await store.scheduledSubscriptions([])).toEqual([]);
  });

  it("does not set the schedule of another chat's subscription or of an unknown one", async () => {
    const store = await open();
    const bobs = await subscribe(store, BOB);
    expect(await store.setSubscriptionSchedule(ALICE, bobs.id, { every: "instant" })).toBeUndefined();
    expect(await store.setSubscriptionSchedule(ALICE, "999", { every: "instant" })).toBeUndefined();
    expect(await store.subscriptionsOf(BOB)).toEqual([bobs]);
  });

  it("moves a chat's settings with it when the chat moves", async () => {
    const store = await open();
    const sub = await subscribe(store, ALICE);
    await store.setSubscriptionSchedule(ALICE, sub.id, DAILY);
    await store.updateChatSettings(ALICE, { timeZone: "Europe/Berlin", quietHours: NIGHT });
    await store.moveChat(ALICE, BOB);
    expect(await store.getChat(BOB)).toMatchObject({ timeZone: "Europe/Berlin", quietHours: NIGHT });
    expect(await store.subscriptionsOf(BOB)).toEqual([{ ...sub, chat: BOB, schedule: DAILY }]);
  });
}
