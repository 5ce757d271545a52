import type { Scheme } from "../scheme/schema";
import { bonusFor } from "../engine/bonus";
import { toNumber } from "../engine/decimal";
import type { EventInput } from "../engine/inputs";
import { bonusLabel, penaltyLabel } from "../layout/lists";
import { foldName } from "../scheme/names";
import { isBlank, numberIn, pairGrids, position, shown, toGrid } from "./cells";
import { invalidValue, isSheetError, notAvailable, type SheetError, type SheetResult } from "./result";

type Found = { kind: "bonus"; id: string } | { kind: "penalty"; id: string };

interface ItemIndex {
  byKey: Map<string, Found>;
  byId: Map<string, Found>;
}

const indexes = new WeakMap<Scheme, ItemIndex>();

/** Items by id ("A5"), name, or dropdown label ("加分：<name>"), folded as unit names are. */
function itemIndex(scheme: Scheme): ItemIndex {
  let ix = indexes.get(scheme);
  if (ix) return ix;
  ix = { byKey: new Map(), byId: new Map() };
  const add = (keys: string[], id: string, found: Found) => {
    for (const k of keys) ix!.byKey.set(foldName(k), found);
    ix!.byId.set(foldName(id).toUpperCase(), found);
  };
  for (const p of scheme.penalties.items) add([penaltyLabel(p), p.name, p.id], p.id, { kind: "penalty", id: p.id });
  // Bonus items last: should a name ever collide, the bonus reading wins.
  for (const b of scheme.bonus.items) add([bonusLabel(b), b.name, b.id], b.id, { kind: "bonus", id: b.id });
  indexes.set(scheme, ix);
  return ix;
}

const NO_SOURCE = { sheet: "", cell: "" } as const;

/**
 * 加分 of one unit from its events, as the engine scores them (engine/bonus.ts): points per
 * occurrence, each item under its own cap, the sum under components.bonusCap, rounded to
 * scheme.rounding.decimals.
 *
 * `items` and `counts` are read cell by cell (row-major; a row and a column of the same length
 * pair up too), as the item and count columns of the 加分扣分 sheet:
 *  - an item is its id ("A5"), its name, or its dropdown label ("加分：<name>"); spaces and
 *    full-width forms are folded, ids are case-insensitive;
 *  - a blank item skips the row; a penalty item ("扣分：…", "D1") is skipped too, so the whole
 *    item column of 加分扣分 can be given; any other item is #N/A, naming it;
 *  - **a blank count means one occurrence** (as on 加分扣分, where each row records one event);
 *    otherwise the count must be a whole number ≥ 0, else #VALUE!. `counts` may be omitted
 *    altogether (every count blank).
 */
export function bonus(scheme: Scheme, items: unknown, counts?: unknown): SheetResult<number> {
  const ig = toGrid(items, "加分事项区域");
  if (isSheetError(ig)) return ig;
  let countValues: readonly unknown[];
  if (counts === null || counts === undefined) countValues = ig.values.map(() => null);
  else {
    const cg = toGrid(counts, "次数区域");
    if (isSheetError(cg)) return cg;
    const mismatch = pairGrids(ig, cg, "加分事项区域", "次数区域");
    if (mismatch) return mismatch;
    countValues = cg.values;
  }
  const ix = itemIndex(scheme);
  const events: EventInput[] = [];
  for (let i = 0; i < ig.values.length; i++) {
    const raw = ig.values[i];
    if (isBlank(raw)) continue;
    const where = position(ig, i);
    if (typeof raw !== "string") return notAvailable(`${where}加分事项 ${shown(raw)} 不是评价方案中的加分事项：请填写编号（如 A5）、名称或下拉选项。`);
    const folded = foldName(raw);
    const found = ix.byKey.get(folded) ?? ix.byId.get(folded.toUpperCase());
    if (!found) return notAvailable(`${where}加分事项 ${shown(raw)} 不在评价方案中：请填写编号（如 A5）、名称或“加分：…”下拉选项。`);
    if (found.kind === "penalty") continue;
    const count = readCount(countValues[i], where);
    if (typeof count !== "number") return count;
    events.push({ unit: "", kind: "bonus", itemId: found.id, count, countSource: NO_SOURCE, points: null, pointsSource: NO_SOURCE, reason: null });
  }
  return toNumber(bonusFor(scheme, events, scheme.rounding.decimals).capped);
}

function readCount(v: unknown, where: string): number | SheetError {
  if (isBlank(v)) return 1;
  const n = numberIn(v);
  if (n === null || n.lt(0) || !n.round(0).eq(n)) {
    return invalidValue(`${where}次数须为不小于 0 的整数（留空表示 1 次），现为 ${shown(v)}。`);
  }
  return Number(n.toString());
}
