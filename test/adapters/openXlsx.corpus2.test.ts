/**
 * The .xlsx reader against the second corpus: 59 real-world files (../shared/corpus/xlsx2, see its
 * MANIFEST.txt) — other producers, odd package layouts, UTF-16 parts, 50,000 merges, attacks and
 * fuzzed zips. Each must be read right (spot-checked values) or refused with exactly one error that
 * names the file and says what to do; a valid file is never called damaged.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DiagnosticSchema } from "../../src/diagnostics/schema";
import { openXlsx, type OpenResult } from "../../src/adapters/xlsx/openXlsx";
import { at, codes, expectRead, expectRefused, sheet, type Read } from "./corpusExpect";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/xlsx2/", import.meta.url));
const present = existsSync(CORPUS);
if (!present) console.warn(`[openXlsx.corpus2] skipped: corpus directory not found at ${CORPUS}`);

/** Read, with the fixes named in its one `file.repaired` note (none: no note at all). */
function readWith(r: OpenResult, f: string, fixes: RegExp | null): Read {
  const read = expectRead(r, f);
  const notes = read.diagnostics.filter((d) => d.code === "file.repaired");
  if (fixes === null) expect(notes).toEqual([]);
  else expect(notes.map((d) => d.messageEn)).toEqual([expect.stringMatching(fixes)]);
  return read;
}

function names(r: Read): string[] {
  return r.snapshot.sheets.map((s) => s.name);
}

/** Refused, and not as "damaged": the file is what it is, and the message says so. */
function refusedAs(r: OpenResult, f: string, code: string, says: RegExp): void {
  const d = expectRefused(r, f, code);
  expect(d.message).toMatch(says);
  expect(d.message + d.messageEn).not.toMatch(/损坏|damaged|Cannot (?:read|set|create) propert/);
}

const expectations: Record<string, (r: OpenResult, f: string) => void> = {
  // ---- broken, not xlsx, adversarial: refused once, plainly
  "po_fuzz_4828727001088000.xlsx": (r, f) => expect(expectRefused(r, f, "file.damaged").messageEn).not.toMatch(/Corrupted zip or bug/),
  "po_fuzz_5636439151607808.xlsx": (r, f) => void expectRefused(r, f, "file.truncated"),
  "po_invalid_emptyzip.xlsx": (r, f) => refusedAs(r, f, "file.notXlsx", /不是 Excel 工作簿/),
  "cx_owner_lockfile.xlsx": (r, f) => refusedAs(r, f, "file.ownerFile", /临时锁定文件.*不带 ~\$/),
  "cx_CVE-2016-0122-1.xlsm": (r, f) => refusedAs(r, f, "file.notZip", /不是 \.xlsx 工作簿/),
  "po_poc-xmlbomb.xlsx": (r, f) => refusedAs(r, f, "file.entities", /xl\/sharedStrings\.xml 含有 DTD 实体声明/),
  "ej_invalid-xml.xlsx": (r, f) => {
    // Genuinely not well-formed ("foo" before the root): damage, named by part and sheet.
    const d = expectRefused(r, f, "file.badXml");
    expect(d).toMatchObject({ sheet: "Sheet1" });
    expect(d.message).toContain("xl/worksheets/sheet1.xml");
  },
  "ez_encryptAES.xlsx": (r, f) => refusedAs(r, f, "file.encrypted", /取消密码/),
  "po_protected_passtika.xlsx": (r, f) => refusedAs(r, f, "file.encrypted", /取消密码/),
  // A worksheet without its workbook: an incomplete workbook, said so, not "not a workbook".
  "ej_missing-bits.xlsx": (r, f) => refusedAs(r, f, "file.missingPart", /缺少内部部件 xl\/workbook\.xml/),
  "ez_BadWorkbook.xlsx": (r, f) => {
    const d = expectRefused(r, f, "file.noSheets");
    expect(d.message).toContain("没有任何工作表");
  },

  // ---- read where a valid package used to be refused
  "po_poc-shared-strings.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, null).snapshot, "Tabelle1");
    expect(s.rows).toHaveLength(3999);
    expect(String(at(s, "A1"))).toMatch(/^f{32}I{32}d{32}/);
    expect(at(s, "A3999")).toBe(at(s, "A1"));
  },
  "po_xxe_in_schema.xlsx": (r, f) => {
    // The table bound to an XML map makes exceljs throw; its cells are read without it.
    const s = sheet(readWith(r, f, /only the cells were read/).snapshot, "Sheet1");
    expect([at(s, "C9"), at(s, "D9"), at(s, "E9"), at(s, "C10")]).toEqual(["/Test/Test", "Column1", "Column2", "1"]);
  },
  "po_duplicate-filename.xlsx": (r, f) => expect(at(sheet(readWith(r, f, null).snapshot, "v1"), "A1")).toBe("v2"),
  "p_double_attr_drawing.xlsx": (r, f) => {
    // Excel opens it though a VML drawing repeats an attribute: the cells are read without drawings.
    const read = readWith(r, f, /only the cells were read/);
    expect(names(read)).toEqual(["TOSHIBA_HITACHI_SKYWORTH", "Кондиционеры Toshiba", "WiZ_Performance", "Лист1"]);
    const s = sheet(read.snapshot, "TOSHIBA_HITACHI_SKYWORTH");
    expect(at(s, "H1")).toBe("Сумма отгрузки");
    expect(s.formulas["J1"]).toBe("SUM(K9:K17,K19:K23,K25:K28)");
    expect(at(sheet(read.snapshot, "WiZ_Performance"), "B6")).toBe("Novosibirsk");
  },
  "p_utf16be.xlsx": (r, f) => {
    const read = readWith(r, f, /UTF-16/);
    expect(names(read)).toEqual(["Sheet1"]);
    expect(at(sheet(read.snapshot, "Sheet1"), "A1")).toBe(1);
  },
  "c_minimal_package.xlsx": (r, f) => {
    // Every part at the zip's root; a title that is plain text followed by a rich-text run.
    const s = sheet(readWith(r, f, /workbook part was stored at an unusual path/).snapshot, "Sheet1");
    expect(at(s, "A1")).toBe("ARREST BOOKINGS for 01/30/17");
    expect([at(s, "A3"), at(s, "B4"), at(s, "A196")]).toEqual(["BKG_NUM", "01/30/17", "4895730"]);
    expect(s.rows).toHaveLength(196);
  },
  "s_wtf_path.xlsx": (r, f) => {
    const read = readWith(r, f, /workbook part was stored at an unusual path/);
    expect(names(read)).toEqual(["SheetJS", "Hidden"]);
    const s = sheet(read.snapshot, "SheetJS");
    expect(s.rows.slice(0, 2)).toEqual([[1, 2, 3], [true, false, null, "sheetjs"]]);
    expect(at(s, "C4")).toBe("௮");
    expect(sheet(read.snapshot, "Hidden").state).toBe("hidden");
  },
  "po_49609_lowercase_backslash.xlsx": (r, f) => {
    const read = readWith(r, f, /backslashes or unusual letter case/);
    expect(names(read)).toEqual(["FAM", "VIC"]);
    const fam = sheet(read.snapshot, "FAM");
    expect([at(fam, "B1"), at(fam, "C1"), at(fam, "B2")]).toEqual(["Cycle", "A1", 1]);
    expect(at(fam, "C2")).toBeCloseTo(11698.2415270953, 9);
    expect(at(sheet(read.snapshot, "VIC"), "B39")).toBe(38);
  },
  "cx_InsertColumns_packaging.xlsx": (r, f) => {
    // System.IO.Packaging: xl/worksheets/sheet.xml, docProps/app.xml as <ap:Properties>.
    const read = readWith(r, f, /worksheet parts had unusual names/);
    const s = sheet(read.snapshot, "Inserting Columns");
    expect(s.rows[0]).toEqual(["X", "X", null, null, null, null, "X", "X", null, null, "X"]);
  },
  "cx_PivotTables_closedxml.xlsx": (r, f) => {
    const read = readWith(r, f, /namespace prefix/);
    expect(names(read)).toHaveLength(11);
    const s = sheet(read.snapshot, "PastrySalesData");
    expect(s.rows[0]).toEqual(["Name", "Code", "NumberOfOrders", "Quality", "Month", "BakeDate"]);
    expect([at(s, "A2"), at(s, "B2"), at(s, "C2"), at(s, "F2"), at(s, "A17")]).toEqual(["Croissant", 101, 150, { date: "2016-04-21T00:00:00" }, "Scone"]);
  },
  "cx_emoji_closedxml.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, /namespace prefix/).snapshot, "Sheet1");
    expect(at(s, "A1")).toBe("This emoji version of Let It Go from Frozen:");
    expect(String(at(s, "A2"))).toMatch(/^The ❄️ 🌟 🔦 ⚪ on the mountain 🌙 🌠\./u);
  },
  "po_style-alternate-content_hancell.xlsx": (r, f) => {
    const read = readWith(r, f, /markup-compatibility/);
    const s = sheet(read.snapshot, "Sheet2");
    expect([at(s, "A2"), at(s, "A4"), at(s, "B7")]).toEqual(["사이버서당 무상 콘텐츠 이용 신청서", "1. 센터명", "성명"]);
    expect(s.merges).toHaveLength(12);
  },
  "c_table_with_absolute_paths.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, /absolute paths/).snapshot, "table");
    expect(s.rows.slice(0, 4)).toEqual([["Item", "Name"], [100, "North"], [200, "South"], [101, "West"]]);
  },

  // ---- producers, features, CJK, sizes: read as they are
  "um_aaa_empty.xlsx": (r, f) => expect(readWith(r, f, null).snapshot.sheets.map((s) => [s.name, s.rows.length])).toEqual([["Sheet1", 0], ["Sheet2", 0], ["Sheet3", 0]]),
  "cx_LO_empty.xlsx": (r, f) => expect(readWith(r, f, null).snapshot.sheets.map((s) => s.rows)).toEqual([[[11]], []]),
  "po_stress020_wps.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, /absolute paths/).snapshot, "Sheet1");
    expect(at(s, "A1")).toBe("2019年泰州市7月份银行业金融机构存贷款情况");
    expect([at(s, "B3"), at(s, "C3"), at(s, "G3")]).toEqual(["单位", "1月", "5月"]);
    expect(s.merges).toHaveLength(15);
  },
  "um_google_cjk.xlsx": (r, f) => {
    const read = readWith(r, f, null);
    expect(names(read)).toEqual(["シート1", "シート2"]);
    expect(at(sheet(read.snapshot, "シート1"), "B4")).toBe("TEST");
    expect(at(sheet(read.snapshot, "シート2"), "E13")).toBe("DDDD");
  },
  "cx_InvalidFirstPageNumber_onlyoffice.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, null).snapshot, "TestLookup");
    expect(s.rows.slice(0, 3)).toEqual([["Key", "Value"], ["Key1", "Val1"], ["Key1", "Value 2"]]);
    expect(at(s, "B4")).toBe("0004"); // text, not the number 4
  },
  "po_styles_odfconverter.xlsx": (r, f) => expect(sheet(readWith(r, f, null).snapshot, "Sheet1").rows.slice(0, 2)).toEqual([["Lorem", 111], ["ipsum", 222]]),
  "p_issue.3654_flexcel.xlsx": (r, f) => {
    const read = expectRead(r, f);
    expect(codes(read.diagnostics)).toEqual(["file.hiddenMergedValues"]);
    expect(read.diagnostics[0]).toMatchObject({ sheet: "Data", cell: "D1:I1" });
    const s = sheet(read.snapshot, "Data");
    expect([at(s, "A1"), at(s, "D1"), at(s, "AN1")]).toEqual(["Identificación", "Soporte", "Observaciones"]);
  },
  "cx_InlineStrings_access.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, null).snapshot, "Sheet1");
    expect([at(s, "A2"), at(s, "B2"), at(s, "A5"), at(s, "B5")]).toEqual(["BF_STD_STATE", "count", "AK", "10041"]);
  },
  "ej_test-pr-1220_openpyxl.xlsx": (r, f) => {
    const read = readWith(r, f, /absolute paths/);
    expect(names(read)).toEqual(["Sheet", "KA lijst"]);
    const s = sheet(read.snapshot, "KA lijst");
    expect(s.rows).toHaveLength(341);
    expect(s.rows[0]!.slice(0, 3)).toEqual(["AP", "APHeightUnit", "DuctD"]);
  },
  "po_58896_poi_merges.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, null).snapshot, "Sheet0");
    expect(s.merges).toHaveLength(1475);
    expect([at(s, "A1"), at(s, "A2"), at(s, "C2")]).toEqual(["Iteration", 100, "49:$80,945.96:-$4,912.90:$77,616.32"]);
  },
  "cx_LO_pivot_first_header_row.xlsx": (r, f) => {
    const read = readWith(r, f, null);
    expect(names(read)).toEqual(["pivot", "users"]);
    expect([at(sheet(read.snapshot, "users"), "C1"), at(sheet(read.snapshot, "users"), "B3")]).toEqual(["company", 85]);
  },
  "p_grouped_images_lo258.xlsx": (r, f) => expect(sheet(readWith(r, f, null).snapshot, "LMNP_page garde").merges).toHaveLength(5),
  "s_hyperlink_no_rels.xlsm": (r, f) => {
    const read = readWith(r, f, null);
    expect(names(read)).toEqual(["LeadSheet_Ext_COGS", "23610_Accr_Ext_COGS"]);
    expect(at(sheet(read.snapshot, "LeadSheet_Ext_COGS"), "A1")).toBe(23610);
  },
  "po_right-to-left.xlsx": (r, f) => {
    const read = readWith(r, f, null);
    expect(names(read)).toEqual(["English", "عربى"]);
    expect(sheet(read.snapshot, "عربى").rows.slice(0, 2)).toEqual([["نص"], [123]]);
  },
  "rx_embed_image10.xlsx": (r, f) => expect(at(sheet(readWith(r, f, null).snapshot, "Sheet1"), "A1")).toEqual({ error: "#VALUE!" }),
  "rx_quote_name02.xlsx": (r, f) => {
    const read = readWith(r, f, null);
    expect(names(read)).toEqual(["Sheet'1", "S'heet'2", "Sheet(3", "Sheet)4", "Sheet+5", "Sheet,6", "Sheet-7", "Sheet;8"]);
    expect(sheet(read.snapshot, "S'heet'2").rows.slice(0, 2)).toEqual([[1, 2, 3], [2, 4, 6]]);
  },
  "xw_date_1904_02.xlsx": (r, f) => {
    const read = readWith(r, f, null);
    expect(read.snapshot.date1904).toBe(true);
    const s = sheet(read.snapshot, "Sheet1");
    expect([at(s, "A1"), at(s, "A2"), at(s, "A6")]).toEqual([{ date: "1904-01-01T00:00:00" }, { date: "1906-09-27T00:00:00" }, { date: "4641-11-27T00:00:00" }]);
  },
  "ez_Book1.xlsx": (r, f) => {
    const read = readWith(r, f, /absolute paths/);
    const s1 = sheet(read.snapshot, "Sheet1");
    expect([at(s1, "A19"), at(s1, "B19")]).toEqual(["Total:", 237]);
    expect(at(sheet(read.snapshot, "Sheet2"), "E1")).toBe("inlineStr");
  },
  "c_pivots.xlsx": (r, f) => {
    // A customXml part in UTF-16 is left alone: exceljs never reads it, so nothing is "repaired".
    const read = readWith(r, f, null);
    expect(names(read)).toEqual(["PivotSheet1", "PivotSheet2", "PivotSheet3", "PivotSheet4", "DataSheet", "DataSheet2"]);
    expect(sheet(read.snapshot, "PivotSheet4").rows.slice(1, 4)).toEqual([["blue", 75], ["yellow", 40], ["Grand Total", 115]]);
  },
  "p_conditionalFormattingIconSet.xlsx": (r, f) => expect(at(sheet(readWith(r, f, null).snapshot, "Sheet1"), "D1")).toBe("type: 3TrafficLights1"),
  "po_DataValidationEvaluations.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, null).snapshot, "Sheet1");
    expect([at(s, "A1"), at(s, "I1")]).toEqual(["Data Validation Tests", { date: "1999-01-01T00:00:00" }]);
  },
  "c_picture_richdata.xlsx": (r, f) => expect(at(sheet(readWith(r, f, null).snapshot, "Sheet1"), "B2")).toEqual({ error: "#VALUE!" }),
  "s_defined_names_unicode.xlsx": (r, f) => {
    const read = readWith(r, f, null);
    expect(names(read)).toEqual(["NoContainsJapanese", "日本語のみ", "sheet日本語", "日本語sheet", "sheet日本語sheet"]);
    expect(at(sheet(read.snapshot, "日本語のみ"), "A1")).toBe("NamedDefine");
  },
  "po_54071_cjk.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, null).snapshot, "双11商品导入定制打标时间模板");
    expect([at(s, "A1"), at(s, "A2")]).toEqual(["time", { date: "2012-11-11T23:59:59" }]);
  },
  "po_1_NoIden_korean.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, /document properties/).snapshot, "시트_테스트(1)");
    expect([at(s, "B2"), at(s, "C3")]).toEqual(["가나다", "서울 재난 체험관 운영"]);
    expect(s.merges).toHaveLength(2);
  },
  "um_issue_188_3_cjk.xlsx": (r, f) => {
    // 1.2 MB of styled cells and not one value.
    const read = readWith(r, f, null);
    expect(read.snapshot.sheets.map((s) => [s.name, s.rows.length, s.merges.length])).toEqual([
      ["周生生(中国)商业有限公司西安分公司", 0, 2],
      ["T1", 0, 2],
    ]);
  },
  "cx_universal-content-strict.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, null).snapshot, "Sheet1");
    expect(s.rows.slice(0, 2)).toEqual([[1, "String1", 6], [2, "String2", 5]]);
    expect(Object.keys(s.formulas)).toHaveLength(4);
  },
  "cx_EmptySi.xlsx": (r, f) => expect(sheet(readWith(r, f, null).snapshot, "Sheet 1").rows[1]).toEqual(["A2", null, "C2"]),
  "ej_shared_string_with_escape.xlsx": (r, f) => expect(at(sheet(readWith(r, f, null).snapshot, "Sheet1"), "A1")).toBe("_x000D_"),
  "cx_SHA512PasswordProtection.xlsx": (r, f) => expect(at(sheet(readWith(r, f, null).snapshot, "Sheet2"), "A2")).toBe('This sheet is locked with password "abc"'),
  "s_large_strings.xlsx": (r, f) => {
    const read = readWith(r, f, null);
    expect(read.snapshot.sheets.map((s) => [s.name, s.rows.length])).toEqual([["Large Strings", 9999], ["Simple", 26], ["longwordslist", 17619]]);
    expect(at(sheet(read.snapshot, "longwordslist"), "A1")).toBe("abandonment");
  },
  "um_aaa_large_string.xlsx": (r, f) => {
    const s = sheet(readWith(r, f, null).snapshot, "Sheet1");
    expect(s.rows).toHaveLength(2999);
    expect(s.rows[0]!.slice(0, 5)).toEqual(["TEST-A-1", "TEST-B-1", "TEST-C-1", "TEST-D-1", "TEST-A-2"]);
  },
  "po_57893-many-merges.xlsx": (r, f) => {
    // 50,000 merged ranges (exceljs alone: four minutes), all of them kept, in file order.
    const s = sheet(readWith(r, f, null).snapshot, "Sheet1");
    expect(s.merges).toHaveLength(50_000);
    expect(s.merges.slice(-2)).toEqual(["A49999:B49999", "B50000:C50000"]);
  },
  "po_xlmmacro.xlsm": (r, f) => expect(names(readWith(r, f, null))).toEqual(["Sheet1", "Sheet2"]),
  "s_BlankSheetTypes.xlsm": (r, f) => expect(names(readWith(r, f, null))).toEqual(["Sheet1"]),
};

describe.skipIf(!present)(`openXlsx on the second corpus (${present ? CORPUS : "SKIPPED: ../shared/corpus/xlsx2 not found"})`, () => {
  const files = present ? readdirSync(CORPUS).filter((f) => /\.xls[xm]$/.test(f)).sort() : [];

  it("has an expectation for every corpus file and a file for every expectation", () => {
    expect(files).toEqual(Object.keys(expectations).sort());
  });

  for (const file of files) {
    it(file, async () => {
      const r = await openXlsx(new Uint8Array(readFileSync(CORPUS + file)), file);
      for (const d of r.diagnostics) DiagnosticSchema.parse(d);
      expectations[file]!(r, file);
    });
  }
});
