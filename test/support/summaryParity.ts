import { expect } from "vitest";
import { readCachedValues, type CachedValue } from "./libreoffice";
import type { Evaluation } from "../../src/engine/evaluate";

export const num = (v: CachedValue) => (typeof v === "number" ? Math.round(v * 100) / 100 : v);

/** Every unit's row of 汇总 (found by name in column B) and of 基础工作得分 equals the engine's. */
export async function expectSummaryMatches(file: string, evaluation: Evaluation): Promise<number> {
  const grid = await readCachedValues(file, "汇总");
  let checked = 0;
  for (const u of evaluation.units) {
    const row = grid.find((r) => r[1] === u.unit);
    expect(row, `汇总 has a row for ${u.unit}`).toBeDefined();
    expect({ unit: u.unit, values: row!.slice(2, 11).map(num) }).toEqual({
      unit: u.unit,
      values: [u.basic, u.bestPractice, u.composite, u.bonus, u.penalty, u.total, u.groupRank, u.overallRank, u.tier],
    });
    checked++;
  }
  // 基础工作得分: each indicator's column found by its header, and the unit's row in that header's
  // table (the programmes are tables stacked down the sheet), so the check survives layout changes.
  const basic = await readCachedValues(file, "基础工作得分");
  for (const u of evaluation.units) {
    const got = u.indicators.map((k) => {
      const h = basic.findIndex((r) => r.includes(k.name));
      const row = basic.slice(h).find((r) => r.includes(u.unit));
      expect(row, `基础工作得分 has a row for ${u.unit} under ${k.name}`).toBeDefined();
      return num(row![basic[h]!.indexOf(k.name)] ?? null);
    });
    expect({ unit: u.unit, got }).toEqual({ unit: u.unit, got: u.indicators.map((k) => k.score) });
  }
  return checked;
}

