import { Button, Text, Title3 } from "@fluentui/react-components";
import { token } from "./firstScreenStyle";
import type { Reading } from "../../src/validate/validate";
import { lazy, Suspense, useContext } from "react";
import { LangContext } from "../i18n";

// Shown once a workbook has been read: Fluent's Badge loads then, not with the first screen.
const ReadingBadge = lazy(() => import("./ReadingBadge"));

// Inline, not makeStyles: see firstScreenStyle.ts.
const ROOT = { display: "flex", flexDirection: "column", gap: token("spacingVerticalXS"), paddingBottom: token("spacingVerticalS"), borderBottom: `1px solid ${token("colorNeutralStroke2")}` } as const;
const LINE = { display: "flex", alignItems: "center", gap: token("spacingHorizontalS"), flexWrap: "wrap" } as const;
const GROW = { flexGrow: 1 } as const;

/** The scheme and year the workbook carries, and whether the result is a draft or approved. */
export function Header(props: { reading: Reading | null; fileName: string | null; workbookOpen: boolean }) {
  const { t, lang, setLang } = useContext(LangContext);
  const r = props.reading;
  const approved = r?.approval && r.changedSinceApproval.length === 0;
  const status = approved ? `${t.approved} ${r.approval!.approvedAt.slice(0, 10)}${t.sep}${r.approval!.approvedBy}` : t.draft;
  return (
    <header style={ROOT}>
      <div style={LINE}>
        <Title3 as="h1" style={GROW}>{t.appTitle}</Title3>
        <Button size="small" appearance="subtle" onClick={() => setLang(lang === "zh" ? "en" : "zh")} aria-label={t.language}>{t.language}</Button>
      </div>
      <div style={LINE}>
        {props.fileName && <Text size={200}>{props.fileName}</Text>}
        {r ? (
          <>
            <Text size={200}>{t.scheme}{t.colon}{r.scheme.id}</Text>
            <Text size={200}>{t.year}{t.colon}{r.scheme.year}</Text>
            <Suspense fallback={<Text size={200}>{status}</Text>}>
              <ReadingBadge approved={Boolean(approved)}>{status}</ReadingBadge>
            </Suspense>
          </>
        ) : (
          !props.workbookOpen && <Text size={200}>{t.noWorkbook}</Text>
        )}
      </div>
    </header>
  );
}
