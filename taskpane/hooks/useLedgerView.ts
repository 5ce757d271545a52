import { useMemo, useState } from "react";
import type { Reading } from "../../src/validate/validate";
import { ledgerSummary, type LedgerSummary, type MemberView } from "../../src/report/memberSummary";
import { researchOf } from "../../src/scheme/contacts";
import type { Research } from "../../src/scheme/ledgerSchema";

export interface LedgerViewState {
  readonly summary: LedgerSummary;
  readonly rules: Research;
  /** The member shown; null when the scheme has no contact-point table. */
  readonly view: MemberView | null;
  readonly select: (member: string) => void;
}

/**
 * The 联系点 / 调研 tab's logic: the same per-member summary the aggregate prints (one pure core
 * function), and which member is shown. The component only renders this state.
 */
export function useLedgerView(reading: Reading): LedgerViewState {
  const summary = useMemo(() => ledgerSummary(reading.scheme, reading.evaluation, reading.ledgers), [reading]);
  const [member, select] = useState<string | null>(null);
  const view = summary.members.find((m) => m.member === member) ?? summary.members[0] ?? null;
  return { summary, rules: researchOf(reading.scheme), view, select };
}
