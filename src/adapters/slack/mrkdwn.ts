/**
 * Slack's mrkdwn, the markup of message text and Block Kit sections. Only `&`, `<` and `>` are
 * control characters (PLATFORM-NOTES "Slack and Bolt"): escaped, a scraped title reading
 * `<!channel>` or `<@U123>` shows as text and pings no one.
 */

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Only http(s) URLs become links and buttons. */
export function webUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** `<url|label>`: the label escaped; a `|` in the URL would end it early, so it is encoded. */
export function mrkdwnLink(escapedLabel: string, url: string | undefined): string {
  const href = webUrl(url);
  return href ? `<${escapeMrkdwn(href).replace(/\|/g, "%7C")}|${escapedLabel}>` : escapedLabel;
}

/**
 * Cuts mrkdwn to `max` characters with an ellipsis, never inside an escape (`&amp;`), a link
 * (`<…|…>`) or a surrogate pair.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z]{0,4}$/, "");
  if (cut.lastIndexOf("<") > cut.lastIndexOf(">")) cut = cut.slice(0, cut.lastIndexOf("<"));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
