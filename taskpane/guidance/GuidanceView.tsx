import {
  makeStyles, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens,
} from "@fluentui/react-components";
import { useContext } from "react";
import { changeText, gapPoints, type IndicatorStanding, type UnitGuidance } from "../../src/report/guidance";
import { LangContext } from "../i18n";
import { GUIDANCE_STRINGS } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  table: { fontVariantNumeric: "tabular-nums" },
  num: { textAlign: "right" },
  programme: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground3 },
  below: { color: tokens.colorPaletteRedForeground1 },
  above: { color: tokens.colorPaletteGreenForeground1 },
  list: { margin: 0, paddingLeft: "1.5em", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  meta: { color: tokens.colorNeutralForeground3 },
});

/** 分类指导 for one district: the same content as its page of the 分类指导 sheet. */
export function GuidanceView(props: { guidance: UnitGuidance }) {
  const { lang } = useContext(LangContext);
  const g = GUIDANCE_STRINGS[lang];
  const s = useStyles();
  const u = props.guidance;
  const n = (x: number) => x.toFixed(2);
  const gapClass = (i: IndicatorStanding) => (i.gap === null || i.gap === 0 ? undefined : i.gap < 0 ? s.below : s.above);
  const row = (i: IndicatorStanding) => (
    <TableRow key={i.id}>
      <TableCell>{i.name}</TableCell><TableCell>{i.department}</TableCell>
      <TableCell className={s.num}>{n(i.score)}</TableCell><TableCell className={s.num}>{n(i.max)}</TableCell>
      <TableCell className={s.num}>{n(i.groupMean)}</TableCell><TableCell className={s.num}>{n(i.groupBest)}</TableCell>
      <TableCell className={`${s.num} ${gapClass(i) ?? ""}`}>{gapPoints(i.gap)}</TableCell>
    </TableRow>
  );
  return (
    <section className={s.root} aria-label={`${u.unit} ${g.guidanceTab}`}>
      <Text block>{g.standing(u.group, u.groupSize, u.groupRank, u.tier)}</Text>
      <Text block>{g.vsLastYear}：{changeText(u.previous, g.noPrevious)}</Text>
      <Text block>{g.vsLastPeriod}：{changeText(u.lastPeriod, g.noPeriod)}</Text>

      <Subtitle2 as="h4">{g.weakest}</Subtitle2>
      {u.weakest.length === 0 ? <Text block>{g.noWeak}</Text> : (
        <ol className={s.list} aria-label={g.weakest}>
          {u.weakest.map((w) => (
            <li key={w.id}>
              <Text weight="semibold">{w.name}</Text>
              <Text>（{w.department}）{n(w.score)}/{n(w.max)}，{gapPoints(w.gap)}</Text>
              <Text block size={200} className={s.meta}>{g.reason}：{w.reason ?? g.noReason}{w.reasonCell ? ` · ${w.reasonCell}` : ""}</Text>
            </li>
          ))}
        </ol>
      )}
      <Subtitle2 as="h4">{g.strengths}</Subtitle2>
      <Text block>{u.strengths.length ? u.strengths.map((x) => `${x.name}（${gapPoints(x.gap)}）`).join("、") : g.noStrengths}</Text>
      <Subtitle2 as="h4">{g.cases}</Subtitle2>
      <Text block>{u.cases.length ? u.cases.map((c) => `《${c.title}》${c.project ? `（${c.project}${c.score === null ? "" : `，${c.score}`}）` : ""}`).join("；") : g.noCases}</Text>

      <Table size="extra-small" className={s.table} aria-label={g.guidanceTab}>
        <TableHeader>
          <TableRow>{g.headers.map((h, k) => <TableHeaderCell key={h} className={k >= 2 ? s.num : undefined}>{h}</TableHeaderCell>)}</TableRow>
        </TableHeader>
        <TableBody>
          <TableRow className={s.programme}>
            <TableCell>{g.total}</TableCell><TableCell>{u.tier}</TableCell><TableCell className={s.num}>{n(u.total)}</TableCell><TableCell />
            <TableCell className={s.num}>{n(u.groupMeanTotal)}</TableCell><TableCell className={s.num}>{n(u.groupBestTotal)}</TableCell><TableCell />
          </TableRow>
          {u.programmes.flatMap((p) => [
            <TableRow key={p.programme} className={s.programme}>
              <TableCell>{p.programme}</TableCell><TableCell>{g.subtotal}</TableCell>
              <TableCell className={s.num}>{n(p.score)}</TableCell><TableCell className={s.num}>{n(p.max)}</TableCell>
              <TableCell className={s.num}>{n(p.groupMean)}</TableCell><TableCell className={s.num}>{n(p.groupBest)}</TableCell><TableCell />
            </TableRow>,
            ...u.indicators.filter((i) => i.programme === p.programme).map(row),
          ])}
        </TableBody>
      </Table>
      <Text block size={200} className={s.meta}>{g.gapNote}</Text>
    </section>
  );
}
