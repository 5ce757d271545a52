/**
 * Every diagnostic the .xlsx reader can produce, in one place so the wording stays consistent:
 * each names the file, says what is wrong in plain terms and what the user should do.
 */
import { diagnostic, type Diagnostic } from "../../diagnostics/diagnostic";

const RESAVE_CORE_ZH = "在 Excel（或 WPS）中打开该文件，另存为“Excel 工作簿 (*.xlsx)”后重试";
const RESAVE_ZH = `请${RESAVE_CORE_ZH}`;
const RESAVE_EN = 'open it in Excel (or WPS), save it as "Excel Workbook (*.xlsx)" and try again';

export const fileMessages = {
  empty: (f: string): Diagnostic =>
    diagnostic("error", "file.empty", {
      zh: `文件「${f}」是空的（0 字节）：请重新导出或重新发送该文件`,
      en: `File "${f}" is empty (0 bytes): export or send it again`,
    }),

  encrypted: (f: string): Diagnostic =>
    diagnostic("error", "file.encrypted", {
      zh: `文件「${f}」已加密或是旧版 .xls 格式：请在 Excel 中取消密码（文件 → 信息 → 保护工作簿）并另存为 .xlsx 后重试`,
      en: `File "${f}" is password-protected or an old .xls file: remove the password in Excel (File → Info → Protect Workbook) and save it as .xlsx, then try again`,
    }),

  notZip: (f: string): Diagnostic =>
    diagnostic("error", "file.notZip", {
      zh: `文件「${f}」不是 .xlsx 工作簿（可能是 .csv、网页或改了扩展名的其他文件）：${RESAVE_ZH}`,
      en: `File "${f}" is not an .xlsx workbook (it may be a CSV, a web page or another file renamed to .xlsx): ${RESAVE_EN}`,
    }),

  ownerFile: (f: string): Diagnostic =>
    diagnostic("error", "file.ownerFile", {
      zh: `文件「${f}」是 Excel 或 WPS 打开工作簿时在旁边生成的临时锁定文件（名称以 ~$ 开头，只记录打开者的姓名），不是工作簿本身：请选择同一文件夹中名称不带 ~$ 的那个文件`,
      en: `File "${f}" is the lock file Excel or WPS keeps beside a workbook while it is open (named ~$…, it holds only the user's name), not the workbook: pick the file of the same name without ~$ in that folder`,
    }),

  truncated: (f: string): Diagnostic =>
    diagnostic("error", "file.truncated", {
      zh: `文件「${f}」已损坏或不完整（可能下载或传输中断）：请重新保存或重新发送完整的文件`,
      en: `File "${f}" is damaged or incomplete (the download or transfer was probably cut off): save or send the complete file again`,
    }),

  badZip: (f: string): Diagnostic =>
    diagnostic("error", "file.damaged", {
      zh: `文件「${f}」已损坏，无法解压：请重新发送原始文件，或${RESAVE_CORE_ZH}`,
      en: `File "${f}" is damaged and cannot be unpacked: send the original file again, or ${RESAVE_EN}`,
    }),

  notWorkbook: (f: string): Diagnostic =>
    diagnostic("error", "file.notXlsx", {
      zh: `文件「${f}」是压缩包，但不是 Excel 工作簿（找不到 xl/workbook.xml）：请确认选择的是 .xlsx 文件，或${RESAVE_CORE_ZH}`,
      en: `File "${f}" is a zip archive but not an Excel workbook (no xl/workbook.xml): check that you picked the .xlsx file, or ${RESAVE_EN}`,
    }),

  badXml: (f: string, part: string, sheet: string | null, detail: string): Diagnostic =>
    diagnostic(
      "error",
      "file.badXml",
      {
        zh: `文件「${f}」的内部部件 ${part}${sheet ? `（工作表「${sheet}」）` : ""}已损坏，内容不完整：请重新发送原始文件，或${RESAVE_CORE_ZH}`,
        en: `File "${f}": part ${part}${sheet ? ` (sheet "${sheet}")` : ""} is damaged (${detail}): send the original file again, or ${RESAVE_EN}`,
      },
      { sheet },
    ),

  missingPart: (f: string, part: string, sheet: string | null): Diagnostic =>
    diagnostic(
      "error",
      "file.missingPart",
      {
        zh: `文件「${f}」缺少内部部件 ${part}${sheet ? `（工作表「${sheet}」的文字内容无法还原）` : ""}：请重新发送原始文件，或${RESAVE_CORE_ZH}`,
        en: `File "${f}" lacks the part ${part}${sheet ? ` (the text in sheet "${sheet}" cannot be recovered)` : ""}: send the original file again, or ${RESAVE_EN}`,
      },
      { sheet },
    ),

  noSheets: (f: string, listed: number): Diagnostic =>
    diagnostic("error", "file.noSheets", {
      zh:
        listed === 0
          ? `文件「${f}」中没有任何工作表：请确认选择了正确的文件`
          : `文件「${f}」列出了 ${listed} 张工作表，但一张也读不出来：${RESAVE_ZH}`,
      en:
        listed === 0
          ? `File "${f}" contains no worksheets: check that you picked the right file`
          : `File "${f}" lists ${listed} worksheet(s) but none could be read: ${RESAVE_EN}`,
    }),

  sheetsMissing: (f: string, names: readonly string[]): Diagnostic =>
    diagnostic(
      "error",
      "file.sheetMissing",
      {
        zh: `文件「${f}」中的工作表${names.map((n) => `「${n}」`).join("、")}无法读取：${RESAVE_ZH}`,
        en: `File "${f}": worksheet(s) ${names.map((n) => `"${n}"`).join(", ")} could not be read: ${RESAVE_EN}`,
      },
      { sheet: names.length === 1 ? names[0]! : null },
    ),

  /**
   * exceljs failed even on the cells-only copy of a package that passed every check. The error's
   * text is a developer's ("Cannot read properties of undefined"), so the user hears what to do.
   */
  unreadable: (f: string): Diagnostic =>
    diagnostic("error", "file.unreadable", {
      zh: `evalsheet 无法读取文件「${f}」的单元格内容（它的写法本工具不支持，文件本身未必损坏）：${RESAVE_ZH}`,
      en: `evalsheet cannot read the cells of file "${f}" (it is written in a way this tool does not support; the file itself may well be fine): ${RESAVE_EN}`,
    }),

  entities: (f: string, part: string): Diagnostic =>
    diagnostic("error", "file.entities", {
      zh: `文件「${f}」的内部部件 ${part} 含有 DTD 实体声明（Excel 不会写出这种内容，常见于恶意构造的文件），为安全起见不予读取：请确认文件来源，${RESAVE_CORE_ZH}`,
      en: `File "${f}": part ${part} declares DTD entities (Excel never writes them; they are typical of files built to attack readers), so it is not read: check where the file came from, then ${RESAVE_EN}`,
    }),

  hiddenMergedValues: (f: string, sheet: string, range: string, cells: readonly string[]): Diagnostic =>
    diagnostic(
      "warning",
      "file.hiddenMergedValues",
      {
        zh: `文件「${f}」工作表「${sheet}」中合并单元格 ${range} 下被遮住的单元格 ${listCells(cells, "zh")} 有内容，读取时按空白处理：如需要这些内容，请取消合并后重新保存`,
        en: `File "${f}", sheet "${sheet}": cells ${listCells(cells, "en")} hidden under the merged range ${range} hold content, which is read as empty: unmerge them and save again if it is needed`,
      },
      { sheet, cell: range },
    ),

  repaired: (f: string, fixes: readonly Fix[]): Diagnostic =>
    diagnostic("info", "file.repaired", {
      zh: `文件「${f}」有不常见的写法，已自动兼容后读取（${fixes.map((x) => FIX_TEXT[x].zh).join("；")}）；如发现数据异常，请在 Excel 中另存为 .xlsx 后重试`,
      en: `File "${f}" uses unusual encodings that were adapted automatically (${fixes.map((x) => FIX_TEXT[x].en).join("; ")}); if any data looks wrong, save it as .xlsx in Excel and try again`,
    }),
};

export type Fix =
  | "backslashPaths"
  | "xmlPrefix"
  | "relPrefix"
  | "date1904"
  | "isoDates"
  | "cellRefs"
  | "partPaths"
  | "cdata"
  | "docProps"
  | "inlineStrFormulas"
  | "utf16"
  | "workbookPath"
  | "sheetPaths"
  | "absoluteTargets"
  | "alternateContent"
  | "cellsOnly"
  | "leadingText";

const FIX_TEXT: Record<Fix, { zh: string; en: string }> = {
  backslashPaths: { zh: "压缩包内的路径写法不标准（反斜杠或大小写）", en: "zip entry names used backslashes or unusual letter case" },
  xmlPrefix: { zh: "XML 元素带有命名空间前缀", en: "XML elements carried a namespace prefix" },
  relPrefix: { zh: "工作表关联属性使用了非标准前缀", en: "sheet relationship ids used a non-standard prefix" },
  date1904: { zh: "1904 日期系统写作 true", en: 'the 1904 date system was written as "true"' },
  isoDates: { zh: "日期以 ISO 文本保存", en: "dates were stored as ISO text" },
  cellRefs: { zh: "行或单元格缺少地址", en: "rows or cells had no address" },
  partPaths: { zh: "共享字符串或样式部件位置不标准", en: "shared strings or styles were stored at a non-standard path" },
  inlineStrFormulas: { zh: "公式结果以内联文字保存", en: "formula results were stored as inline strings" },
  cdata: { zh: "文字以 CDATA 形式保存", en: "text was stored as CDATA sections" },
  docProps: { zh: "文档属性（作者、日期）写法不标准，已忽略", en: "non-standard document properties (author, dates) were ignored" },
  utf16: { zh: "部分内容以 UTF-16 编码保存", en: "some parts were encoded as UTF-16" },
  workbookPath: { zh: "工作簿部件不在常见位置", en: "the workbook part was stored at an unusual path" },
  sheetPaths: { zh: "工作表部件名称不常见", en: "worksheet parts had unusual names" },
  absoluteTargets: { zh: "内部关联使用了绝对路径", en: "relationships used absolute paths" },
  alternateContent: { zh: "样式中含有兼容性替代内容，已按通用写法读取", en: "styles held markup-compatibility blocks; their fallback was read" },
  leadingText: { zh: "格式文字以普通文字开头", en: "rich text started with plain text before its runs" },
  cellsOnly: {
    zh: "表格对象、批注、图形等附属内容无法读取，只读取了单元格（原文件中的这些内容不受影响）",
    en: "tables, comments, drawings and similar objects could not be read, so only the cells were read (the file itself keeps them)",
  },
};

function listCells(cells: readonly string[], lang: "zh" | "en"): string {
  const sep = lang === "zh" ? "、" : ", ";
  const shown = cells.slice(0, 5).join(sep);
  if (cells.length <= 5) return shown;
  return lang === "zh" ? `${shown} 等 ${cells.length} 个` : `${shown} and ${cells.length - 5} more`;
}
