import type { Dec } from "../engine/decimal";
import { foldName } from "../scheme/names";
import { isBlank, numberIn, pairGrids, requireNumber, shown, toGrid } from "./cells";
import { invalidValue, isSheetError, type SheetResult } from "./result";

/**
 * EVAL.GROUPRANK (组内排名): the competition rank (1, 2, 2, 4) as the engine ranks, one more than
 * the number of scores strictly higher than `score` (not called RANK: Excel has a RANK of its own,
 * and Microsoft asks custom functions not to reuse built-in names). With `groups` and `group`,
 * only the entries whose group equals `group` count (spaces and full-width forms folded); with
 * neither, all entries. Giving only one of the two is #VALUE!. Entries of `scores` holding no
 * number (headers, blanks, words, errors) are ignored; text that is clearly a number counts, as
 * everywhere in evalsheet. `score` need not itself be among `scores`. Ranges are read row-major;
 * `groups` must match `scores` in shape.
 */
export function groupRank(score: unknown, scores: unknown, groups?: unknown, group?: unknown): SheetResult<number> {
  const s = requireNumber(score, "分数");
  if (isSheetError(s)) return s;
  const sg = toGrid(scores, "分数区域");
  if (isSheetError(sg)) return sg;
  const noGroups = groups === null || groups === undefined;
  const noGroup = group === null || group === undefined;
  if (noGroups && noGroup) return 1 + countHigher(s, sg.values, () => true);
  if (noGroups) return invalidValue("填写了所在分组，却没有分组区域：请同时填写分组区域，或两者都不填（全体排名）。");
  if (noGroup) return invalidValue("填写了分组区域，却没有所在分组：请同时填写所在分组，或两者都不填（全体排名）。");
  if (isBlank(group)) return invalidValue("所在分组为空：请填写该单位的区域分类。");
  const gg = toGrid(groups, "分组区域");
  if (isSheetError(gg)) return gg;
  const mismatch = pairGrids(sg, gg, "分数区域", "分组区域");
  if (mismatch) return mismatch;
  const key = groupKey(group);
  if (key === null) return invalidValue(`所在分组须为文本或数字，现为 ${shown(group)}。`);
  return 1 + countHigher(s, sg.values, (i) => groupKey(gg.values[i]) === key);
}

function countHigher(score: Dec, values: readonly unknown[], inGroup: (i: number) => boolean): number {
  let higher = 0;
  values.forEach((v, i) => {
    const n = numberIn(v);
    if (n !== null && n.gt(score) && inGroup(i)) higher++;
  });
  return higher;
}

function groupKey(v: unknown): string | null {
  if (typeof v === "string") return foldName(v);
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}
