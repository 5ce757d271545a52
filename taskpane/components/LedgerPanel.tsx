import {
  Badge, Caption1, Field, makeStyles, mergeClasses, Select, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens,
} from "@fluentui/react-components";
import type { Reading } from "../../src/validate/validate";
import { weakText, type MemberView } from "../../src/report/memberSummary";
import { useT, type Strings } from "../i18n";
import { useLedgerView } from "../hooks/useLedgerView";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  table: { fontVariantNumeric: "tabular-nums" },
  num: { textAlign: "right" },
  short: { color: tokens.colorPaletteRedForeground1 },
});

const tierColor = (tier: string): "success" | "informative" | "subtle" => (tier === "特优" ? "success" : tier === "优" ? "informative" : "subtle");

/** 联系点 / 调研: per Party group member, their districts' results and their ledgers; the year's research by period. */
export default function LedgerPanel(props: { reading: Reading }) {
  const t = useT();
  const l = t.ledger;
  const s = useStyles();
  const { summary, rules, view, select } = useLedgerView(props.reading);
  return (
    <section className={s.root} aria-label={l.tab}>
      {view ? (
        <>
          <Field label={l.member}>
            <Select value={view.member} onChange={(_, d) => select(d.value)}>
              {summary.members.map((m) => <option key={m.member} value={m.member}>{m.member}</option>)}
            </Select>
          </Field>
          <MemberTable view={view} contactLog={summary.contactLog} t={t} />
          <Text>{!summary.contactLog ? l.noContactLog : view.notContacted.length ? `${l.notContacted}${t.colon}${view.notContacted.join("、")}` : l.allContacted}</Text>
          <Text>
            {summary.researchLog
              ? [
                  `${l.studies} ${view.research.studies}`,
                  `${l.results} ${view.research.results}`,
                  `${l.reports} ${view.research.reports}`,
                  `${l.days} ${view.research.days}`,
                  `${l.visits} ${view.research.visits}`,
                ].join(t.sep)
              : l.noResearchLog}
            {summary.researchLog && (view.research.studies < rules.studiesPerMember || view.research.results < rules.resultsPerMember) && (
              <span className={s.short}>{`（${l.atLeast} ${rules.studiesPerMember} / ${rules.resultsPerMember}）`}</span>
            )}
          </Text>
        </>
      ) : (
        <Text>{l.noTable}</Text>
      )}
      <Subtitle2 as="h3">{`${l.research}${t.colon}${l.reports} ${summary.reports}（${l.atLeast} ${rules.reportsPerYear}）`}</Subtitle2>
      <Table size="small" className={s.table} aria-label={l.research}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{l.period}</TableHeaderCell>
            <TableHeaderCell className={s.num}>{l.trips}</TableHeaderCell>
            <TableHeaderCell className={s.num}>{l.days}</TableHeaderCell>
            <TableHeaderCell>{l.leaders}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.periods.map((p) => (
            <TableRow key={p.period}>
              <TableCell>{p.concentrated ? `${p.period}（${l.concentrated}）` : l.routine}</TableCell>
              <TableCell className={s.num}>{p.trips}</TableCell>
              <TableCell className={s.num}>{p.days}</TableCell>
              <TableCell className={p.concentrated && p.trips === 0 ? s.short : undefined}>{p.leaders.join("、") || (p.concentrated && p.trips === 0 ? l.noneLogged : "—")}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Caption1>{l.printHint}</Caption1>
    </section>
  );
}

function MemberTable(props: { view: MemberView; contactLog: boolean; t: Strings }) {
  const { view, t } = props;
  const l = t.ledger;
  const s = useStyles();
  const count = (n: number) => (props.contactLog ? n : "—");
  return (
    <div>
      <Subtitle2 as="h3">{`${view.member}${t.sep}${l.departments}${t.colon}${view.departments.join("、") || "—"}`}</Subtitle2>
      <Table size="small" className={s.table} aria-label={`${view.member} ${l.point}`}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{l.point}</TableHeaderCell>
            <TableHeaderCell className={s.num}>{t.total}</TableHeaderCell>
            <TableHeaderCell>{t.tier}</TableHeaderCell>
            <TableHeaderCell>{l.weakest}</TableHeaderCell>
            <TableHeaderCell className={s.num}>{l.contacts}</TableHeaderCell>
            <TableHeaderCell>{l.lastContact}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {view.units.map((u) => (
            <TableRow key={u.unit}>
              <TableCell>{`${u.unit}（${u.group}）`}</TableCell>
              <TableCell className={s.num}>{u.total === null ? "—" : u.total.toFixed(2)}</TableCell>
              <TableCell>{u.tier ? <Badge appearance="filled" color={tierColor(u.tier)}>{u.tier}</Badge> : "—"}</TableCell>
              <TableCell>{u.weakest.length ? u.weakest.map(weakText).join("；") : u.total === null ? "—" : l.allFull}</TableCell>
              <TableCell className={mergeClasses(s.num, u.contacts === 0 && props.contactLog ? s.short : undefined)}>{count(u.contacts)}</TableCell>
              <TableCell>{u.lastContact ?? "—"}</TableCell>
            </TableRow>
          ))}
          {view.organisations.map((o) => (
            <TableRow key={o.name}>
              <TableCell>{`${o.name}（${l.organisation}）`}</TableCell>
              <TableCell className={s.num}>—</TableCell>
              <TableCell>—</TableCell>
              <TableCell>—</TableCell>
              <TableCell className={s.num}>{count(o.contacts)}</TableCell>
              <TableCell>{o.lastContact ?? "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
