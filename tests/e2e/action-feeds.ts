/**
 * The board the alert-button tests read (Discord and Slack alike): the 2020 feed as the baseline,
 * then two rounds of "marketing" jobs. Acme has a job in each round; muting Acme after the first
 * must keep its second from the muted chat, while Initech's, new in the same round, arrives.
 */
import { fixture } from "../fixtures.js";

const BASELINE = fixture("wwr-programming-2020.rss");

function wwrItem(company: string, title: string): string {
  const url = `https://weworkremotely.com/remote-jobs/${`${company}-${title}`.toLowerCase().replace(/\W+/g, "-")}`;
  return `<item>
  <title>${company}: ${title}</title>
  <region>Anywhere in the World</region>
  <type>Full-Time</type>
  <description>&lt;p&gt;${company} is hiring: ${title}.&lt;/p&gt;</description>
  <pubDate>Wed, 01 Apr 2026 10:00:00 +0000</pubDate>
  <guid>${url}</guid>
  <link>${url}</link>
</item>`;
}

const withItems = (...items: string[]) => BASELINE.replace("</channel>", `${items.join("\n")}\n</channel>`);

const FIRST_ROUND_ITEMS = [wwrItem("Acme", "Marketing lead"), wwrItem("Globex", "Marketing manager")];
const SECOND_ROUND_ITEMS = [wwrItem("Acme", "Marketing director"), wwrItem("Initech", "Marketing associate")];

export const FEEDS = {
  baseline: BASELINE,
  first: withItems(...FIRST_ROUND_ITEMS),
  second: withItems(...FIRST_ROUND_ITEMS, ...SECOND_ROUND_ITEMS),
};
