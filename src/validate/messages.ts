import { diagnostic, type Diagnostic, type Severity } from "../diagnostics/diagnostic";
import type { ParsedNumber } from "./cellParse";
import { ledgerMsg } from "./ledgerMessages";

/**
 * The catalogue of workbook diagnostics: one function per code, Chinese first, English beside.
 * Each says where (sheet and cell come with the diagnostic) and what to do.
 */
type Where = { sheet: string; cell?: string | null };
const d = (severity: Severity, code: string, zh: string, en: string, where: Where): Diagnostic => diagnostic(severity, code, { zh, en }, where);

export const msg = {
  // The contact-point table and the ledgers of 附件1 and 附件2.
  ...ledgerMsg,
  sheetMissing: (sheet: string, what: string) =>
    d("error", "sheet.missing", `缺少工作表“${sheet}”（${what}）。请用“生成模板”补上该表，或把改名的表改回“${sheet}”。`, `Sheet "${sheet}" (${what}) is missing. Add it from the template, or rename the renamed sheet back to "${sheet}".`, { sheet }),
  sheetRenamed: (sheet: string, found: string) =>
    d("warning", "sheet.renamed", `工作表“${found}”按“${sheet}”读取。建议改名为“${sheet}”。`, `Sheet "${found}" was read as "${sheet}". Consider renaming it to "${sheet}".`, { sheet: found }),
  sheetEmpty: (sheet: string) =>
    d("error", "sheet.notFilled", `工作表“${sheet}”尚未填写任何得分。请该部室填写后再汇总。`, `Sheet "${sheet}" has no scores yet. Ask the department to fill it in before aggregating.`, { sheet }),
  headerChanged: (sheet: string, cell: string, expected: string, found: string | null) =>
    d("error", "header.changed", `表头被改动：应为“${expected}”，实际为“${found ?? "（空）"}”。请恢复模板的表头（不要插入或删除列）。`, `Header changed: expected "${expected}", found "${found ?? "(empty)"}". Restore the template's header (do not insert or delete columns).`, { sheet, cell }),
  mergedInput: (sheet: string, range: string) =>
    d("error", "cell.merged", `合并单元格 ${range} 覆盖了填写区域。请取消合并（开始 → 合并后居中），每个单元格单独填写。`, `Merged cells ${range} cover input cells. Unmerge them and fill each cell separately.`, { sheet, cell: range }),
  unitUnknown: (sheet: string, cell: string, name: string) =>
    d("error", "unit.unknown", `未知区县“${name}”。请改为 41 个区县之一的规范名称（如“忠县”“西部科学城重庆高新区”）。`, `Unknown unit "${name}". Use the name of one of the 41 units.`, { sheet, cell }),
  unitNormalised: (sheet: string, cell: string, name: string, canonical: string, how: "spacing" | "alias") =>
    d("info", "unit.normalised", how === "alias" ? `“${name}”已识别为“${canonical}”。` : `“${name}”含空格或全角字符，已识别为“${canonical}”。`, `"${name}" was read as "${canonical}".`, { sheet, cell }),
  unitDuplicate: (sheet: string, cell: string, name: string, firstCell: string) =>
    d("error", "unit.duplicate", `区县“${name}”重复出现（第一次在 ${firstCell}）。请删除重复的一行；本行不计分。`, `Unit "${name}" appears twice (first at ${firstCell}). Delete the duplicate row; this row is ignored.`, { sheet, cell }),
  unitMissing: (sheet: string, name: string) =>
    d("error", "unit.missing", `缺少区县“${name}”的一行。请补上该区县（可从模板复制），否则按 0 分计。`, `Unit "${name}" has no row. Add it (copy from the template); otherwise it scores 0.`, { sheet }),
  rowWithoutUnit: (sheet: string, cell: string) =>
    d("error", "unit.blank", "该行填写了数据，但区县名称为空。请填写区县名称。", "This row has data but no unit name. Fill in the unit.", { sheet, cell }),
  notNumber: (sheet: string, cell: string, raw: string, what: string, hint = "") =>
    d("error", "value.notNumber", `${what}“${raw}”不是数字。请只填写数字（不要带“分”“个”等文字）${hint}。`, `${what} "${raw}" is not a number. Enter digits only${hint ? ", or pick 不适用 (not applicable)" : ""}.`, { sheet, cell }),
  notApplicableRefused: (sheet: string, cell: string, what: string) =>
    d("error", "value.notApplicableRefused", `“${what}”不能填写“不适用”：方案规定每个区县都须填写该项数据。请填写实际数值。`, `"${what}" cannot be 不适用 (not applicable): the scheme requires a figure for every unit. Enter the figure.`, { sheet, cell }),
  signOffMissing: (severity: Severity, sheet: string, cell: string, field: string) =>
    d(severity, "dept.unsigned", `本表已评分，但“${field}”未填写。部室评分须经分管领导审定后交办公室汇总：请填写${field}。`, `The sheet has scores but no "${field}". Department scores are approved by the supervising leader before the office aggregates them: fill it in.`, { sheet, cell }),
  signOffBlockMissing: (severity: Severity, sheet: string) =>
    d(severity, "dept.unsigned", "本表没有“部室审定”栏（评分人、分管领导审定、审定日期），无法确认已经分管领导审定。请用“生成模板”生成的新表填写，或在表尾补上该栏。", "The sheet has no 部室审定 block (scorer, approving leader, date), so its approval cannot be confirmed. Use a sheet from the current template, or add the block at the bottom.", { sheet }),
  numberAsText: (sheet: string, cell: string, p: Extract<ParsedNumber, { kind: "number" }>) =>
    d("warning", "value.textNumber", p.note === "fullwidth" ? `全角数字已按 ${p.value} 计算。请改为半角数字，以免其他软件打开时按 0 计算。` : `以文本形式存放的数字，已按 ${p.value} 计算。请把单元格改为数字格式。`, `Number stored as ${p.note === "fullwidth" ? "full-width " : ""}text, read as ${p.value}. Re-enter it as a number.`, { sheet, cell }),
  errorValue: (sheet: string, cell: string, error: string) =>
    d("error", "value.formulaError", `单元格是错误值 ${error}（公式出错）。请修正公式或直接填写数值。`, `The cell holds the error ${error}. Fix the formula or type the value.`, { sheet, cell }),
  empty: (sheet: string, cell: string, what: string, hint = "") =>
    d("error", "value.empty", `${what}未填写。请填写${hint}后再汇总。`, `${what} is empty. Fill it in${hint ? " (or pick 不适用, not applicable)" : ""} before aggregating.`, { sheet, cell }),
  overMax: (sheet: string, cell: string, value: number, max: number, what: string) =>
    d("error", "value.overMax", `${what} ${value} 超过满分 ${max}。请填写 0 至 ${max} 之间的数值。`, `${what} ${value} exceeds the maximum ${max}. Enter a value from 0 to ${max}.`, { sheet, cell }),
  negative: (sheet: string, cell: string, value: number, what: string) =>
    d("error", "value.negative", `${what} ${value} 是负数。请填写不小于 0 的数值（倒扣由“次数”列计算）。`, `${what} ${value} is negative. Enter 0 or more.`, { sheet, cell }),
  percentRange: (sheet: string, cell: string, value: number) =>
    d("error", "value.percentRange", `比例 ${value} 不在 0%—100% 之间。${value > 1 && value <= 100 ? `若指 ${value}%，请输入“${value}%”。` : "请改正。"}`, `Rate ${value} is not between 0% and 100%.${value > 1 && value <= 100 ? ` For ${value}%, type "${value}%".` : ""}`, { sheet, cell }),
  notInteger: (sheet: string, cell: string, value: number, what: string) =>
    d("error", "value.notInteger", `${what} ${value} 应为整数。`, `${what} ${value} must be a whole number.`, { sheet, cell }),
  notYesNo: (sheet: string, cell: string, raw: string) =>
    d("error", "value.notYesNo", `“${raw}”无法识别。请填写“是”或“否”。`, `"${raw}" is not 是/否 (yes/no).`, { sheet, cell }),
  reasonMissing: (severity: Severity, sheet: string, cell: string, item: string, why: { zh: string; en: string }) =>
    d(severity, "reason.missing", `“${item}”${why.zh}，但没有写扣分理由。请在此格写明理由。`, `"${item}": ${why.en}, but there is no reason. Write the reason here.`, { sheet, cell }),
  caseReasonMissing: (severity: Severity, sheet: string, cell: string, title: string, score: number, max: number) =>
    d(severity, "case.noReason", `案例“${title}”得 ${score} 分，低于满分 ${max}，但没有写扣分理由。请在此格写明扣分理由。`, `Case "${title}" scored ${score}, below the full ${max}, with no reason. Write the reason for the deduction here.`, { sheet, cell }),
  countOverMax: (sheet: string, cell: string, value: number, max: number, asDate: string | null) =>
    d("error", "event.countOverMax", `次数 ${value} 超过该事项每行最多 ${max} 次的上限${asDate ? `，看起来是日期（${asDate}）被填进了“次数”列` : ""}。请填写 0 至 ${max} 的整数次数${asDate ? "，日期填在“日期”列" : ""}；本行按 0 次计。`, `Count ${value} exceeds this item's maximum of ${max} per row${asDate ? `; it looks like a date (${asDate}) typed into the count column` : ""}. Enter a whole number from 0 to ${max}; this row counts as none.`, { sheet, cell }),
  notDate: (sheet: string, cell: string, raw: string, year: number) =>
    d("error", "value.notDate", `“${raw}”不是日期。请填写日期，如 ${year}-03-01。`, `"${raw}" is not a date. Enter a date such as ${year}-03-01.`, { sheet, cell }),
  dateAsText: (sheet: string, cell: string, iso: string) =>
    d("warning", "value.textDate", `以文本形式填写的日期，已按 ${iso} 读取。请把单元格改为日期格式（重新输入 ${iso}）。`, `Date stored as text, read as ${iso}. Re-enter it as a date.`, { sheet, cell }),
  dateOutOfYear: (sheet: string, cell: string, iso: string, year: number) =>
    d("error", "value.dateOutOfYear", `日期 ${iso} 不在 ${year} 年度内。本表只登记 ${year} 年（${year}-01-01 至 ${year}-12-31）的事项，请核对日期。`, `Date ${iso} is outside the evaluation year ${year}. Only events of ${year} (${year}-01-01 to ${year}-12-31) belong here; check the date.`, { sheet, cell }),
  unknownItem: (sheet: string, cell: string, raw: string, what: string) =>
    d("error", "item.unknown", `未知的${what}“${raw}”。请从下拉列表中选择。`, `Unknown ${what === "项目" ? "project" : "item"} "${raw}". Pick one from the dropdown list.`, { sheet, cell }),
  discretionaryNoPoints: (sheet: string, cell: string) =>
    d("error", "penalty.noPoints", "酌情扣分须填写扣分分值。请填写分值。", "A discretionary penalty needs its points.", { sheet, cell }),
  discretionaryNoReason: (sheet: string, cell: string) =>
    d("error", "penalty.noReason", "酌情扣分须写明理由。请在“理由/说明”中填写。", "A discretionary penalty needs a reason.", { sheet, cell }),
  pointsIgnored: (sheet: string, cell: string) =>
    d("warning", "event.pointsIgnored", "该事项按固定分值计算，此处填写的分值不起作用。如需酌情扣分，请选择酌情扣分事项。", "This item has fixed points; the points written here are ignored.", { sheet, cell }),
  noEvidence: (sheet: string, cell: string) =>
    d("warning", "bonus.noEvidence", "加分事项未填写证明材料。请注明获奖证明扫描件。", "Bonus without proof: name the scanned evidence.", { sheet, cell }),
  caseTooLong: (sheet: string, cell: string, length: number, limit: number) =>
    d("error", "case.tooLong", `案例内容 ${length} 字，超过 ${limit} 字的限制。请压缩到 ${limit} 字以内。`, `Case text has ${length} characters, over the ${limit} limit.`, { sheet, cell }),
  tooManyCases: (sheet: string, cell: string, unit: string, max: number) =>
    d("error", "case.tooMany", `“${unit}”报送的案例超过 ${max} 个。请删除多余的案例行；本行不计分。`, `"${unit}" has more than ${max} cases. Delete the extra rows; this row is ignored.`, { sheet, cell }),
  noCase: (sheet: string, unit: string) =>
    d("warning", "case.none", `“${unit}”没有报送最佳实践案例，该项按 0 分计。`, `"${unit}" submitted no best-practice case; it scores 0 there.`, { sheet }),
  compositeNoReason: (sheet: string, cell: string) =>
    d("error", "composite.noReason", "综合评估扣分须选择事由并写明说明。", "A composite deduction needs an incident and an explanation.", { sheet, cell }),
  totalOutOfRange: (unit: string, total: number, upper: number, drivers: readonly TotalDriver[], more: number) => {
    const below = total < 0;
    const top = drivers[0];
    const zhList = drivers.map((x) => `${x.sheet}!${x.cell}（${x.item}：${signed(x.delta)} 分）`).join("、") + (more > 0 ? `等 ${drivers.length + more} 处` : "");
    const enList = drivers.map((x) => `${x.sheet}!${x.cell} (${x.item}: ${signed(x.delta)})`).join(", ") + (more > 0 ? `, … (${drivers.length + more} cells)` : "");
    // Below 0 comes from counts and penalty points; above the maximum from scores or the scheme's points.
    const zhCheck = below ? "请核对这些单元格的次数和分值是否填错（例如把日期或其他数字填进了“次数”）。" : "请核对这些单元格的得分，以及评价方案中各部分的分值。";
    const enCheck = below ? "Check these counts and points (e.g. a date or another number typed into a count)." : "Check these scores and the scheme's points.";
    return diagnostic("warning", "total.outOfRange", {
      zh: `“${unit}”总分 ${minus(total)} 分，${below ? "低于 0 分" : `超过上限 ${upper} 分`}（总分应在 0 至 ${upper} 分之间）。` + (top ? `主要来自：${zhList}。${zhCheck}` : "请核对该区县各表的得分和扣分。"),
      en: `"${unit}" totals ${minus(total)}, ${below ? "below 0" : `above the maximum ${upper}`} (a total should be 0 to ${upper}). ` + (top ? `Mostly from: ${enList}. ${enCheck}` : "Check this unit's scores and deductions."),
    }, { sheet: top?.sheet ?? null, cell: top?.cell ?? null });
  },
  schemeEmbeddedInvalid: (sheet: string) =>
    d("error", "scheme.embeddedInvalid", `工作簿中保存的评价方案（隐藏表“${sheet}”）无法读取。请用“生成模板”重新生成，或指定方案文件。`, `The scheme stored in hidden sheet "${sheet}" cannot be read. Regenerate the template or pass a scheme file.`, { sheet }),
};

/** A cell that moved a unit's total, for totalOutOfRange: where, what, and by how many points. */
export interface TotalDriver {
  readonly sheet: string;
  readonly cell: string;
  readonly item: string;
  readonly delta: number;
}

/** −80 / +5: points with their sign, as the explanation trail shows them. */
function signed(n: number): string {
  return n < 0 ? minus(n) : `+${n}`;
}

/** A typographic minus, as in 扣分明细 (−30.11, not -30.11). */
function minus(n: number): string {
  return n < 0 ? `−${-n}` : `${n}`;
}
