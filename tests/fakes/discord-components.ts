/**
 * Discord's limits on a message's buttons, as its API checks them (a breach is refused with 400,
 * code 50035 "Invalid Form Body"): at most 5 action rows, at most 5 buttons in a row, a custom_id
 * of 1 to 100 characters, a label of at most 80, and a button with either a custom_id or a url.
 */

interface ComponentShape {
  type?: number;
  components?: ComponentShape[];
  custom_id?: string;
  label?: string;
  url?: string;
  style?: number;
}

const ACTION_ROW = 1;
const BUTTON = 2;
const LINK_STYLE = 5;

/** Each breach of Discord's component limits in a message body's `components`, as a sentence. */
export function componentBreaches(components: unknown): string[] {
  if (components === undefined) return [];
  if (!Array.isArray(components)) return ["components is not a list"];
  const breaches: string[] = [];
  if (components.length > 5) breaches.push(`${components.length} action rows (at most 5)`);
  for (const row of components as ComponentShape[]) {
    if (row.type !== ACTION_ROW) continue;
    const buttons = row.components ?? [];
    if (buttons.length === 0 || buttons.length > 5) breaches.push(`a row of ${buttons.length} components (1 to 5)`);
    for (const button of buttons.filter((b) => b.type === BUTTON)) {
      const id = button.custom_id;
      if (button.style === LINK_STYLE ? !button.url : id === undefined || id.length < 1 || id.length > 100)
        breaches.push(`a button's custom_id of ${id?.length ?? 0} characters (1 to 100)`);
      if ((button.label ?? "").length > 80) breaches.push(`a label of ${button.label?.length} characters (at most 80)`);
    }
  }
  return breaches;
}
