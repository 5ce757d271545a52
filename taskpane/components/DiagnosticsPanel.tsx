import { Badge, Button, Dropdown, Field, makeStyles, MessageBar, MessageBarBody, Option, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { placeOf, sortDiagnostics, type Diagnostic, type Severity } from "../../src/diagnostics/diagnostic";
import { groupDiagnostics, type DisplayEntry } from "../../src/diagnostics/group";
import { useContext } from "react";
import { LangContext } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  item: { justifyContent: "flex-start", textAlign: "left", height: "auto", paddingBlock: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightRegular },
  error: { borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `3px solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  info: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}` },
  filter: { maxWidth: "240px" },
  badge: { marginRight: tokens.spacingHorizontalS, flexShrink: 0 },
  place: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS, whiteSpace: "nowrap", flexShrink: 0 },
});

/**
 * Diagnostics grouped by sheet, filtered by severity; activating one selects its cell in Excel. A
 * problem repeated more than 20 times on a sheet ends in one line with the count and the cells.
 */
export function DiagnosticsPanel(props: { diagnostics: readonly Diagnostic[]; onSelect: (d: Diagnostic) => void }) {
  const { t, lang } = useContext(LangContext);
  const s = useStyles();
  const [filter, setFilter] = useState<Severity | "all">("all");
  const count = (sev: Severity) => props.diagnostics.filter((d) => d.severity === sev).length;
  // 50,000 junk rows are 50,000 diagnostics: each sheet shows 20 per kind and one line for the rest
  // (groupDiagnostics), and the per-sheet lists are built in one pass, never copied per item.
  const groups = useMemo(() => {
    const shown = sortDiagnostics(props.diagnostics).filter((d) => filter === "all" || d.severity === filter);
    const bySheet = new Map<string, { count: number; entries: DisplayEntry[] }>();
    for (const e of groupDiagnostics(shown)) {
      const key = (e.kind === "diagnostic" ? e.diagnostic.sheet : e.summary.sheet) ?? "";
      const group = bySheet.get(key) ?? { count: 0, entries: [] };
      if (!bySheet.has(key)) bySheet.set(key, group);
      group.count += e.kind === "diagnostic" ? 1 : e.summary.count;
      group.entries.push(e);
    }
    return [...bySheet.entries()];
  }, [props.diagnostics, filter]);
  const labels: Record<Severity | "all", string> = { all: t.all, error: t.error, warning: t.warning, info: t.info };
  return (
    <section className={s.root} aria-label={t.diagnostics}>
      <Text role="status">{`${count("error")} ${t.errors}${t.sep}${count("warning")} ${t.warnings}${t.sep}${count("info")} ${t.infos}`}</Text>
      {count("error") + count("warning") === 0 && (
        <MessageBar intent="success"><MessageBarBody>{t.noProblems}</MessageBarBody></MessageBar>
      )}
      <Field label={t.show} className={s.filter}>
        <Dropdown value={labels[filter]} selectedOptions={[filter]} onOptionSelect={(_, d) => setFilter(d.optionValue as Severity | "all")}>
          {(["all", "error", "warning", "info"] as const).map((k) => <Option key={k} value={k}>{labels[k]}</Option>)}
        </Dropdown>
      </Field>
      {groups.map(([sheet, { count: n, entries }]) => (
        <div key={sheet} className={s.group} role="group" aria-label={sheet || "—"}>
          <Subtitle2 as="h3">{sheet || "—"}（{n}）</Subtitle2>
          {entries.map((e, i) => {
            // A summary line selects its first range; its message already names the cells.
            const d = e.kind === "diagnostic" ? e.diagnostic : e.summary;
            return (
              <Button key={i} appearance="subtle" className={`${s.item} ${s[d.severity]}`} onClick={() => props.onSelect(d)} title={e.kind === "summary" && d.cell ? t.selectRange : undefined}>
                <Badge size="small" appearance="tint" className={s.badge} color={d.severity === "error" ? "danger" : d.severity === "warning" ? "warning" : "informative"}>{t.severity[d.severity]}</Badge>
                {e.kind === "diagnostic" && <span className={s.place}>{placeOf(d) || labels[d.severity]}</span>}
                <span>{lang === "en" ? d.messageEn : d.message}</span>
              </Button>
            );
          })}
        </div>
      ))}
    </section>
  );
}
