import { parseScheme } from "../src/scheme/load";
import type { Scheme } from "../src/scheme/schema";
import type { EvaluationInputs, IndicatorInput } from "../src/engine/inputs";
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

export function syntheticInputs(scheme: Scheme, seed = 1): { inputs: EvaluationInputs; raw: Float64Array } {
  const rnd = prng(seed);
  const raw = new Float64Array(scheme.units.length * scheme.indicators.length);
  const basic: IndicatorInput[] = [];
  let k = 0;
  for (const u of scheme.units) {
    for (const ind of scheme.indicators) {
      const max = ind.points[u.group]!;
      const score = Math.round(max * (0.7 + rnd() * 0.3) * 100) / 100;
      raw[k++] = score;
      basic.push({ unit: u.name, indicator: ind.id, values: { score }, sources: { score: { sheet: ind.department, cell: "C5" } }, reason: null, reasonSource: null });
    }
  }
  return { inputs: { basic, cases: [], events: [], composite: [] }, raw };
}
