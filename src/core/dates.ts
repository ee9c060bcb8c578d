/**
 * Date reading for review dates and exemption expiry. Only calendar dates
 * matter, so everything is an ISO `YYYY-MM-DD` string and arithmetic is
 * done on UTC day numbers.
 */

const DAY_MS = 86_400_000;

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2999) return undefined;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  // Reject dates such as 2026-02-30 that Date would roll over.
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return back.toISOString().slice(0, 10);
}

/**
 * Reads a date written as ISO (`2026-05-01`, with an optional time),
 * `YYYY/MM/DD`, `MM/DD/YYYY` or a JavaScript Date (YAML timestamps).
 * Returns the ISO day or undefined when the value is not a date.
 */
export function parseDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+[\d:]+\s*(?:[AaPp][Mm])?)?$/.exec(s);
  if (m) return iso(+m[3], +m[1], +m[2]);
  return undefined;
}

/** Day number (days since 1970-01-01) of an ISO day. */
export function dayNumber(isoDay: string): number {
  return Math.floor(Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS);
}

/** ISO day `n` days after `isoDay`. */
export function addDays(isoDay: string, n: number): string {
  return new Date((dayNumber(isoDay) + n) * DAY_MS).toISOString().slice(0, 10);
}

/** ISO day `n` months after `isoDay` (clamped to the month's last day). */
export function addMonths(isoDay: string, n: number): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return new Date(Date.UTC(ny, nm, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * Reads an interval such as `6 months`, `90 days`, `1 year`, `2 weeks`
 * (also `6mo`, `P6M`-free plain forms) and adds it to `from`.
 */
export function addInterval(from: string, interval: unknown): string | undefined {
  if (typeof interval === 'number' && Number.isFinite(interval)) return addDays(from, Math.round(interval));
  if (typeof interval !== 'string') return undefined;
  const m = /^\s*(\d+)\s*(d|days?|w|weeks?|m|mo|months?|y|yrs?|years?)\s*$/i.exec(interval);
  if (!m) return undefined;
  const n = +m[1];
  const unit = m[2].toLowerCase();
  if (unit.startsWith('d')) return addDays(from, n);
  if (unit.startsWith('w')) return addDays(from, 7 * n);
  if (unit.startsWith('y')) return addMonths(from, 12 * n);
  return addMonths(from, n);
}

/**
 * Today as an ISO day in the local time zone of this process (the user's): the date a person's review is written with.
 */
export function today(d: Date = new Date()): string {
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
