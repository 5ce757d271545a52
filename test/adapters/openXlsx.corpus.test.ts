/**
 * The .xlsx reader against 30 real-world files (../shared/corpus/xlsx, see its MANIFEST.txt):
 * each must be read right (spot-checked values) or refused with exactly one error diagnostic that
 * names the file. Plus hand-made packages for the cases the corpus does not cover.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { DiagnosticSchema } from "../../src/diagnostics/schema";
import { openXlsx, type OpenResult } from "../../src/adapters/xlsx/openXlsx";
import { at, codes, expectRead, expectRefused, sheet } from "./corpusExpect";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/xlsx/", import.meta.url));
const present = existsSync(CORPUS);
if (!present) console.warn(`[openXlsx.corpus] skipped: corpus directory not found at ${CORPUS}`);

/** The outcome established for each corpus file. */
const expectations: Record<string, (r: OpenResult, file: string) => void> = {
  "c_any_sheets.xlsx": (r, f) => {
    const { snapshot, diagnostics } = expectRead(r, f);
    expect(diagnostics).toEqual([]);
    // The chart sheet is skipped on purpose.
    expect(snapshot.sheets.map((s) => [s.name, s.state])).toEqual([
      ["Visible", "visible"],
      ["Hidden", "hidden"],
      ["VeryHidden", "veryHidden"],
    ]);
    const v = sheet(snapshot, "Visible");
    expect(v.rows.slice(0, 3)).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(at(v, "A5")).toBe("This workbook contains 4 sheets: Visible, Hidden, VeryHidden and Chart");
  },

  "c_date_1904.xlsx": (r, f) => {
    const { snapshot, diagnostics } = expectRead(r, f);
    expect(codes(diagnostics)).toEqual(["file.repaired"]);
    expect(snapshot.date1904).toBe(true);
    const s = sheet(snapshot, "Sheet1");
    expect(at(s, "A1")).toEqual({ date: "2021-01-01T00:00:00" }); // not 2016-12-31
    expect(at(s, "A2")).toEqual({ date: "2021-01-02T00:00:00" });
    // Formatted [hh]:mm:ss: a duration (255:10:10), kept as an amount of days (to the millisecond).
    expect(at(s, "A3")).toBeCloseTo(10.6320601851852, 8);
    expect(at(s, "B3")).toBe(17);
  },

  "c_errors.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "Feuil1");
    const errors = ["#DIV/0!", "#NAME?", "#VALUE!", "#NULL!", "#REF!", "#NUM!", "#N/A"];
    expect(s.rows).toEqual(errors.map((error) => [{ error }]));
    expect(s.formulas["A1"]).toBe("5/0");
    expect(s.formulas["A5"]).toBe("[1]Feuil8!A1");
    expect(Object.keys(s.formulas)).toHaveLength(7);
  },

  "c_inlineStr_cdata.xlsx": (r, f) => {
    const { snapshot, diagnostics } = expectRead(r, f);
    expect(codes(diagnostics)).toEqual(["file.repaired"]);
    expect(sheet(snapshot, "Sheet1").rows).toEqual([
      ["Hello CDATA", "World"],
      ["12345", "NormalText"],
    ]);
  },

  "c_issue_174_gnumeric_wide.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "Sheet1");
    // Styled empty cells out to XFD are not stored.
    expect(s.rows.map((row) => row.length)).toEqual([11, 11]);
    expect(at(s, "A1")).toBe("Your Ref #");
    expect(at(s, "A2")).toBe(123);
    expect(at(s, "F2")).toBe(1.5);
    expect(at(s, "K2")).toBe("My Company?");
  },

  "c_issue_530_backslash_paths.xlsx": (r, f) => {
    const { snapshot, diagnostics } = expectRead(r, f);
    expect(codes(diagnostics)).toEqual(["file.repaired"]);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(["出勤分类组织汇总表"]);
    const s = sheet(snapshot, "出勤分类组织汇总表");
    expect(at(s, "A1")).toBe("报表导出人：");
    expect(at(s, "B1")).toBe("于国栋");
  },

  "c_issue_565_multi_axis_shared.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "Sheet1");
    // Cached results of 0 stay 0 (exceljs' cell.value.result would give undefined).
    expect(at(s, "A1")).toBe(0);
    expect(at(s, "D2")).toBe(0);
    expect(at(s, "F4")).toBe(0);
    // Shared formula block B1:D2 and I1:K1, F2:F4 translated per cell.
    expect(s.formulas).toMatchObject({ B1: "B1", C1: "C1", D2: "D2", I1: "B1", K1: "D1", F3: "A3", F4: "A4" });
    expect(Object.keys(s.formulas)).toHaveLength(16);
  },

  "c_merged_range.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s1 = sheet(snapshot, "Sheet1");
    expect([...s1.merges].sort()).toEqual(["A1:A2", "B1:B2", "C1:D2", "C3:D3", "C4:D4", "E1:E2", "F1:F2", "G1:G2", "H1:H2"]);
    expect(at(s1, "C1")).toBe("C1");
    expect(at(s1, "D1")).toBeNull();
    expect([...sheet(snapshot, "Sheet2").merges].sort()).toEqual(["A1:A4", "B1:B2", "C1:D2", "C3:D4", "E1:E2", "F1:H4"]);
  },

  "c_nonstandard-xml-ns-prefix.xlsx": (r, f) => {
    const { snapshot, diagnostics } = expectRead(r, f);
    expect(codes(diagnostics)).toEqual(["file.repaired"]);
    expect(sheet(snapshot, "Sheet1").rows).toEqual([["a", "b"], [1, 3], [2, 4]]);
  },

  "c_pass_protected_encrypted.xlsx": (r, f) => {
    const d = expectRefused(r, f, "file.encrypted");
    expect(d.message).toContain("取消密码");
  },

  "c_richtext-namespaced.xlsx": (r, f) => {
    const { snapshot, diagnostics } = expectRead(r, f);
    expect(codes(diagnostics)).toEqual(["file.repaired"]);
    expect(snapshot.sheets.map((s) => s.name)).toEqual(["Sheet1", "Sheet2", "Sheet3"]);
    const s = sheet(snapshot, "Sheet1");
    expect(at(s, "A1")).toBe("inline string\nLine 2\nLine 3");
    expect(at(s, "H1")).toBe("shared string\nLine 2\nLine 3");
    expect([...s.merges].sort()).toEqual(["A1:G3", "H1:M3"]);
  },

  "c_rph.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    // Phonetic guides are not part of the value.
    expect(sheet(snapshot, "Sheet1").rows).toEqual([["課きく　毛こ"]]);
  },

  "c_shared_formula_simple.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "Sheet1");
    expect(s.rows).toEqual([[1, 2], [2, 4], [3, 6]]);
    expect(s.formulas).toEqual({ B1: "A1*2", B2: "A2*2", B3: "A3*2" });
  },

  "c_strict_iso_paths.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "ml_out");
    expect(s.rows).toHaveLength(76);
    expect(at(s, "A1")).toBe("Item");
    expect(at(s, "A2")).toBe("150-031260-001_B");
    expect(at(s, "G2")).toBeCloseTo(78.46, 10);
    expect(at(s, "R2")).toBe(104);
  },

  "p_HiddenMergeCellsTest.xlsx": (r, f) => {
    const { snapshot, diagnostics } = expectRead(r, f);
    // exceljs empties B2 and C2 under the merge A2:C2: said out loud, not silently.
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: "warning", code: "file.hiddenMergedValues", sheet: "Sheet1", cell: "A2:C2" });
    expect(diagnostics[0]!.message).toContain("B2、C2");
    const s = sheet(snapshot, "Sheet1");
    expect(s.merges).toEqual(["A2:C2"]);
    expect(at(s, "B1")).toBe(2);
    expect(at(s, "A2")).toBe(12);
  },

  "p_issue.3093_numbers_wide.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "工作表1");
    expect(s.rows[0]).toHaveLength(141);
    expect(at(s, "A1")).toBe("日期");
    expect(at(s, "B1")).toBe("93年6月");
  },

  "p_issue.3613_wps.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    expect(snapshot.sheets.map((s) => s.name)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`),
      "Sheet1",
    ]);
    const jan = sheet(snapshot, "1月");
    expect(at(jan, "A3")).toBe("员工姓名");
    expect(at(jan, "A4")).toBe("AAA");
    expect(at(jan, "E4")).toEqual({ date: "2020-08-27T00:00:00" });
    expect(at(jan, "N4")).toBe(10.02);
    // A shared-formula cell whose cached result is 0.
    expect(at(jan, "J5")).toBe(0);
    expect(jan.formulas["J5"]).toBe("SUM(J4:J4)");
    expect(at(jan, "Q4")).toBe(0);
    expect(jan.merges).toContain("A1:AD1");
  },

  "p_issue.3982_lo_wide.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "Foglio1");
    // Styled cells out to AMJ (1024 columns) are not stored.
    expect(Math.max(...s.rows.map((row) => row.length))).toBe(24);
    expect(at(s, "F2")).toEqual({ date: "2024-05-10T00:00:00" });
    expect(at(s, "Q2")).toEqual({ date: "2024-04-01T00:00:00" });
    expect(at(s, "J2")).toBe(100);
    expect(at(s, "B2")).toBe("acme-202404");
  },

  "p_pr2225_gsheets_dv.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    // Only styled empty cells and data validation: no values.
    expect(snapshot.sheets.map((s) => [s.name, s.rows.length])).toEqual([["Sheet1", 0]]);
  },

  "p_without_cell_reference.xlsx": (r, f) => {
    const { snapshot, diagnostics } = expectRead(r, f);
    expect(codes(diagnostics)).toEqual(["file.repaired"]);
    const s = sheet(snapshot, "工作表1");
    const oneToTen = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(s.rows).toEqual(Array.from({ length: 10 }, () => oneToTen));
  },

  "s_LONumbers.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "Sheet1");
    expect(s.rows[0]).toEqual(["General", 1, -1.2, 12.3, -12.34, 123.45, -123.456, 1234.567, -1234.5678, 12345.6789]);
    expect(Object.keys(s.formulas)).toHaveLength(333);
  },

  "s_formula_stress_test.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    expect(snapshot.sheets).toHaveLength(10);
    const logical = sheet(snapshot, "Logical");
    expect(at(logical, "B2")).toBe(false); // cached FALSE stays false
    expect(at(logical, "B3")).toBe(true);
    expect(at(sheet(snapshot, "Date"), "B2")).toEqual({ date: "2013-06-09T00:00:00" });
    expect(at(sheet(snapshot, "Engineering"), "E2")).toEqual({ error: "#NUM!" });
  },

  "s_merge_cells.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "Merge");
    expect([...s.merges].sort()).toEqual(["A1:B2", "A3:B3", "A4:B4", "C1:C2", "D1:D2"]);
    expect(at(s, "A1")).toBe("A1:B2");
    expect(at(s, "D1")).toBe("Separate blocks");
  },

  "s_minimal_112_numbers.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    expect(sheet(snapshot, "Sheet 1").rows).toEqual([["Sheet", "JS"], [123, 1.23], [true, 0.123]]);
  },

  "s_rich_text_stress.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "Sheet1");
    expect(at(s, "B2")).toBe("this text is bold, sure enough");
    expect(at(s, "B15")).toBe("lets try all combinations of BIU in cell");
  },

  "s_sheet_visibility_strict.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    expect(snapshot.sheets.map((s) => [s.name, s.state])).toEqual([
      ["Visible", "visible"],
      ["Hidden", "hidden"],
      ["VeryHidden", "veryHidden"],
    ]);
    const v = sheet(snapshot, "Visible");
    expect(v.rows[1]).toEqual([118, 105, 115, 105, 98, 108, 101]);
    expect(v.formulas["G2"]).toBe("CODE(G1)");
  },

  "s_wps_fn.xlsx": (r, f) => {
    const { snapshot } = expectRead(r, f);
    const s = sheet(snapshot, "Sheet1");
    expect(at(s, "C2")).toBe(2);
    expect(at(s, "C3")).toEqual({ error: "#VALUE!" });
    expect(s.formulas["C2"]).toBe('EVALUATE("1+1")');
  },

  "s_xlsx-stream-d-date-cell.xlsx": (r, f) => {
    const { snapshot, diagnostics } = expectRead(r, f);
    expect(codes(diagnostics)).toEqual(["file.repaired"]);
    const s = sheet(snapshot, "Sheet1");
    const b5 = at(s, "B5");
    expect(b5).toEqual({ date: expect.stringMatching(/^2014-02-14T08:27:4\d$/) }); // not 1905-07-06
    expect(at(s, "B4")).toBe(true);
    expect(at(s, "C4")).toBe(false);
    expect(at(s, "D1")).toBe("&amp;");
    expect(at(s, "B10")).toBe(1.5); // [h]:mm:ss duration stays an amount
    expect(at(s, "B11")).toBe("String1"); // formula with an inline-string result
    expect(s.formulas["B11"]).toBe("CONCATENATE(A1,B2)");
  },

  "x_badxml_sheet.xlsx": (r, f) => {
    const d = expectRefused(r, f, "file.badXml");
    expect(d.message).toContain("xl/worksheets/sheet1.xml");
    expect(d.sheet).toBe("Sheet1");
  },

  "x_truncated_merge_cells.xlsx": (r, f) => {
    expectRefused(r, f, "file.truncated");
  },
};

describe.skipIf(!present)(`openXlsx on the corpus (${present ? CORPUS : "SKIPPED: ../shared/corpus/xlsx not found"})`, () => {
  const files = present ? readdirSync(CORPUS).filter((f) => f.endsWith(".xlsx")).sort() : [];

  it("has an expectation for every corpus file and a file for every expectation", () => {
    expect(files).toEqual(Object.keys(expectations).sort());
  });

  for (const file of files) {
    it(file, async () => {
      const check = expectations[file];
      if (!check) throw new Error(`no expectation for ${file}: add one`);
      const r = await openXlsx(new Uint8Array(readFileSync(CORPUS + file)), file);
      for (const d of r.diagnostics) DiagnosticSchema.parse(d);
      check(r, file);
      if (r.ok) {
        // Plain data that survives JSON, with no holes in the rows.
        expect(JSON.parse(JSON.stringify(r.snapshot))).toEqual(r.snapshot);
        for (const s of r.snapshot.sheets) for (const row of s.rows) expect(row.includes(undefined as never)).toBe(false);
      }
    });
  }

  it("refuses the first half of every readable corpus file as truncated", async () => {
    for (const file of files.filter((f) => !f.startsWith("x_") && !f.includes("encrypted"))) {
      const bytes = new Uint8Array(readFileSync(CORPUS + file));
      const r = await openXlsx(bytes.slice(0, Math.floor(bytes.length / 2)), file);
      expectRefused(r, file, "file.truncated");
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-made inputs

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** A minimal package: one sheet named "数据" whose sheetData is given. */
async function tinyXlsx(sheetData: string, opts: { sheetTarget?: string; storedAt?: string; afterData?: string } = {}): Promise<Uint8Array> {
  const target = opts.sheetTarget ?? "worksheets/sheet1.xml";
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0"?><workbook ${NS} ${R_NS}><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="${target}"/></Relationships>`,
  );
  zip.file(opts.storedAt ?? `xl/${target}`, `<?xml version="1.0"?><worksheet ${NS}><sheetData>${sheetData}</sheetData>${opts.afterData ?? ""}</worksheet>`);
  return zip.generateAsync({ type: "uint8array" });
}

describe("openXlsx on hand-made input", () => {
  it("refuses plain text as not an xlsx", async () => {
    const r = await openXlsx(new TextEncoder().encode("姓名,得分\n张三,90\n"), "成绩.xlsx");
    expectRefused(r, "成绩.xlsx", "file.notZip");
  });

  it("refuses an empty file", async () => {
    expectRefused(await openXlsx(new Uint8Array(0), "空.xlsx"), "空.xlsx", "file.empty");
  });

  it("refuses an OLE compound document (encrypted .xlsx or .xls)", async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expectRefused(await openXlsx(ole, "旧表.xls"), "旧表.xls", "file.encrypted");
  });

  it("refuses a zip without xl/workbook.xml", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document/>");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expectRefused(await openXlsx(bytes, "报告.docx"), "报告.docx", "file.notXlsx");
  });

  it("reads a t=\"d\" cell without a date format as a date, and cached 0 / false / text results", async () => {
    const bytes = await tinyXlsx(
      '<row r="1"><c r="A1" t="d"><v>2024-03-05T10:20:30Z</v></c><c r="B1" t="d"><v>2024-12-31</v></c></row>' +
        '<row r="2"><c r="A2"><f>1-1</f><v>0</v></c><c r="B2" t="b"><f>1=2</f><v>0</v></c><c r="C2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c></row>',
    );
    const r = expectRead(await openXlsx(bytes, "t.xlsx"), "t.xlsx");
    const s = sheet(r.snapshot, "数据");
    expect(s.rows).toEqual([
      [{ date: "2024-03-05T10:20:30" }, { date: "2024-12-31T00:00:00" }],
      [0, false, "xy"],
    ]);
    expect(s.formulas).toEqual({ A2: "1-1", B2: "1=2", C2: '"x"&"y"' });
  });

  it("reads a worksheet stored under a name exceljs does not look for (xl/worksheets/data.xml)", async () => {
    const bytes = await tinyXlsx('<row r="1"><c r="A1"><v>1</v></c></row>', { sheetTarget: "worksheets/data.xml" });
    const r = expectRead(await openXlsx(bytes, "t.xlsx"), "t.xlsx");
    expect(sheet(r.snapshot, "数据").rows).toEqual([[1]]);
    expect(codes(r.diagnostics)).toEqual(["file.repaired"]);
  });

  it("refuses a workbook whose only sheet is not in the package (0 sheets loaded)", async () => {
    const bytes = await tinyXlsx('<row r="1"><c r="A1"><v>1</v></c></row>', { storedAt: "xl/worksheets/elsewhere.xml" });
    const d = expectRefused(await openXlsx(bytes, "t.xlsx"), "t.xlsx", "file.noSheets");
    expect(d.message).toContain("1 张工作表");
  });

  it("keeps merges as the file gives them, in order, over whole columns and overlapping ones", async () => {
    const merges = ["A1:XFD2", "A3:A1048576", "B3:C4", "C4:D5"];
    const bytes = await tinyXlsx('<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="B3"><v>2</v></c></row>', {
      afterData: `<mergeCells count="4">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`,
    });
    const s = sheet(expectRead(await openXlsx(bytes, "t.xlsx"), "t.xlsx").snapshot, "数据");
    // C4:D5 overlaps B3:C4 (invalid; Excel drops it on repair): left out instead of failing the file.
    expect(s.merges).toEqual(["A1:XFD2", "A3:A1048576", "B3:C4"]);
    expect(s.rows).toEqual([[1], [], [null, 2]]);
  });

  it("refuses shared-string cells without a shared-string table instead of reading indexes", async () => {
    const bytes = await tinyXlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    const d = expectRefused(await openXlsx(bytes, "t.xlsx"), "t.xlsx", "file.missingPart");
    expect(d.sheet).toBe("数据");
  });

  it("refuses a sheet cut in the middle of a cell, naming the part", async () => {
    const bytes = await tinyXlsx('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v>');
    const d = expectRefused(await openXlsx(bytes, "t.xlsx"), "t.xlsx", "file.badXml");
    expect(d.message).toContain("xl/worksheets/sheet1.xml");
  });
});
