import { z } from "zod";

/**
 * The two systems beside the scoring scheme (渝妇发〔2023〕43号 附件1 and 附件2), as scheme data:
 * the Party group members' contact points, and the rules of the field-research ledger. Both are
 * optional top-level fields of the scheme, so schemes written before them still parse; a cq-2024
 * scheme without them gets the document's table (./contacts.ts).
 */

/** 第三条 工作方式 of 附件2, in the document's order ("…视讯交流等": the list is not closed). */
export const CONTACT_WAYS = ["走访", "接访", "下访", "座谈", "宣讲", "调研", "视讯交流"] as const;

export const ContactMemberSchema = z.object({
  /** The Party group member, as the table names them ("彭焱"; the document's "彭 焱" folds to it). */
  name: z.string().min(1),
  /** Districts (区县) contacted: canonical unit names or their aliases. */
  units: z.array(z.string().min(1)).default([]),
  /** Member organisations (团体会员) contacted. */
  organisations: z.array(z.string().min(1)).default([]),
  /** 对口部室: the departments that support this member's contact work. */
  departments: z.array(z.string().min(1)).default([]),
});

export const ContactsSchema = z.object({
  /** First year of the current assignment; "联系点原则上每两年调整一次". */
  termStart: z.number().int().min(2000).max(2100),
  /** Years an assignment runs before it is due for review. */
  termYears: z.number().int().positive().default(2),
  members: z.array(ContactMemberSchema).min(1),
  /** The ways a contact is made, offered in 联系点台账's dropdown. */
  ways: z.array(z.string().min(1)).min(1).default([...CONTACT_WAYS]),
});

const Month = z.number().int().min(1).max(12);

export const ResearchPeriodSchema = z.object({
  /** As people say it: "3—4月". */
  name: z.string().min(1),
  fromMonth: Month,
  toMonth: Month,
});

/** 附件1 第三条、第四条: what the year's research must include. */
export const ResearchSchema = z.object({
  /** 集中调研: "每年开展 2 次集中调研，集中调研时间分别为 3—4 月和 9—10 月". */
  periods: z.array(ResearchPeriodSchema).default([
    { name: "3—4月", fromMonth: 3, toMonth: 4 },
    { name: "9—10月", fromMonth: 9, toMonth: 10 },
  ]),
  /** "党组成员每年至少牵头完成 1 项调查研究". */
  studiesPerMember: z.number().int().nonnegative().default(1),
  /** "…推出 1 项调研成果". */
  resultsPerMember: z.number().int().nonnegative().default(1),
  /** "市妇联党组每年至少形成 1 篇高质量调研报告". */
  reportsPerYear: z.number().int().nonnegative().default(1),
});

export type ContactMember = z.infer<typeof ContactMemberSchema>;
export type Contacts = z.infer<typeof ContactsSchema>;
export type ResearchPeriod = z.infer<typeof ResearchPeriodSchema>;
export type Research = z.infer<typeof ResearchSchema>;
