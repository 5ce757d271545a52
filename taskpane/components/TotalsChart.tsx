import { makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import { useMemo, type ReactElement } from "react";
import { PAGE } from "../hooks/usePaged";
import type { Reading } from "../../src/validate/validate";
import { summaryOrder } from "../../src/report/summary";
import { useT } from "../i18n";

const useStyles = makeStyles({
  bar: { fill: tokens.colorBrandBackground },
  label: { fontSize: tokens.fontSizeBase100, fill: tokens.colorNeutralForeground2 },
  axis: { stroke: tokens.colorNeutralStroke2 },
});

/** Totals by group as plain SVG bars (no chart library): lazily loaded with the results. */
export default function TotalsChart(props: { reading: Reading }) {
  const t = useT();
  const s = useStyles();
  const { scheme, evaluation } = props.reading;
  const units = useMemo(() => summaryOrder(scheme, evaluation), [scheme, evaluation]);
  const max = Math.max(100, ...units.map((u) => u.total));
  const min = Math.min(60, ...units.map((u) => u.total));
  const row = 14;
  const gap = 10;
  let y = 0;
  const items: ReactElement[] = [];
  for (const g of scheme.groups) {
    items.push(<text key={`g-${g.id}`} x={0} y={y + 10} className={s.label} fontWeight="bold">{g.shortName}</text>);
    y += row;
    // Thousands of units: each group's first PAGE bars and "+N" (the tables list the rest on demand).
    const inGroup = units.filter((x) => x.group === g.id);
    for (const u of inGroup.slice(0, PAGE)) {
      const w = ((u.total - min) / (max - min)) * 170;
      items.push(
        <g key={u.unit}>
          <text x={0} y={y + 10} className={s.label}><title>{u.unit}</title>{u.unit.length > 7 ? `${u.unit.slice(0, 7)}…` : u.unit}</text>
          <rect x={96} y={y + 2} width={Math.max(1, w)} height={row - 4} className={s.bar} />
          <text x={100 + w} y={y + 10} className={s.label}>{u.total.toFixed(1)}</text>
        </g>,
      );
      y += row;
    }
    if (inGroup.length > PAGE) {
      items.push(<text key={`more-${g.id}`} x={96} y={y + 10} className={s.label}>… +{inGroup.length - PAGE}</text>);
      y += row;
    }
    y += gap;
  }
  return (
    // Drawn at its natural size (at most 420 px wide), so text stays the size of the tables'.
    <figure style={{ margin: 0, maxWidth: "420px" }}>
      <Subtitle2 as="h3">{t.chart}</Subtitle2>
      <svg role="img" aria-label={t.chart} width="100%" viewBox={`0 0 300 ${y}`}>
        <line x1={96} x2={96} y1={0} y2={y} className={s.axis} />
        {items}
      </svg>
    </figure>
  );
}
