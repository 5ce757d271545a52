/**
 * 附件2 in the scheme: the document's contact-point table as the built-in default, lookups by any
 * spelling, older embedded schemes, and the table's checks (every district exactly once, the term).
 */
import { describe, expect, it } from "vitest";
import { builtinScheme, parseScheme } from "../../src/scheme/load";
import { contactMemberOf, contactsOf, researchOf } from "../../src/scheme/contacts";
import { withYear } from "../../src/scheme/year";
import type { Scheme } from "../../src/scheme/schema";
import { contactTableProblems } from "../../src/validate/contactTable";
import { schemeSheet } from "../../src/layout/schemeSheet";

const scheme = builtinScheme();

/** The scheme with one member's districts replaced. */
function withUnits(s: Scheme, member: string, units: string[]): Scheme {
  const c = contactsOf(s)!;
  return { ...s, contacts: { ...c, members: c.members.map((m) => (m.name === member ? { ...m, units } : m)) } };
}

describe("the contact-point table (附件2)", () => {
  it("is the document's: six members, each with 6–7 districts and 2 member organisations; all 41 districts exactly once", () => {
    const c = contactsOf(scheme)!;
    expect(c.members.map((m) => m.name)).toEqual(["彭焱", "张青莉", "臧秀梅", "李艺", "张莲", "文艳"]);
    for (const m of c.members) {
      expect(m.units.length, m.name).toBeGreaterThanOrEqual(6);
      expect(m.units.length, m.name).toBeLessThanOrEqual(7);
      expect(m.organisations, m.name).toHaveLength(2);
    }
    const all = c.members.flatMap((m) => m.units);
    expect(all).toHaveLength(41);
    expect(new Set(all)).toEqual(new Set(scheme.units.map((u) => u.name)));
    expect(c.members.find((m) => m.name === "李艺")!.departments).toEqual(["宣传部", "家儿部"]);
    expect(c.termStart).toBe(2024);
    expect(c.ways).toEqual(["走访", "接访", "下访", "座谈", "宣讲", "调研", "视讯交流"]);
    expect(contactTableProblems(scheme)).toEqual([]);
  });

  it("contactMemberOf: each district's member, by any spelling; null for what is not a district", () => {
    expect(contactMemberOf(scheme, "万州区")).toBe("彭焱");
    expect(contactMemberOf(scheme, "忠 县")).toBe("张青莉");
    expect(contactMemberOf(scheme, "石柱土家族自治县")).toBe("张青莉");
    expect(contactMemberOf(scheme, "高新区")).toBe("张莲");
    expect(contactMemberOf(scheme, "万盛经开区")).toBe("臧秀梅");
    expect(contactMemberOf(scheme, "重庆市女法官协会")).toBeNull();
    expect(contactMemberOf(scheme, "火星区")).toBeNull();
    for (const u of scheme.units) expect(contactMemberOf(scheme, u.name), u.name).not.toBeNull();
  });

  it("a scheme embedded before the table still parses and gets the document's table; a scheme of the office's own without one has none", () => {
    const { contacts: _c, research: _r, ...old } = scheme;
    const r = parseScheme(JSON.parse(JSON.stringify(old)), "old");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scheme.contacts).toBeUndefined();
    expect(contactsOf(r.scheme)!.members).toHaveLength(6);
    expect(contactMemberOf(r.scheme, "彭水县")).toBe("文艳");
    expect(researchOf(r.scheme).periods.map((p) => p.name)).toEqual(["3—4月", "9—10月"]);
    expect(contactsOf({ ...r.scheme, id: "own" })).toBeNull();
    expect(contactMemberOf({ ...r.scheme, id: "own" }, "彭水县")).toBeNull();
  });

  it("a district listed twice is named with both members and the cell of the second", () => {
    const twice = withUnits(scheme, "文艳", [...contactsOf(scheme)!.members[5]!.units, "江北区"]);
    const ds = contactTableProblems(twice);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: "warning", code: "contacts.unitTwice", sheet: "联系点", cell: "C9" });
    expect(ds[0]!.message).toContain("“江北区”同时列在 彭焱 和 文艳 名下");
    expect(ds[0]!.messageEn).toContain("Each district has one contact member");
  });

  it("districts nobody contacts are named; a name that is not a district is named with its member", () => {
    const ds = contactTableProblems(withUnits(scheme, "彭焱", ["万州区", "江北区", "火星区"]));
    expect(ds.map((d) => d.code).sort()).toEqual(["contacts.unitMissing", "contacts.unitUnknown"]);
    const missing = ds.find((d) => d.code === "contacts.unitMissing")!;
    for (const u of ["沙坪坝区", "永川区", "丰都县", "秀山县"]) expect(missing.message).toContain(u);
    expect(missing.message).not.toContain("万州区");
    expect(ds.find((d) => d.code === "contacts.unitUnknown")).toMatchObject({ cell: "C4" });
    expect(ds.find((d) => d.code === "contacts.unitUnknown")!.message).toContain("彭焱 名下的“火星区”");
  });

  it("a term past its two years is a warning from the third year: 联系点原则上每两年调整一次", () => {
    expect(contactTableProblems(withYear(scheme, 2025))).toEqual([]);
    const ds = contactTableProblems(withYear(scheme, 2026));
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: "warning", code: "contacts.termDue", sheet: "联系点", cell: "A2" });
    expect(ds[0]!.message).toContain("联系点原则上每两年调整一次");
    expect(ds[0]!.message).toContain("2024—2025");
  });

  it("评价方案 lists what the ledgers chose where the document is silent, as defaults", () => {
    const rows = schemeSheet(scheme).rows.map((r) => r.map((c) => String(c?.value ?? "")));
    const term = rows.find((r) => r[0] === "联系点调整周期的起算年份")!;
    expect(term[1]).toContain("2024 年起算");
    expect(term[3]).toBe("默认");
    expect(rows.find((r) => r[0] === "调研台账在样表之外增加的列")![1]).toContain("以天计");
  });
});
