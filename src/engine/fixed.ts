/**
 * Scores as scaled integers: a value x at scale s is the integer x·10^s held in a double, exact
 * while it stays below 2^52. This is the engine's fast path; decimal.ts (big.js) is the exact
 * path that explanations use. Every function here returns NaN when it cannot be sure of the
 * exact result, and the caller then asks the exact path — so the two always agree (the oracle
 * test in test/engine/oracle.test.ts runs both on random workbooks).
 */

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Below 2^52 two different numbers with `scale` decimals never share a double, so a round trip proves the spelling. */
const LIMIT = 2 ** 52;

export function pow10(k: number): number {
  return POW10[k]!;
}

/**
 * x·10^scale when x's shortest decimal spelling (what decimal.ts reads) has at most `scale`
 * decimals; NaN otherwise. n/10^scale is the double nearest the decimal n·10^−scale, so it
 * equals x only if that decimal is x's spelling.
 */
export function scaled(x: number, scale: number): number {
  const f = POW10[scale]!;
  const n = Math.round(x * f);
  return Math.abs(n) < LIMIT && n / f === x ? n + 0 : NaN;
}

/** The number of decimals of x's spelling, up to `most`; Infinity beyond. */
export function decimalsOf(x: number, most: number): number {
  for (let k = 0; k <= most; k++) if (!Number.isNaN(scaled(x, k))) return k;
  return Infinity;
}

/** n (an integer at some scale) to `drop` fewer decimals, halves away from zero as spreadsheet ROUND. */
export function roundScaled(n: number, drop: number): number {
  if (drop === 0) return n;
  const f = POW10[drop]!;
  // Not n % f: on doubles that is a call to fmod, the slowest step of a score. The quotient's
  // truncation can be one off near 2^52; the remainder (exact: all terms below 2^53) corrects it.
  const m = Math.abs(n);
  let q = Math.trunc(m / f);
  let r = m - q * f;
  if (r < 0) {
    q--;
    r += f;
  } else if (r >= f) {
    q++;
    r -= f;
  }
  if (2 * r >= f) q++;
  return n < 0 ? -q + 0 : q;
}

/** a·b for integers, NaN when the product may not be exact. */
export function mulExact(a: number, b: number): number {
  const p = a * b;
  return Math.abs(p) < LIMIT ? p + 0 : NaN;
}

/**
 * An inexact value (a quotient the exact path carries to 20 decimals), given at scale `from`,
 * rounded to `drop` fewer decimals — or NaN when it lies so near a half that the 20-decimal
 * rounding or the double's own error could tip it.
 */
export function roundApprox(v: number, drop: number): number {
  const y = Math.abs(v) / POW10[drop]!;
  if (!(y < 1e9)) return NaN;
  const whole = Math.floor(y);
  const frac = y - whole;
  if (Math.abs(frac - 0.5) < 1e-6) return NaN;
  return Math.sign(v) * (whole + (frac > 0.5 ? 1 : 0)) + 0;
}

/** An integer at `scale` as the number the exact path would print (never −0). */
export function toValue(n: number, scale: number): number {
  return n / POW10[scale]! + 0;
}
