// Timestamp text in the shapes the real exports use (portal ISO, Log Analytics en-US 12-hour).

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO-8601 with milliseconds, UTC: `2023-10-26T14:07:56.736Z`. */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

/** Portal CSV `Date (UTC)`: ISO-8601 to the second, `2023-10-26T14:07:56Z`. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Log Analytics "Export to CSV" text: `10/26/2023, 2:07:56.736 PM` (UTC). */
export function laTimestamp(ms: number): string {
  const d = new Date(ms);
  const hours24 = d.getUTCHours();
  const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
  const meridiem = hours24 < 12 ? 'AM' : 'PM';
  const date = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
  const time = `${hours12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return `${date}, ${time} ${meridiem}`;
}
