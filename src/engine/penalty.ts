import type { Scheme } from "../scheme/schema";
import { dec, maxDec, minDec, roundTo, sum, toNumber, ZERO, type Dec } from "./decimal";
import { lit, num, round } from "./formula";
import type { EventInput } from "./inputs";
import type { TrailEntry } from "./trail";

/**
 * 罚劣扣分, subtracted from the total: fixed points per occurrence, or discretionary points that
 * the office writes on the row (never negative, at most the item's maximum when it has one).
 */
export function penaltyFor(scheme: Scheme, events: readonly EventInput[], decimals: number): { total: Dec; trail: TrailEntry[] } {
  const trail: TrailEntry[] = [];
  const parts: Dec[] = [];
  for (const item of scheme.penalties.items) {
    for (const e of events.filter((x) => x.kind === "penalty" && x.itemId === item.id)) {
      let off: Dec;
      let zh: string;
      if (item.kind === "fixed") {
        const n = dec(Math.max(0, e.count ?? 0));
        off = n.times(dec(item.pointsEach));
        zh = `扣分：${item.name} ${n} 次 × ${item.pointsEach} 分 = ${off} 分`;
      } else {
        off = maxDec(dec(e.points ?? 0), ZERO);
        if (item.maxPoints !== null) off = minDec(off, dec(item.maxPoints));
        zh = `扣分：${item.name}，酌情扣 ${off} 分`;
      }
      if (off.eq(ZERO)) continue;
      parts.push(off);
      trail.push({
        component: "penalty",
        kind: item.kind === "fixed" ? "penalty" : "discretionary",
        item: item.name,
        delta: -toNumber(off),
        text: { zh, en: `penalty: ${item.id} −${off}` },
        reason: e.reason,
        source: item.kind === "fixed" ? e.countSource : e.pointsSource,
      });
    }
  }
  return { total: roundTo(sum(parts), decimals), trail };
}

/** `rows` are the unit's penalty rows with their item and the count and points cell references. */
export function penaltyFormula(
  scheme: Scheme,
  rows: readonly { itemId: string; countExpr: string; pointsRef: string }[],
  decimals: number,
): string {
  const terms: string[] = [];
  for (const item of scheme.penalties.items) {
    for (const r of rows.filter((x) => x.itemId === item.id)) {
      if (item.kind === "fixed") terms.push(`${lit(item.pointsEach)}*${r.countExpr}`);
      else {
        const pts = `MAX(${num(r.pointsRef)},0)`;
        terms.push(item.maxPoints === null ? pts : `MIN(${pts},${lit(item.maxPoints)})`);
      }
    }
  }
  return terms.length === 0 ? "0" : round(terms.join("+"), decimals);
}
