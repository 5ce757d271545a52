import { makeStyles, mergeClasses, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from "@fluentui/react-components";
import { useContext, useMemo } from "react";
import type { Reading } from "../../src/validate/validate";
import { unitTrend, type TrendPoint } from "../../src/history/trend";
import { LangContext } from "../i18n";

/**
 * 历年: a district's total and group rank over the years, this year last, as two small plain SVG
 * line charts (no chart library) and the same figures as a table. Loaded only when the tab opens.
 */

// Its strings travel with it, off the first screen.
const zh = {
  title: (unit: string) => `${unit}历年总分与组内排名`,
  total: "总分",
  groupRank: "组内排名",
  point: (year: number, what: string, value: string) => `${year} 年度 ${what} ${value}`,
  rankOf: (rank: number, size: number | null) => `第 ${rank} 名${size ? `（共 ${size} 个）` : ""}`,
  thisYear: "本年",
  none: "没有历年结果：用“导入历年结果”导入往年的汇总结果（.xlsx）或 result.json 后重新汇总。",
  onlyThisYear: "历年结果中没有本区县，只有本年数据。",
};
const en: typeof zh = {
  title: (unit) => `${unit}: total and group rank over the years`,
  total: "Total",
  groupRank: "Group rank",
  point: (year, what, value) => `${year} ${what} ${value}`,
  rankOf: (rank, size) => `#${rank}${size ? ` of ${size}` : ""}`,
  thisYear: "this year",
  none: "No prior years: add earlier outputs (.xlsx) or result.json files with 导入历年结果, then aggregate again.",
  onlyThisYear: "The prior years hold no result for this district; this year only.",
};
const CHART_STRINGS = { zh, en } as const;

const useStyles = makeStyles({
  line: { fill: "none", stroke: tokens.colorBrandStroke1, strokeWidth: "2px" },
  rankLine: { fill: "none", stroke: tokens.colorPaletteBerryBorderActive, strokeWidth: "2px" },
  point: { fill: tokens.colorBrandBackground },
  rankPoint: { fill: tokens.colorPaletteBerryBorderActive },
  current: { stroke: tokens.colorNeutralForeground1, strokeWidth: "1.5px" },
  label: { fontSize: tokens.fontSizeBase100, fill: tokens.colorNeutralForeground2 },
  axis: { stroke: tokens.colorNeutralStroke2 },
  table: { fontVariantNumeric: "tabular-nums", maxWidth: "420px" },
});

const W = 300;
const LEFT = 34;
const RIGHT = 16;
const TOP = 16;
const H = 80;
const PANEL = TOP + H + 20;

/** x of the i-th of n years: spread over the width, one point centred. */
export const xOf = (i: number, n: number) => (n <= 1 ? (LEFT + W - RIGHT) / 2 : LEFT + (i * (W - LEFT - RIGHT)) / (n - 1));

/** The total's scale: 60 … 100 unless a total lies outside, in steps of 10. */
export function totalScale(points: readonly TrendPoint[]): { lo: number; hi: number } {
  const totals = points.map((p) => p.total);
  return { lo: Math.floor(Math.min(60, ...totals) / 10) * 10, hi: Math.ceil(Math.max(100, ...totals) / 10) * 10 };
}

export function TrendChart(props: { unit: string; points: readonly TrendPoint[] }) {
  const { lang } = useContext(LangContext);
  const h = CHART_STRINGS[lang];
  const s = useStyles();
  const { points } = props;
  const n = points.length;
  const { lo, hi } = totalScale(points);
  const yTotal = (v: number) => TOP + ((hi - v) / (hi - lo)) * H;
  const worst = Math.max(1, ...points.map((p) => Math.max(p.groupSize ?? 1, p.groupRank ?? 1)));
  // Rank 1 at the top: a district moving up draws a rising line, as its total does.
  const yRank = (r: number) => PANEL + TOP + (worst === 1 ? 0 : ((r - 1) / (worst - 1)) * H);
  const ranked = points.map((p, i) => ({ p, i })).filter((x) => x.p.groupRank !== null);
  const path = (xs: { x: number; y: number }[]) => xs.map((q) => `${q.x.toFixed(1)},${q.y.toFixed(1)}`).join(" ");
  return (
    <figure style={{ margin: 0, maxWidth: "420px" }}>
      <Subtitle2 as="h3">{h.title(props.unit)}</Subtitle2>
      <svg role="img" aria-label={h.title(props.unit)} width="100%" viewBox={`0 0 ${W} ${2 * PANEL}`}>
        <text x={0} y={10} className={s.label} fontWeight="bold">{h.total}</text>
        <line x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + H} className={s.axis} />
        <text x={LEFT - 4} y={TOP + 4} textAnchor="end" className={s.label}>{hi}</text>
        <text x={LEFT - 4} y={TOP + H + 3} textAnchor="end" className={s.label}>{lo}</text>
        <polyline className={s.line} points={path(points.map((p, i) => ({ x: xOf(i, n), y: yTotal(p.total) })))} />
        {points.map((p, i) => (
          <g key={`t${p.year}`}>
            <circle cx={xOf(i, n)} cy={yTotal(p.total)} r={3.5} className={mergeClasses(s.point, p.current && s.current)} data-series="total" data-year={p.year} data-value={p.total}>
              <title>{h.point(p.year, h.total, p.total.toFixed(2))}</title>
            </circle>
            <text x={xOf(i, n)} y={yTotal(p.total) - 6} textAnchor="middle" className={s.label}>{p.total.toFixed(1)}</text>
            <text x={xOf(i, n)} y={TOP + H + 14} textAnchor="middle" className={s.label}>{p.current ? `${p.year}（${h.thisYear}）` : p.year}</text>
          </g>
        ))}
        <text x={0} y={PANEL + 10} className={s.label} fontWeight="bold">{h.groupRank}</text>
        <line x1={LEFT} x2={LEFT} y1={PANEL + TOP} y2={PANEL + TOP + H} className={s.axis} />
        <text x={LEFT - 4} y={PANEL + TOP + 4} textAnchor="end" className={s.label}>1</text>
        <text x={LEFT - 4} y={PANEL + TOP + H + 3} textAnchor="end" className={s.label}>{worst}</text>
        <polyline className={s.rankLine} points={path(ranked.map(({ p, i }) => ({ x: xOf(i, n), y: yRank(p.groupRank!) })))} />
        {ranked.map(({ p, i }) => (
          <g key={`r${p.year}`}>
            <circle cx={xOf(i, n)} cy={yRank(p.groupRank!)} r={3.5} className={mergeClasses(s.rankPoint, p.current && s.current)} data-series="groupRank" data-year={p.year} data-value={p.groupRank!}>
              <title>{h.point(p.year, h.groupRank, h.rankOf(p.groupRank!, p.groupSize))}</title>
            </circle>
            <text x={xOf(i, n)} y={yRank(p.groupRank!) - 6} textAnchor="middle" className={s.label}>{p.groupRank}</text>
            <text x={xOf(i, n)} y={PANEL + TOP + H + 14} textAnchor="middle" className={s.label}>{p.year}</text>
          </g>
        ))}
      </svg>
      <Table size="extra-small" className={s.table} aria-label={h.title(props.unit)}>
        <TableHeader>
          <TableRow><TableHeaderCell /><TableHeaderCell>{h.total}</TableHeaderCell><TableHeaderCell>{h.groupRank}</TableHeaderCell></TableRow>
        </TableHeader>
        <TableBody>
          {points.map((p) => (
            <TableRow key={p.year}>
              <TableCell>{p.current ? `${p.year}（${h.thisYear}）` : p.year}</TableCell>
              <TableCell>{p.total.toFixed(2)}</TableCell>
              <TableCell>{p.groupRank === null ? "—" : h.rankOf(p.groupRank, p.groupSize)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </figure>
  );
}

/** The 历年 tab of the explanation dialog: the trend from the workbook's 历年结果 and this evaluation. */
export default function HistoryTab(props: { reading: Reading; unit: string }) {
  const { lang } = useContext(LangContext);
  const h = CHART_STRINGS[lang];
  const { history, evaluation } = props.reading;
  const points = useMemo(() => unitTrend(history, evaluation, props.unit), [history, evaluation, props.unit]);
  return (
    <>
      {history.years.length === 0 ? <Text block>{h.none}</Text> : points.length <= 1 ? <Text block>{h.onlyThisYear}</Text> : null}
      <TrendChart unit={props.unit} points={points} />
    </>
  );
}
