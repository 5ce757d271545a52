import { Button } from "@fluentui/react-components";
import { buttonRow, section } from "./firstScreenStyle";
import { lazy, Suspense, useContext, useRef } from "react";
import type { Busy } from "../hooks/usePane";
import { LangContext, useT } from "../i18n";
import { HISTORY_STRINGS } from "../history/strings";

// Shown only while an action runs: Fluent's progress bar loads with the first action, not the first screen.
const BusyProgress = lazy(() => import("./BusyProgress"));


export interface ActionBarProps {
  busy: Busy | null;
  enabled: boolean;
  onTemplate: () => void;
  onImport: (files: FileList) => void;
  /** 导入历年结果: earlier outputs (.xlsx) or result.json files (issue 10 §2). */
  onImportHistory?: (files: FileList) => void;
  /** 导入平时评价: periodic workbooks (issue 10 §1). */
  onImportPeriodic?: (files: FileList) => void;
  onValidate: () => void;
  onAggregate: () => void;
  onCancel: () => void;
}

/** 生成模板 · 导入部室表 · 导入历年结果 · 校验 · 汇总, one progress bar, and cancel while work runs. */
export function ActionBar(p: ActionBarProps) {
  const t = useT();
  const disabled = !p.enabled || p.busy !== null;
  const picker = useRef<HTMLInputElement>(null);
  const priorPicker = useRef<HTMLInputElement>(null);
  const periodPicker = useRef<HTMLInputElement>(null);
  const en = useContext(LangContext).lang === "en";
  const history = HISTORY_STRINGS[useContext(LangContext).lang];
  return (
    <section style={section} aria-label={t.working}>
      <div style={buttonRow}>
        <Button onClick={p.onTemplate} disabled={disabled}>{t.template}</Button>
        <Button onClick={() => picker.current?.click()} disabled={disabled}>{t.importDepartments}</Button>
        <input
          ref={picker}
          type="file"
          accept=".xlsx"
          multiple
          hidden
          data-testid="import-files"
          aria-label={t.importDepartments}
          onChange={(e) => {
            if (e.currentTarget.files?.length) p.onImport(e.currentTarget.files);
            e.currentTarget.value = "";
          }}
        />
        {p.onImportHistory && (
          <>
            <Button onClick={() => priorPicker.current?.click()} disabled={disabled}>{history.importButton}</Button>
            <input
              ref={priorPicker}
              type="file"
              accept=".xlsx,.json"
              multiple
              hidden
              data-testid="import-history"
              aria-label={history.importButton}
              onChange={(e) => {
                if (e.currentTarget.files?.length) p.onImportHistory?.(e.currentTarget.files);
                e.currentTarget.value = "";
              }}
            />
          </>
        )}
        {p.onImportPeriodic && (
          <>
            <Button onClick={() => periodPicker.current?.click()} disabled={disabled}>{en ? "Add periodic results" : "导入平时评价"}</Button>
            <input
              ref={periodPicker}
              type="file"
              accept=".xlsx"
              multiple
              hidden
              data-testid="import-periodic"
              aria-label={en ? "Add periodic results" : "导入平时评价"}
              onChange={(e) => {
                if (e.currentTarget.files?.length) p.onImportPeriodic?.(e.currentTarget.files);
                e.currentTarget.value = "";
              }}
            />
          </>
        )}
        <Button onClick={p.onValidate} disabled={disabled}>{t.validate}</Button>
        <Button appearance="primary" onClick={p.onAggregate} disabled={disabled}>{t.aggregate}</Button>
        {p.busy && <Button onClick={p.onCancel}>{t.cancel}</Button>}
      </div>
      {p.busy && (
        <Suspense fallback={<span role="status">{t.working}…</span>}>
          <BusyProgress busy={p.busy} />
        </Suspense>
      )}
    </section>
  );
}
