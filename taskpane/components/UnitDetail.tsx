import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, Text, tokens,
} from "@fluentui/react-components";
import type { UnitResult } from "../../src/engine/evaluate";
import type { Scheme } from "../../src/scheme/schema";
import { Fragment, lazy, Suspense, useContext, useState } from "react";
import { LangContext } from "../i18n";
import type { Reading } from "../../src/validate/validate";
import { DetailTabs, UnitGuidancePanel, type DetailTab } from "../guidance/GuidanceTab";

// 历年 (issue 10 §2): the trend chart loads only when its tab opens.
const HistoryTab = lazy(() => import("../history/HistoryChart"));

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "1fr auto", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
  list: { margin: 0, paddingLeft: "2.5em", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  minus: { color: tokens.colorPaletteRedForeground1 },
  plus: { color: tokens.colorPaletteGreenForeground1 },
  meta: { color: tokens.colorNeutralForeground3 },
  // A unit can have a long trail: the content scrolls, the title and the close button stay.
  content: { maxHeight: "60vh", overflowY: "auto" },
});

/** Why a unit got its total: components, then every cap, gate and deduction with reason and cell. */
export function UnitDetail(props: { unit: UnitResult; scheme: Scheme; onClose: () => void; reading?: Reading }) {
  const { t, lang } = useContext(LangContext);
  // 分类指导 (issue 10 §3) needs the whole reading: the group's other districts and the reasons.
  const [tab, setTab] = useState<DetailTab>("explain");
  const s = useStyles();
  const u = props.unit;
  const parts: [string, number][] = [[t.basic, u.basic], [t.bestPractice, u.bestPractice], [t.composite, u.composite], [t.bonus, u.bonus], [t.penalty, -u.penalty], [t.total, u.total]];
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface aria-label={`${u.unit} ${t.explain}`}>
        <DialogBody>
          <DialogTitle>{u.unit} · {t.explain}</DialogTitle>
          <DialogContent className={s.content}>
            {props.reading && <DetailTabs tab={tab} onTab={setTab} />}
            {props.reading && tab === "guidance" && <UnitGuidancePanel reading={props.reading} unit={u.unit} />}
            {props.reading && tab === "history" && <Suspense fallback={null}><HistoryTab reading={props.reading} unit={u.unit} /></Suspense>}
            <div hidden={tab !== "explain"}>
            <div className={s.grid}>
              {parts.map(([label, v]) => (
                <Fragment key={label}><Text>{label}</Text><Text align="end">{v.toFixed(2)}</Text></Fragment>
              ))}
              <Text>{t.tier}</Text><Text align="end">{u.tier}（{t.groupRank} {u.groupRank}{t.sep}{t.overallRank} {u.overallRank}）</Text>
            </div>
            {u.capsHit.length > 0 && <Text block>{t.capsHit}{t.colon}{u.capsHit.join("、")}</Text>}
            {u.trail.length === 0 ? <Text block>{t.noTrail}</Text> : (
              <ol className={s.list}>
                {u.trail.map((e, i) => (
                  <li key={i}>
                    <Text className={e.delta < 0 ? s.minus : s.plus}>{e.delta > 0 ? "+" : ""}{e.delta.toFixed(2)} </Text>
                    {/* Texts of bonus, penalty, case and composite steps already start with their part. */}
                    <Text>{e.component === "basic" ? `${t.parts.basic}${t.colon}` : ""}{lang === "en" ? e.text.en : e.text.zh}</Text>
                    {(e.reason || e.source) && (
                      <Text block size={200} className={s.meta}>
                        {e.reason ? `${t.reason}${t.colon}${e.reason}` : ""}{e.reason && e.source ? " · " : ""}{e.source ? `${e.source.sheet}!${e.source.cell}` : ""}
                      </Text>
                    )}
                  </li>
                ))}
              </ol>
            )}
            </div>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={props.onClose}>{t.close}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
