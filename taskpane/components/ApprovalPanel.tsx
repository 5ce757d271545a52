import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { Reading } from "../../src/validate/validate";
import { useT } from "../i18n";

const useStyles = makeStyles({ root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS } });

/** 审定: after the Party group approves, record who and when; later edits are reported by cell. */
export function ApprovalPanel(props: { reading: Reading | null; canApprove: boolean; busy: boolean; onApprove: (by: string, at: string) => void }) {
  const t = useT();
  const s = useStyles();
  const [by, setBy] = useState("");
  const [at, setAt] = useState(() => new Date().toISOString().slice(0, 10));
  const r = props.reading;
  return (
    <section className={s.root} aria-label={t.approve}>
      <Text>{t.approvalHint}</Text>
      {r?.approval && (
        <MessageBar intent={r.changedSinceApproval.length ? "warning" : "success"}>
          <MessageBarBody>
            {t.approved}：{r.approval.approvedAt.slice(0, 10)}，{r.approval.approvedBy}
            {r.changedSinceApproval.length > 0 && `。${t.changedAfterApproval}：${r.changedSinceApproval.slice(0, 10).join("、")}${r.changedSinceApproval.length > 10 ? "…" : ""}`}
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label={t.approvedBy} required>
        <Input value={by} onChange={(_, d) => setBy(d.value)} />
      </Field>
      <Field label={t.approvedAt} required>
        <Input type="date" value={at} onChange={(_, d) => setAt(d.value)} />
      </Field>
      <Button appearance="primary" disabled={!props.canApprove || props.busy || !by.trim() || !at} onClick={() => props.onApprove(by.trim(), at)}>
        {t.markApproved}
      </Button>
    </section>
  );
}
