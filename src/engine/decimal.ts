import Big from "big.js";

/**
 * Exact decimal arithmetic for scores. Spreadsheet numbers arrive as doubles; we take their
 * shortest decimal spelling (String(0.1) === "0.1") so 0.1 + 0.2 is exactly 0.3 here.
 * Rounding is half away from zero, as Excel's, WPS's and LibreOffice's ROUND.
 */
export type Dec = Big;

Big.DP = 20;
Big.RM = Big.roundHalfUp;

export function dec(x: number | string | Big): Dec {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    return new Big(String(x));
  }
  return new Big(x);
}

export const ZERO: Dec = new Big(0);

export function sum(xs: readonly Dec[]): Dec {
  return xs.reduce((a, b) => a.plus(b), ZERO);
}

export function minDec(a: Dec, b: Dec): Dec {
  return a.lt(b) ? a : b;
}

export function maxDec(a: Dec, b: Dec): Dec {
  return a.gt(b) ? a : b;
}

export function clamp(x: Dec, lo: Dec, hi: Dec): Dec {
  return minDec(maxDec(x, lo), hi);
}

/** Half away from zero, like spreadsheet ROUND (big.js roundHalfUp rounds ties away from zero). */
export function roundTo(x: Dec, decimals: number): Dec {
  return x.round(decimals, Big.roundHalfUp);
}

export function toNumber(x: Dec): number {
  return Number(x.toString());
}
