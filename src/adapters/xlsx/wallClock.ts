/**
 * exceljs builds dates with the serial's wall-clock time in the UTC fields, so read them back
 * with the UTC getters (local getters would shift by the machine's zone). Rounded to the second:
 * serials are binary fractions and 15:10:10 would otherwise print as 15:10:09.
 */
export function wallClock(d: Date): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000);
  const p = (n: number, w = 2): string => String(n).padStart(w, "0");
  return (
    `${p(t.getUTCFullYear(), 4)}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())}` +
    `T${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`
  );
}
