import type { Scheme } from "../scheme/schema";
import { dec, maxDec, minDec, roundTo, sum, toNumber, ZERO, type Dec } from "./decimal";
import { round } from "./formula";
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

/** The same as a formula: `sumOfKind(kind)` is the unit's points of one kind of penalty row (fixed, discretionary). */
export function penaltyFormula(sumOfKind: (kind: "fixed" | "discretionary") => string, decimals: number | string): string {
  return round(`${sumOfKind("fixed")}+${sumOfKind("discretionary")}`, decimals);
}
