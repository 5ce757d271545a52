import type { Scheme } from "../scheme/schema";
import { contactIndex, contactsOf, researchOf } from "../scheme/contacts";
import { isoDate } from "../workbook/dates";
import { RESULT_KINDS } from "./ledgerColumns";

/**
 * Plausible filled-in ledgers for the sample workbook: every member contacts most of their points
 * (the first member leaves one district uncontacted, so the summary has something to show), and
 * the year's research meets every rule of 附件1 — the sample validates without a warning.
 */
export interface ContactSample {
  readonly date: string;
  readonly member: string;
  readonly point: string;
  readonly way: string;
  readonly content: string;
  readonly solved: string;
  readonly followUp: string;
}

export interface ResearchSample {
  readonly leader: string;
  readonly departments: string;
  readonly date: string;
  readonly content: string;
  readonly days: number;
  readonly visited: "是" | "否";
  readonly names: string;
  readonly solved: string;
  readonly note: string;
  readonly result: string;
  readonly resultTitle: string;
}

export interface LedgerSample {
  readonly contacts: readonly ContactSample[];
  readonly research: readonly ResearchSample[];
}

const CONTENTS = ["走访座谈，了解基层妇联工作情况", "宣讲党的二十大精神和妇女工作部署", "指导打造“渝好空间”阵地", "关爱帮扶困难妇女儿童", "调研家庭教育指导服务"];
const SOLVED = ["协调解决阵地建设经费", "帮助困难家庭申请救助", "推动妇联执委履职制度落实", "协调家长学校师资", ""];
const TOPICS = ["妇女创业就业情况", "家庭家教家风建设", "基层妇联组织建设", "妇女儿童权益保障", "“渝好空间”建设运营"];

/** A date of the year from month and day, kept real (the 28th at most). */
function day(year: number, month: number, d: number): string {
  return isoDate(year, month, Math.min(28, d))!;
}

export function sampleLedgers(scheme: Scheme): LedgerSample {
  const y = scheme.year;
  const contacts: ContactSample[] = [];
  const research: ResearchSample[] = [];
  const table = contactsOf(scheme);
  const periods = researchOf(scheme).periods;
  if (!table) {
    // No Party group table: the research ledger alone, one trip per concentrated period, the first a report.
    periods.forEach((p, i) => research.push(trip(y, "市妇联领导", p.fromMonth, i, i === 0 ? RESULT_KINDS.report : RESULT_KINDS.result)));
    return { contacts, research };
  }
  const index = contactIndex(scheme, table);
  table.members.forEach((m, i) => {
    const points = index.pointsOf(m);
    const all = [...points.units.slice(0, i === 0 ? -1 : undefined), ...points.organisations];
    all.forEach((point, k) => {
      contacts.push({
        date: day(y, 1 + ((i + k * 2) % 12), 3 + i * 4 + k),
        member: m.name,
        point,
        way: table.ways[(i + k) % table.ways.length]!,
        content: CONTENTS[(i + k) % CONTENTS.length]!,
        solved: SOLVED[(i * 3 + k) % SOLVED.length]!,
        followUp: k % 3 === 0 ? "下季度回访问题解决情况" : "",
      });
    });
    // Every member leads a study with a result, alternating the concentrated periods; the first member's is the 党组's report.
    const p = periods[i % Math.max(1, periods.length)];
    research.push(trip(y, m.name, p ? p.fromMonth : 6, i, i === 0 ? RESULT_KINDS.report : RESULT_KINDS.result, m.departments.join("、")));
  });
  // A routine trip (outside the periods) with people met, so 下访接访 is exercised.
  research.push({ ...trip(y, table.members[0]!.name, 6, table.members.length, ""), visited: "是", names: "王某某、刘某某", solved: "协调解决留守儿童入学问题" });
  return { contacts, research };
}

function trip(year: number, leader: string, month: number, i: number, result: string, departments = "办公室、宣教部"): ResearchSample {
  const topic = TOPICS[i % TOPICS.length]!;
  return {
    leader,
    departments,
    date: day(year, month, 8 + i * 3),
    content: `${topic}专题调研`,
    days: 1 + (i % 3),
    visited: "否",
    names: "",
    solved: "",
    note: "",
    result,
    resultTitle: result ? `关于${topic}的调研报告` : "",
  };
}
