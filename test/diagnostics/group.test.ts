import { describe, expect, it } from "vitest";
import { diagnostic, sortDiagnostics, type Diagnostic } from "../../src/diagnostics/diagnostic";
import { compactRanges, GROUP_LIMIT, groupDiagnostics, type DisplayEntry } from "../../src/diagnostics/group";

const unknown = (sheet: string, cell: string | null) =>
  diagnostic("error", "unit.unknown", { zh: "未知区县“垃圾”。", en: "Unknown unit." }, { sheet, cell });
const noEvidence = (sheet: string, cell: string) =>
  diagnostic("warning", "bonus.noEvidence", { zh: "加分事项未填写证明材料。", en: "Bonus without proof." }, { sheet, cell });

/** One line per entry: the cell of a diagnostic, or "+count ranges" for a summary. */
const shape = (es: readonly DisplayEntry[]) =>
  es.map((e) => (e.kind === "diagnostic" ? `${e.diagnostic.sheet}!${e.diagnostic.cell}` : `+${e.summary.count} ${e.summary.sheet}:${e.summary.ranges.join(",")}`));

describe("groupDiagnostics", () => {
  it("shows exactly 20 of one code on one sheet, then one line with the count and the range of the rest", () => {
    const ds = Array.from({ length: 50_000 }, (_, i) => unknown("办公室", `B${i + 11}`));
    const es = groupDiagnostics(ds);
    expect(es).toHaveLength(GROUP_LIMIT + 1);
    expect(GROUP_LIMIT).toBe(20);
    expect(es.slice(0, 20).map((e) => e.kind === "diagnostic" && e.diagnostic)).toEqual(ds.slice(0, 20));
    const last = es[20]!;
    if (last.kind !== "summary") throw new Error("no summary");
    expect(last.summary).toMatchObject({
      severity: "error", sheet: "办公室", code: "unit.unknown", count: 49_980, ranges: ["B31:B50010"], cell: "B31:B50010",
      message: "另有 49,980 处同类错误（办公室!B31:B50010），处理方法同上。",
      messageEn: "49,980 more errors of the same kind (办公室!B31:B50010); deal with them as above.",
    });
  });

  it("shows 20 and no summary when there are exactly 20, and a summary of 1 at 21", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => unknown("办公室", `B${i + 1}`));
    expect(groupDiagnostics(twenty).every((e) => e.kind === "diagnostic")).toBe(true);
    const es = groupDiagnostics([...twenty, unknown("办公室", "B21")]);
    expect(shape(es).at(-1)).toBe("+1 办公室:B21");
    expect(es.at(-1)?.kind === "summary" && es.at(-1)).toMatchObject({ summary: { message: "另有 1 处同类错误（办公室!B21），处理方法同上。" } });
  });

  it("groups each code and each sheet separately, each summary where its first left-out item stood", () => {
    // Rows 1..25 of 加分扣分 carry two problems each (B and F), then 25 rows on 最佳实践案例.
    const ds = sortDiagnostics([
      ...Array.from({ length: 25 }, (_, i) => unknown("加分扣分", `B${i + 1}`)),
      ...Array.from({ length: 25 }, (_, i) => noEvidence("加分扣分", `F${i + 1}`)),
      ...Array.from({ length: 25 }, (_, i) => unknown("最佳实践案例", `B${i + 1}`)),
    ]);
    const lines = shape(groupDiagnostics(ds));
    expect(lines).toHaveLength(3 * 21);
    // Errors first (sortDiagnostics): 加分扣分 then 最佳实践案例 by sheet name, then the warnings.
    expect(lines.slice(0, 21)).toEqual([...Array.from({ length: 20 }, (_, i) => `加分扣分!B${i + 1}`), "+5 加分扣分:B21:B25"]);
    expect(lines.slice(21, 42)).toEqual([...Array.from({ length: 20 }, (_, i) => `最佳实践案例!B${i + 1}`), "+5 最佳实践案例:B21:B25"]);
    expect(lines.slice(42)).toEqual([...Array.from({ length: 20 }, (_, i) => `加分扣分!F${i + 1}`), "+5 加分扣分:F21:F25"]);
  });

  it("keeps the input order when codes interleave, and is stable from run to run", () => {
    const ds: Diagnostic[] = [];
    for (let r = 1; r <= 30; r++) {
      ds.push(unknown("加分扣分", `B${r}`));
      ds.push(diagnostic("error", "item.unknown", { zh: "未知事项。", en: "Unknown item." }, { sheet: "加分扣分", cell: `C${r}` }));
    }
    const lines = shape(groupDiagnostics(ds));
    expect(lines.slice(0, 4)).toEqual(["加分扣分!B1", "加分扣分!C1", "加分扣分!B2", "加分扣分!C2"]);
    // B21 was the first unit.unknown left out, C21 the first item.unknown: the summaries stand there, in that order.
    expect(lines.slice(40)).toEqual(["+10 加分扣分:B21:B30", "+10 加分扣分:C21:C30"]);
    expect(shape(groupDiagnostics(ds))).toEqual(lines);
  });

  it("keeps severities apart even for one code, and counts cell-less diagnostics without a range", () => {
    const ds = Array.from({ length: 23 }, () => unknown("办公室", null));
    const es = groupDiagnostics(ds);
    expect(es.at(-1)).toMatchObject({ kind: "summary", summary: { count: 3, ranges: [], cell: null, message: "另有 3 处同类错误（办公室），处理方法同上。" } });
    const mixed = [...ds, ...ds.map((d) => ({ ...d, severity: "warning" as const }))];
    expect(groupDiagnostics(mixed).filter((e) => e.kind === "summary")).toHaveLength(2);
  });

  it("lists a few ranges and counts the rest when the cells are scattered", () => {
    const ds = Array.from({ length: 30 }, (_, i) => unknown("办公室", `B${2 * i + 1}`));
    const s = groupDiagnostics(ds).at(-1);
    if (s?.kind !== "summary") throw new Error("no summary");
    expect(s.summary.ranges).toEqual(["B41", "B43", "B45", "B47", "B49", "B51", "B53", "B55", "B57", "B59"]);
    expect(s.summary.message).toBe("另有 10 处同类错误（办公室!B41、B43、B45 等 10 个区域），处理方法同上。");
    expect(s.summary.messageEn).toBe("10 more errors of the same kind (办公室!B41, B43, B45, … (10 areas)); deal with them as above.");
  });

  it("takes a custom limit", () => {
    const ds = Array.from({ length: 5 }, (_, i) => unknown("办公室", `B${i + 1}`));
    expect(shape(groupDiagnostics(ds, 2))).toEqual(["办公室!B1", "办公室!B2", "+3 办公室:B3:B5"]);
  });

  it("groups 150,000 diagnostics in linear time (no per-item rescans)", () => {
    const ds = sortDiagnostics(Array.from({ length: 150_000 }, (_, i) => unknown(`表${i % 3}`, `B${i + 1}`)));
    const t = performance.now();
    const es = groupDiagnostics(ds);
    expect(performance.now() - t).toBeLessThan(3000); // ≈ 0.2 s here; a rescan per item would take minutes
    expect(es).toHaveLength(3 * 21);
  });
});

describe("compactRanges", () => {
  it("merges consecutive rows of a column, keeps merged areas, orders top to bottom then left to right", () => {
    expect(compactRanges(["B3", "C3", "B4", "B5", "C5", "D3:F3", null, "B7", "B7", "AA10"])).toEqual(["B3:B5", "C3", "D3:F3", "C5", "B7", "AA10"]);
  });
});
