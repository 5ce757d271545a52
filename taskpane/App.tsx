import { Text } from "@fluentui/react-components";
import { token } from "./components/firstScreenStyle";
import { lazy, startTransition, Suspense, useEffect, useMemo, useState } from "react";
import type { Diagnostic } from "../src/diagnostics/diagnostic";
import { hasErrors } from "../src/diagnostics/diagnostic";
import type { PaneEnv } from "./env";
import { LangContext, loadStrings, ZH, type Lang, type Strings } from "./i18n";
import { usePane, yearFieldProblem } from "./hooks/usePane";
import { YearField } from "./components/YearField";
import { Header } from "./components/Header";
import { ActionBar } from "./components/ActionBar";
import { FileBar } from "./components/FileBar";
import { useStages } from "./hooks/useStages";

// Not on the first screen: results (with the engine's report code) and the scheme editor load when shown.
const SchemeEditor = lazy(() => import("./components/SchemeEditor"));
const ResultsPanel = lazy(() => import("./components/ResultsPanel"));
// Shown only after the first action (or in another tab): not needed to paint the first screen.
const DiagnosticsPanel = lazy(() => import("./components/DiagnosticsPanel").then((m) => ({ default: m.DiagnosticsPanel })));
const ApprovalPanel = lazy(() => import("./components/ApprovalPanel").then((m) => ({ default: m.ApprovalPanel })));
const LedgerPanel = lazy(() => import("./components/LedgerPanel"));
// The tab strip (≈ 22 KB gzip of Fluent's tabs) shows once there is something to show: after the first read.
const TabList = lazy(() => import("./components/tabs").then((m) => ({ default: m.TabList })));
const Tab = lazy(() => import("./components/tabs").then((m) => ({ default: m.Tab })));
// Notices follow an action: Fluent's message bar loads then.
const Notice = lazy(() => import("./components/Notice"));

/** While a panel's code loads (a moment, once): its name, without loading Fluent's spinner for it. */
const Loading = (props: { label: string }) => <Text role="status">{props.label}…</Text>;

// Inline, not makeStyles: see components/firstScreenStyle.ts.
const ROOT = { display: "flex", flexDirection: "column", gap: token("spacingVerticalS"), padding: token("spacingHorizontalM"), maxWidth: "960px", margin: "0 auto", boxSizing: "border-box", minWidth: 0 } as const;
// Excel's pane can be 320 px wide: tabs wrap rather than clip.
const TABS = { flexWrap: "wrap" } as const;

type TabKey = "diagnostics" | "results" | "ledger" | "approval" | "scheme";

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `initialStrings`: the language the pane opens in, already loaded (index.tsx); Chinese when absent. */
export function App(props: { env: PaneEnv; initialStrings?: Strings }) {
  const { env } = props;
  const [t, setStrings] = useState<Strings>(props.initialStrings ?? ZH);
  const lang = t.lang;
  const pane = usePane(env);
  // English loads on the switch; if it cannot, the pane stays as it is and says why.
  const setLang = (next: Lang) => {
    loadStrings(next).then(
      (strings) => startTransition(() => setStrings(strings)),
      () => pane.notify({ kind: "error", text: (tt) => tt.languageFailed }),
    );
  };
  const { state } = pane;
  // The header first, then the file bar, then the rest: three commits, so the first render is never one long task.
  const stage = useStages(3);
  const [tab, setTab] = useState<TabKey>("diagnostics");

  useEffect(() => setTab(state.aggregated ? "results" : "diagnostics"), [state.aggregated, state.diagnostics]);
  // In Excel and WPS the workbook is open from the start: read it once, so the header shows the scheme and year
  // it carries and the diagnostics are there before anyone clicks (two read requests, nothing written).
  useEffect(() => {
    if (env.mode !== "standalone") void pane.validate();
    // Once, on mount.
  }, []);

  const onSelect = async (d: Diagnostic) => {
    if (!d.sheet || !d.cell) return;
    const ok = await env.selectCell(d.sheet, d.cell.split(":")[0]!);
    if (!ok && env.mode === "standalone") pane.notify({ kind: "info", text: (tt) => `${d.sheet}!${d.cell}${tt.colon}${tt.selectCellStandalone}` });
  };
  // The files are opened where the operations run (the compute worker), not on the page.
  const onImport = async (files: FileList) => {
    await pane.importFiles(await Promise.all(Array.from(files, async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))));
  };
  const onDownload = async () => {
    if (!env.workbookBytes) return;
    const name = env.fileName?.() ?? "评价.xlsx";
    download(await env.workbookBytes(), state.aggregated ? `汇总-${name.replace(/^汇总-/, "")}` : name);
  };
  const context = useMemo(() => ({ lang, t, setLang }), [lang, t]);
  const canApprove = state.aggregated && state.diagnostics !== null && !hasErrors(state.diagnostics);

  return (
    <LangContext.Provider value={context}>
      <main style={ROOT} lang={lang === "zh" ? "zh-CN" : "en"} aria-busy={state.busy !== null}>
        <Header reading={state.reading} fileName={env.fileName?.() ?? null} workbookOpen={state.workbookOpen} />
        {stage >= 2 && env.mode === "standalone" && (
          <FileBar
            busy={state.busy !== null}
            canDownload={state.workbookOpen}
            onOpen={async (f) => {
              const r = await env.openFile!(f.name, new Uint8Array(await f.arrayBuffer()));
              pane.opened(r.ok, r.message);
              if (r.ok) void pane.validate();
            }}
            onGenerate={async (kind) => {
              if (await pane.generate(kind)) void pane.validate();
            }}
            onDownload={onDownload}
          />
        )}
        {stage >= 3 && (
          <>
            <YearField year={state.year} fromWorkbook={state.yearFromWorkbook} problem={yearFieldProblem(state)} disabled={state.busy !== null} onChange={pane.setYear} />
            <ActionBar
              busy={state.busy}
              enabled={state.workbookOpen}
              onTemplate={() => pane.addTemplate(state.reading?.scheme)}
              onImport={onImport}
              onImportHistory={async (files) => pane.importHistory(await Promise.all(Array.from(files, async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))))}
              onImportPeriodic={async (files) => pane.importPeriodic(await Promise.all(Array.from(files, async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))))}
              onValidate={pane.validate}
              onAggregate={() => pane.aggregate()}
              onCancel={pane.cancel}
            />
            {state.notice && (
              <Suspense fallback={<Text role="status">{state.notice.text(t)}</Text>}>
                <Notice role="status" label={t.done} intent={state.notice.kind}>{state.notice.text(t)}</Notice>
              </Suspense>
            )}
            {env.mode === "standalone" && state.aggregated && (
              <Suspense fallback={null}>
                <Notice intent="success"><a href="#" onClick={(e) => { e.preventDefault(); void onDownload(); }}>{t.download}</a></Notice>
              </Suspense>
            )}
            {(state.diagnostics || state.reading) && (
              <Suspense fallback={null}>
                <TabList style={TABS} size="small" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabKey)}>
                  <Tab value="diagnostics">{t.diagnostics}</Tab>
                  <Tab value="results" disabled={!state.aggregated}>{t.results}</Tab>
                  <Tab value="ledger" disabled={!state.reading}>{t.ledger.tab}</Tab>
                  <Tab value="approval" disabled={!state.reading}>{t.approve}</Tab>
                  <Tab value="scheme" disabled={!state.reading}>{t.schemeView}</Tab>
                </TabList>
              </Suspense>
            )}
            {tab === "diagnostics" && state.diagnostics && (
              <Suspense fallback={<Loading label={t.diagnostics} />}>
                <DiagnosticsPanel diagnostics={state.diagnostics} onSelect={onSelect} />
              </Suspense>
            )}
            {tab === "results" && state.reading && state.aggregated && (
              <Suspense fallback={<Loading label={t.results} />}>
                <ResultsPanel reading={state.reading} />
              </Suspense>
            )}
            {tab === "ledger" && state.reading && (
              <Suspense fallback={<Loading label={t.ledger.tab} />}>
                <LedgerPanel reading={state.reading} />
              </Suspense>
            )}
            {tab === "approval" && (
              <Suspense fallback={<Loading label={t.approve} />}>
                <ApprovalPanel reading={state.reading} canApprove={canApprove} busy={state.busy !== null} onApprove={pane.approve} />
              </Suspense>
            )}
            {tab === "scheme" && state.reading && (
              <Suspense fallback={<Loading label={t.schemeView} />}>
                <SchemeEditor scheme={state.reading.scheme} busy={state.busy !== null} onSave={pane.saveScheme} />
              </Suspense>
            )}
          </>
        )}
      </main>
    </LangContext.Provider>
  );
}
