import {
  Badge, Button, makeStyles, Spinner, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens,
} from "@fluentui/react-components";
import { lazy, Suspense, useMemo, useState } from "react";
import type { Reading } from "../../src/validate/validate";
import type { UnitResult } from "../../src/engine/evaluate";
import { summaryOrder } from "../../src/report/summary";
import { useT } from "../i18n";
import { UnitDetail } from "./UnitDetail";
import { PublishDownload } from "../guidance/PublishDownload";
import { usePaged } from "../hooks/usePaged";

// The chart is not on the first screen: it loads when results are shown.
const TotalsChart = lazy(() => import("./TotalsChart"));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  table: { fontVariantNumeric: "tabular-nums" },
  num: { textAlign: "right" },
  unit: { minWidth: "auto", paddingInline: 0, fontWeight: tokens.fontWeightRegular },
});

const tierColor = (tier: string): "success" | "informative" | "subtle" => (tier === "特优" ? "success" : tier === "优" ? "informative" : "subtle");

/** Each region group's ranked table with tier badges, the chart, and a drill-down per unit. */
export default function ResultsPanel(props: { reading: Reading }) {
  const t = useT();
  const s = useStyles();
  const [open, setOpen] = useState<UnitResult | null>(null);
  const { scheme, evaluation } = props.reading;
  const ordered = useMemo(() => summaryOrder(scheme, evaluation), [scheme, evaluation]);
  // Thousands of units: each group shows its first rows, and more on demand, never all in one long task.
  const { limit, more } = usePaged(ordered);
  return (
    <section className={s.root} aria-label={t.results}>
      {scheme.groups.map((g) => (
        <div key={g.id}>
          <Subtitle2 as="h3">{g.name}</Subtitle2>
          <Table size="small" className={s.table} aria-label={g.name}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.groupRank}</TableHeaderCell>
                <TableHeaderCell>{t.unit}</TableHeaderCell>
                <TableHeaderCell className={s.num}>{t.total}</TableHeaderCell>
                <TableHeaderCell>{t.tier}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {ordered.filter((u) => u.group === g.id).slice(0, limit).map((u) => (
                <TableRow key={u.unit}>
                  <TableCell>{u.groupRank}</TableCell>
                  <TableCell>
                    <Button appearance="transparent" className={s.unit} onClick={() => setOpen(u)} aria-label={`${u.unit} ${t.explain}`}>{u.unit}</Button>
                  </TableCell>
                  <TableCell className={s.num}>{u.total.toFixed(2)}</TableCell>
                  <TableCell><Badge appearance="filled" color={tierColor(u.tier)}>{u.tier}</Badge></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {ordered.filter((u) => u.group === g.id).length > limit && (
            <Button appearance="subtle" onClick={more}>{t.showMore}（{limit} / {ordered.filter((u) => u.group === g.id).length}）</Button>
          )}
        </div>
      ))}
      <Suspense fallback={<Spinner size="tiny" label={t.chart} />}>
        <TotalsChart reading={props.reading} />
      </Suspense>
      <PublishDownload reading={props.reading} />
      {open && <UnitDetail unit={open} scheme={scheme} reading={props.reading} onClose={() => setOpen(null)} />}
    </section>
  );
}
