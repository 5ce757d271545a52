import { diagnostic, type Diagnostic, type Severity } from "../diagnostics/diagnostic";

/**
 * Diagnostics of the contact-point table and the two ledgers (附件1, 附件2), part of the catalogue
 * in ./messages.ts (spread into `msg`). Chinese first, English beside; each says what to do.
 */
type Where = { sheet: string; cell?: string | null };
const d = (severity: Severity, code: string, zh: string, en: string, where: Where): Diagnostic => diagnostic(severity, code, { zh, en }, where);

/** How the office changes the table: it lives in the scheme, not in the sheet. */
const FIX_TABLE_ZH = "联系点表保存在评价方案中：用 evalsheet scheme --json 导出方案，修改 contacts 后用 template --scheme 重新生成工作簿";
const FIX_TABLE_EN = "The table is part of the scheme: export it with evalsheet scheme --json, edit contacts, and regenerate with template --scheme";

export const ledgerMsg = {
  contactUnitTwice: (sheet: string, cell: string, unit: string, first: string, second: string) =>
    d("warning", "contacts.unitTwice", `联系点表中“${unit}”同时列在 ${first} 和 ${second} 名下。每个区县只由一位党组成员联系：请删去其一（${FIX_TABLE_ZH}）。`, `"${unit}" is listed under both ${first} and ${second}. Each district has one contact member: remove one (${FIX_TABLE_EN}).`, { sheet, cell }),
  contactUnitsMissing: (sheet: string, units: readonly string[]) =>
    d("warning", "contacts.unitMissing", `以下区县没有联系的党组成员：${shortList(units)}。每个区县都应由一位党组成员联系：请补上（${FIX_TABLE_ZH}）。`, `No Party group member contacts: ${shortList(units, ", ")}. Every district needs one: add them (${FIX_TABLE_EN}).`, { sheet }),
  contactUnitUnknown: (sheet: string, cell: string, name: string, member: string) =>
    d("warning", "contacts.unitUnknown", `联系点表中 ${member} 名下的“${name}”不是本方案的区县。请改为区县的规范名称（${FIX_TABLE_ZH}）。`, `"${name}" under ${member} is not a district of the scheme. Use the district's name (${FIX_TABLE_EN}).`, { sheet, cell }),
  contactMemberTwice: (sheet: string, cell: string, member: string) =>
    d("warning", "contacts.memberTwice", `党组成员“${member}”在联系点表中出现两次。请合并为一行（${FIX_TABLE_ZH}）。`, `Member "${member}" appears twice in the table. Merge the rows (${FIX_TABLE_EN}).`, { sheet, cell }),
  contactTermDue: (sheet: string, cell: string, term: string, start: number, year: number) =>
    d("warning", "contacts.termDue", `现行联系点自 ${start} 年起（${term} 年），到 ${year} 年度已满两年。联系点原则上每两年调整一次：请研究调整，并在评价方案中更新联系点表和起始年份 termStart（${FIX_TABLE_ZH}）。`, `The contact points date from ${start} (${term}); by ${year} they are due for review ("联系点原则上每两年调整一次"). Reassign them and update the table and termStart (${FIX_TABLE_EN}).`, { sheet, cell }),

  memberUnknown: (sheet: string, cell: string, raw: string) =>
    d("error", "contactLog.memberUnknown", `“${raw}”不是联系点表中的党组成员。请从下拉列表中选择党组成员。`, `"${raw}" is not a Party group member of the contact table. Pick one from the dropdown.`, { sheet, cell }),
  pointUnknown: (sheet: string, cell: string, raw: string) =>
    d("error", "contactLog.pointUnknown", `“${raw}”不是联系点表中的区县或团体会员。请从下拉列表中选择联系点。`, `"${raw}" is neither a district nor a member organisation of the contact table. Pick a contact point from the dropdown.`, { sheet, cell }),
  pointOfOther: (sheet: string, cell: string, point: string, member: string, holder: string) =>
    d("warning", "contactLog.otherMember", `“${point}”是 ${holder} 的联系点，不是 ${member} 的。请核对党组成员和联系点；确属代为联系的，可保留本行（计入 ${member} 的台账）。`, `"${point}" is ${holder}'s contact point, not ${member}'s. Check the member and the point; if ${member} stood in, keep the row (it counts in ${member}'s ledger).`, { sheet, cell }),
  wayOther: (sheet: string, cell: string, raw: string, ways: readonly string[]) =>
    d("info", "contactLog.wayOther", `工作方式“${raw}”不在制度列出的方式（${ways.join("、")}）中，已照常登记。`, `Way "${raw}" is not one the rules list (${ways.join(", ")}); recorded as written.`, { sheet, cell }),
  noContent: (sheet: string, cell: string) =>
    d("warning", "contactLog.noContent", "联系内容未填写。台账应记录走访座谈、宣教宣讲、指导工作、关爱帮扶、解决问题等具体情况：请补充。", "The content is empty. The ledger records what was done (visits, talks, guidance, help, problems solved): fill it in.", { sheet, cell }),

  leaderNotMember: (sheet: string, cell: string, raw: string) =>
    d("info", "research.leaderNotMember", `带队领导“${raw}”不是联系点表中的党组成员：本行照常登记，但不计入党组成员牵头的调研。如是党组成员，请从下拉列表中选择其姓名。`, `Leader "${raw}" is not a Party group member of the table: the trip is recorded but does not count as a member's study. If it is a member, pick the name from the dropdown.`, { sheet, cell }),
  daysNotPositive: (sheet: string, cell: string, value: number) =>
    d("error", "research.daysNotPositive", `调研时长 ${value} 不是正数。调研时长以天计：请填写大于 0 的天数（半天填 0.5）。`, `Duration ${value} is not positive. Durations are in days: enter more than 0 (half a day is 0.5).`, { sheet, cell }),
  daysTooMany: (sheet: string, cell: string, value: number) =>
    d("error", "research.daysTooMany", `调研时长 ${value} 天超过一年${value > 10000 ? "，看起来是日期被填进了“调研时长”" : ""}。调研时长以天计：请填写天数（如 1、0.5），日期填在“调研时间”。`, `Duration ${value} days exceeds a year${value > 10000 ? " (it looks like a date)" : ""}. Enter the number of days (e.g. 1 or 0.5); the date goes in 调研时间.`, { sheet, cell }),
  namesMissing: (sheet: string, cell: string) =>
    d("error", "research.namesMissing", "“是否下访接访群众”填了“是”，但下访接访群众姓名未填写。请填写群众姓名（要做到“见人、见事、见地点、见时间”）。", "People were visited or received (是), but their names are empty. Fill in the names.", { sheet, cell }),
  resultUnknown: (sheet: string, cell: string, raw: string, kinds: readonly string[]) =>
    d("error", "research.resultUnknown", `调研成果“${raw}”无法识别。请选择${kinds.map((k) => `“${k}”`).join("或")}；未形成成果的留空。`, `Result "${raw}" is not recognised. Pick ${kinds.join(" or ")}, or leave it empty.`, { sheet, cell }),
  resultNoTitle: (sheet: string, cell: string) =>
    d("warning", "research.resultNoTitle", "已选择调研成果，但成果名称未填写。请填写成果名称（如调研报告的标题）。", "A result is chosen but its title is empty. Fill in the title.", { sheet, cell }),
  periodMissing: (sheet: string, period: string, year: number) =>
    d("warning", "research.periodMissing", `${year} 年 ${period} 集中调研期间没有登记任何调研。制度规定每年开展两次集中调研：请登记该期间的调研（调研时间填该期间内的日期）。`, `No research is logged for the ${period} concentrated period of ${year}. Log the period's trips (dates within it).`, { sheet }),
  memberStudies: (sheet: string, member: string, count: number, min: number) =>
    d("warning", "research.memberStudies", `党组成员 ${member} 本年度牵头的调研 ${count} 项，少于制度规定的至少 ${min} 项。请登记其带队的调研（带队领导选 ${member}）。`, `Party group member ${member} led ${count} studies this year, fewer than the ${min} required. Log the trips they led (带队领导 = ${member}).`, { sheet }),
  memberResults: (sheet: string, member: string, count: number, min: number) =>
    d("warning", "research.memberResults", `党组成员 ${member} 本年度推出的调研成果 ${count} 项，少于制度规定的至少 ${min} 项。请在其带队调研的“调研成果”中登记成果。`, `Party group member ${member} produced ${count} research results this year, fewer than the ${min} required. Record them in 调研成果 of their trips.`, { sheet }),
  reportsMissing: (sheet: string, count: number, min: number) =>
    d("warning", "research.reports", `党组本年度形成的调研报告 ${count} 篇，少于制度规定的至少 ${min} 篇。请在“调研成果”中选择“党组调研报告”登记。`, `The Party group wrote ${count} research reports this year, fewer than the ${min} required. Record it by choosing 党组调研报告 in 调研成果.`, { sheet }),
  ledgerMissing: (sheet: string, what: string) =>
    d("info", "ledger.missing", `工作簿中没有“${sheet}”表（${what}）。用“生成模板”补上后即可登记和核对。`, `The workbook has no "${sheet}" sheet (${what}). Add it with 生成模板 (Add template) to keep and check it.`, { sheet }),
};

/** At most 12 names, then "等 N 个". */
function shortList(names: readonly string[], sep = "、"): string {
  return names.length <= 12 ? names.join(sep) : `${names.slice(0, 12).join(sep)}${sep === "、" ? `等 ${names.length} 个` : `, … (${names.length})`}`;
}
