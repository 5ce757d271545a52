/**
 * Calendar dates as spreadsheets store them: a serial day number in the 1900 date system
 * (1 = 1900-01-01, with Lotus's phantom 1900-02-29 as 60), shown through a date number format.
 * Office.js hands date cells back as these serials; the file adapter gives CellDate.
 */
const DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** "2024-03-01" → 45352. */
export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number) as [number, number, number];
  const serial = (Date.UTC(y, m - 1, d) - EPOCH) / DAY;
  return serial < 61 ? serial - 1 : serial;
}

/** 45352 → "2024-03-01"; the time of day, if any, is dropped. */
export function serialToIso(serial: number, date1904 = false): string {
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const t = EPOCH + (days < 61 && !date1904 ? days + 1 : days) * DAY;
  return new Date(t).toISOString().slice(0, 10);
}

/** A real calendar date (no 2月30日), as "yyyy-mm-dd", or null. */
export function isoDate(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}
