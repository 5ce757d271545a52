import type { Scheme } from "../scheme/schema";
import { dec, minDec, roundTo, sum, toNumber, ZERO, type Dec } from "./decimal";
import { round } from "./formula";
import type { EventInput } from "./inputs";
import type { TrailEntry } from "./trail";

export interface BonusScore {
  /** Before any cap. */
  readonly raw: Dec;
  readonly capped: Dec;
  /** Names of the caps that bit: item names and "加分总分". */
  readonly capsHit: readonly string[];
  readonly trail: readonly TrailEntry[];
}

/** 奖优加分: points per occurrence, each item under its own cap, all under the total cap (5). */
export function bonusFor(scheme: Scheme, events: readonly EventInput[], decimals: number): BonusScore {
  const capsHit: string[] = [];
  const trail: TrailEntry[] = [];
  const perItem: Dec[] = [];
  let raw = ZERO;
  for (const item of scheme.bonus.items) {
    const mine = events.filter((e) => e.kind === "bonus" && e.itemId === item.id);
    if (mine.length === 0) continue;
    const count = sum(mine.map((e) => dec(Math.max(0, e.count ?? 0))));
    const gained = count.times(dec(item.pointsEach));
    raw = raw.plus(gained);
    let kept = gained;
    if (item.cap !== null && gained.gt(item.cap)) {
      kept = dec(item.cap);
      capsHit.push(item.name);
    }
    perItem.push(kept);
    trail.push({
      component: "bonus",
      kind: "bonus",
      item: item.name,
      delta: toNumber(kept),
      text: {
        zh: `加分：${item.name} ${count} 次 × ${item.pointsEach} 分 = ${gained} 分${kept.lt(gained) ? `，本项累计不超过 ${item.cap} 分` : ""}`,
        en: `bonus: ${item.id} ${count} × ${item.pointsEach} = ${gained}${kept.lt(gained) ? `, item cap ${item.cap}` : ""}`,
      },
      reason: mine.map((e) => e.reason).filter(Boolean).join("；") || null,
      source: mine[0]!.countSource,
    });
  }
  const beforeTotalCap = sum(perItem);
  const cap = dec(scheme.components.bonusCap);
  const capped = roundTo(minDec(beforeTotalCap, cap), decimals);
  if (beforeTotalCap.gt(cap)) {
    capsHit.push("加分总分");
    trail.push({
      component: "bonus",
      kind: "bonusCap",
      item: "加分总分",
      delta: -toNumber(beforeTotalCap.minus(cap)),
      text: { zh: `加分合计 ${beforeTotalCap} 分，累计加分不超过 ${cap} 分`, en: `bonus total ${beforeTotalCap} capped at ${cap}` },
      reason: null,
      source: null,
    });
  }
  return { raw, capped, capsHit, trail };
}

/**
 * The same as a formula over the workbook's tables: `sumOf(i)` is the unit's points for the i-th
 * bonus item (1-based, a SUMIFS over the calculation sheet), `capOf(i)` that item's cap cell
 * (empty: none), `totalCap` the cell of the cap on all bonuses. No point value is typed in.
 */
export function bonusFormula(scheme: Scheme, sumOf: (i: number) => string, capOf: (i: number) => string, totalCap: string, decimals: number | string): string {
  const terms = scheme.bonus.items.map((_item, k) => {
    const i = k + 1;
    return `IF(ISNUMBER(${capOf(i)}),MIN(${sumOf(i)},${capOf(i)}),${sumOf(i)})`;
  });
  return round(`MIN(${terms.join("+")},${totalCap})`, decimals);
}
