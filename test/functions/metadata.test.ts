import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import * as EVAL from "../../functions/functions";
import { localizeMetadata, type FunctionsMetadata, type LocalizationTable } from "../../functions/localize.js";
import zhCN from "../../functions/locales/zh-CN.json";

/**
 * functions.json as the webpack plugin generates it (same package, same call), written to a temp
 * directory and read back; then its Chinese localisation.
 */

interface Param { name: string; description?: string; type: string; dimensionality?: string; optional?: boolean; repeating?: boolean }
interface Fn { id: string; name: string; description?: string; parameters: Param[]; result?: { type?: string; dimensionality?: string } }
interface Metadata extends FunctionsMetadata { functions: Fn[] }

const SOURCE = fileURLToPath(new URL("../../functions/functions.ts", import.meta.url));
let dir: string;
let metadata: Metadata;
let associate: { functionName: string; id: string }[];

beforeAll(async () => {
  const r = await generateCustomFunctionsMetadata(SOURCE);
  expect(r.errors).toEqual([]);
  dir = mkdtempSync(join(tmpdir(), "evalsheet-functions-"));
  writeFileSync(join(dir, "functions.json"), r.metadataJson);
  metadata = JSON.parse(readFileSync(join(dir, "functions.json"), "utf8")) as Metadata;
  associate = r.associate;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const fn = (id: string) => metadata.functions.find((f) => f.id === id)!;
const shape = (f: Fn) => f.parameters.map((p) => ({ name: p.name, type: p.type, matrix: p.dimensionality === "matrix", optional: p.optional === true }));

describe("generated metadata (functions.json)", () => {
  it("lists exactly the exported custom functions", () => {
    expect(metadata.functions.map((f) => f.id)).toEqual(["TOTAL", "BONUS", "TIER", "GROUPRANK", "GROUP", "CAP"]);
    expect(metadata.functions.map((f) => f.name)).toEqual(["TOTAL", "BONUS", "TIER", "GROUPRANK", "GROUP", "CAP"]);
    // Every export of functions.ts is a custom function, associated under its own id.
    expect(Object.keys(EVAL).sort()).toEqual(associate.map((a) => a.functionName).sort());
    expect(associate.every((a) => a.functionName === a.id)).toBe(true);
    for (const name of Object.keys(EVAL)) expect(typeof (EVAL as Record<string, unknown>)[name]).toBe("function");
  });

  it("has the parameters with their types, optional flags and dimensionality", () => {
    expect(shape(fn("TOTAL"))).toEqual([
      { name: "basic", type: "number", matrix: false, optional: false },
      { name: "bestPractice", type: "number", matrix: false, optional: false },
      { name: "composite", type: "number", matrix: false, optional: false },
      { name: "bonus", type: "number", matrix: false, optional: false },
      { name: "penalty", type: "number", matrix: false, optional: true },
    ]);
    expect(shape(fn("BONUS"))).toEqual([
      { name: "items", type: "string", matrix: true, optional: false },
      { name: "counts", type: "any", matrix: true, optional: false },
    ]);
    expect(shape(fn("TIER"))).toEqual([
      { name: "total", type: "number", matrix: false, optional: false },
      { name: "groupRank", type: "number", matrix: false, optional: true },
      { name: "groupSize", type: "number", matrix: false, optional: true },
    ]);
    expect(shape(fn("GROUPRANK"))).toEqual([
      { name: "score", type: "number", matrix: false, optional: false },
      { name: "scores", type: "any", matrix: true, optional: false },
      { name: "groups", type: "string", matrix: true, optional: true },
      { name: "group", type: "string", matrix: false, optional: true },
    ]);
    expect(shape(fn("GROUP"))).toEqual([{ name: "unit", type: "string", matrix: false, optional: false }]);
    expect(shape(fn("CAP"))).toEqual([
      { name: "value", type: "number", matrix: false, optional: false },
      { name: "max", type: "number", matrix: false, optional: false },
    ]);
    for (const f of metadata.functions) for (const p of f.parameters) expect(p.repeating, `${f.id}.${p.name}`).toBeUndefined();
  });

  it("has scalar results of the right types and no options (synchronous, not volatile)", () => {
    const results = Object.fromEntries(metadata.functions.map((f) => [f.id, f.result]));
    expect(results).toEqual({
      TOTAL: { type: "number" }, BONUS: { type: "number" }, TIER: { type: "string" },
      GROUPRANK: { type: "number" }, GROUP: { type: "string" }, CAP: { type: "number" },
    });
    for (const f of metadata.functions) expect((f as unknown as Record<string, unknown>)["options"], f.id).toBeUndefined();
  });

  it("describes every function and parameter in Chinese, then English after “ / ”", () => {
    for (const f of metadata.functions) {
      for (const d of [f.description, ...f.parameters.map((p) => p.description)]) {
        expect(d, f.id).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [A-Z].*[a-z]/u);
      }
    }
  });
});

describe("localizeMetadata with the zh-CN table", () => {
  const table = zhCN as LocalizationTable;

  it("gives the Chinese names and localizes every description", () => {
    expect(table.namespace).toBe("评价");
    const zh = localizeMetadata(metadata, table);
    expect(zh.functions.map((f) => [f.id, f.name])).toEqual([
      ["TOTAL", "总得分"], ["BONUS", "加分合计"], ["TIER", "评定等次"], ["GROUPRANK", "组内排名"], ["GROUP", "区域分类"], ["CAP", "封顶值"],
    ]);
    for (const f of zh.functions) {
      expect(f.description).toBe(table.functions[f.id]!.description);
      expect(f.description).toMatch(/[\u4e00-\u9fff]/);
      expect(f.description).not.toContain(" / ");
      expect(f.parameters.map((p) => p.name).sort()).toEqual(Object.keys(table.functions[f.id]!.parameters ?? {}).sort());
      for (const p of f.parameters) {
        expect(p.description, `${f.id}.${p.name}`).toBe(table.functions[f.id]!.parameters![p.name]);
        expect(p.description).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    // Only names and descriptions change; the table has no function the metadata lacks.
    expect(zh.functions.map(shape)).toEqual(metadata.functions.map(shape));
    expect(zh.functions.map((f) => f.result)).toEqual(metadata.functions.map((f) => f.result));
    expect(Object.keys(table.functions).sort()).toEqual(metadata.functions.map((f) => f.id).sort());
  });

  it("does not modify its input", () => {
    const before = JSON.stringify(metadata);
    localizeMetadata(metadata, table);
    expect(JSON.stringify(metadata)).toBe(before);
  });

  it("throws naming a function missing from the table", () => {
    const { GROUPRANK: _rank, ...rest } = table.functions;
    expect(() => localizeMetadata(metadata, { ...table, functions: rest })).toThrow(/function GROUPRANK is missing/);
  });

  it("throws naming a parameter missing from the table", () => {
    const total = table.functions["TOTAL"]!;
    const { penalty: _p, ...params } = total.parameters!;
    const broken = { ...table, functions: { ...table.functions, TOTAL: { ...total, parameters: params } } };
    expect(() => localizeMetadata(metadata, broken)).toThrow(/parameter TOTAL\.penalty is missing/);
  });

  it("refuses names Microsoft's naming guide forbids: fewer than 3 or more than 64 characters, or not starting with a letter", () => {
    const named = (name: string) => ({ ...table, functions: { ...table.functions, TOTAL: { ...table.functions["TOTAL"]!, name } } });
    // The zh-CN names up to this change: two characters each, refused by Microsoft's schema too.
    for (const name of ["总分", "加分", "等次", "排名", "封顶", "分", "1总分", "_总分", "总".repeat(65)]) {
      expect(() => localizeMetadata(metadata, named(name)), name).toThrow(/TOTAL has no valid name/);
    }
    for (const name of ["总得分", "总".repeat(64), "评价.总得分_2"]) {
      expect(() => localizeMetadata(metadata, named(name)), name).not.toThrow();
    }
  });

  it("throws on an unusable or duplicate name", () => {
    const bad = { ...table, functions: { ...table.functions, CAP: { ...table.functions["CAP"]!, name: "封 顶" } } };
    expect(() => localizeMetadata(metadata, bad)).toThrow(/CAP has no valid name/);
    const dup = { ...table, functions: { ...table.functions, CAP: { ...table.functions["CAP"]!, name: "总得分" } } };
    expect(() => localizeMetadata(metadata, dup)).toThrow(/CAP has the same name as TOTAL/);
  });
});

describe("function names in the help text, the manifest and the docs", () => {
  const table = zhCN as LocalizationTable;
  const ids = new Set(Object.keys(table.functions));
  const chineseNames = new Set(Object.values(table.functions).map((f) => f.name));
  const read = (file: string) => readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), "utf8");

  it("name only functions that exist: EVAL.<id> in English, 评价.<中文名> in Chinese, never 评价.<id>", () => {
    for (const file of ["README.md", "docs/使用说明.md", "manifest.xml", "functions/locales/zh-CN.json", "functions/functions.ts"]) {
      const text = read(file);
      for (const [, id] of text.matchAll(/\bEVAL\.([A-Z][A-Z0-9_.]*[A-Z0-9_])/g)) expect(ids.has(id!), `${file}: EVAL.${id}`).toBe(true);
      for (const [, name] of text.matchAll(/评价\.(\p{Script=Han}+)/gu)) expect(chineseNames.has(name!), `${file}: 评价.${name}`).toBe(true);
      expect(text.match(/评价\.(?!xlsx\b)[A-Za-z]+/g) ?? [], `${file}: Chinese namespace with an English name`).toEqual([]);
    }
  });

  it("describe each function under its own Chinese name", () => {
    for (const [id, f] of Object.entries(table.functions)) expect(f.description.startsWith(`${f.name}：`), id).toBe(true);
  });
});
