import { parseScheme } from "../src/scheme/load";
import type { Scheme } from "../src/scheme/schema";
import type { EvaluationInputs, IndicatorInput } from "../src/engine/inputs";
import { columnarInputs, combineColumns, setValue, sheetColumns } from "../src/engine/columns";
import { departmentLayouts } from "../src/layout/department";
import { builtinScheme } from "../src/scheme/load";
import { prng } from "../src/layout/sample";

/** A scheme of `units` units and `indicators` manual indicators (points summing to 60 in every group). */
export function syntheticScheme(units: number, indicators: number): Scheme {
  const base = builtinScheme();
  const cents = Math.floor(6000 / indicators);
  const points = Array.from({ length: indicators }, (_, i) => (i === 0 ? 6000 - cents * (indicators - 1) : cents) / 100);
  const r = parseScheme({
    ...base,
    id: `synthetic-${units}x${indicators}`,
    units: Array.from({ length: units }, (_, i) => ({ name: `单位${i + 1}`, group: base.groups[i % base.groups.length]!.id, aliases: [] })),
    indicators: points.map((p, i) => ({
      id: `S${i + 1}`, name: `指标${i + 1}`, programme: "综合", department: base.departments[i % 7]!.name, coLeads: [],
      points: Object.fromEntries(base.groups.map((g) => [g.id, p])), rules: [{ kind: "manual" }], requirement: "",
    })),
  }, "synthetic");
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.scheme;
}

/** The scores of every unit × indicator (unit-major), 70–100 % of the points, 2 decimals. */
export function syntheticScores(scheme: Scheme, seed = 1): Float64Array {
  const rnd = prng(seed);
  const raw = new Float64Array(scheme.units.length * scheme.indicators.length);
  let k = 0;
  for (const u of scheme.units) {
    for (const ind of scheme.indicators) {
      const max = ind.points[u.group]!;
      raw[k++] = Math.round(max * (0.7 + rnd() * 0.3) * 100) / 100;
    }
  }
  return raw;
}

/** The same scores as one IndicatorInput per score (the engine's inputs before the reader gave columns). */
export function syntheticInputs(scheme: Scheme, seed = 1): { inputs: EvaluationInputs; raw: Float64Array } {
  const raw = syntheticScores(scheme, seed);
  const basic: IndicatorInput[] = [];
  let k = 0;
  for (const u of scheme.units) {
    for (const ind of scheme.indicators) {
      const score = raw[k++]!;
      basic.push({ unit: u.name, indicator: ind.id, values: { score }, sources: { score: { sheet: ind.department, cell: "C5" } }, reason: null, reasonSource: null });
    }
  }
  return { inputs: { basic, cases: [], events: [], composite: [] }, raw };
}

/**
 * The same scores as the reader now gives them: in columns (src/engine/columns.ts), one sheet
 * per department laid out as the template lays it out, every unit on its row.
 */
export function syntheticColumnarInputs(scheme: Scheme, raw: Float64Array): EvaluationInputs {
  const nInd = scheme.indicators.length;
  const indicatorAt = new Map(scheme.indicators.map((x, i) => [x, i]));
  const sheets = departmentLayouts(scheme).map((layout) => {
    const found = scheme.units.map((_, u) => ({ unit: u, row: layout.firstDataRow + u }));
    const s = sheetColumns(scheme, layout.sheet, found, layout.blocks.map((b) => ({ index: indicatorAt.get(b.indicator)!, columns: b.columns, reasonCol: b.reasonCol })));
    for (const ic of s.indicators) for (let u = 0; u < scheme.units.length; u++) setValue(ic.columns[0]!, u, raw[u * nInd + ic.index]!);
    return s;
  });
  return columnarInputs(combineColumns(scheme, sheets)!, { cases: [], events: [], composite: [] });
}
