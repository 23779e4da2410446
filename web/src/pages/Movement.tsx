import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { useMovement, useYears } from "../api/hooks";
import type { Movement as MovementBody } from "../api/types";
import { useUrlParams } from "../api/url";
import { Dumbbell } from "../charts/Dumbbell";
import { Delta, RankChange } from "../components/Delta";
import { RatingBadge, ratingText } from "../components/RatingBadge";
import { ScrollX } from "../components/ScrollX";
import { Empty, ErrorState, Loading } from "../components/States";
import { VirtualTable } from "../components/VirtualTable";
import { YearSelect } from "../components/YearSelect";
import { fmtScore } from "../format";
import { useT } from "../i18n";
import {
  type Direction,
  directionCounts,
  type MovementRow,
  type MoveSort,
  movementView,
  transitionKind,
  yearPair,
} from "./movement-logic";
import "./Movement.css";

const ALL_COLUMNS = "minmax(13rem, 2fr) 9rem 5.5rem 5.5rem 7rem 5rem 13rem";
const DIRECTIONS: Direction[] = ["all", "improved", "worsened", "unchanged"];

/** Year A → year B: who improved or worsened most, how ratings moved, and every agency in a table. */
export default function Movement() {
  const { tenant = "" } = useParams();
  const { t, lang } = useT();
  const [params, set] = useUrlParams();
  const yearsQuery = useYears(tenant);
  const years = useMemo(
    () => (yearsQuery.data?.years ?? []).filter((y) => y.agencies > 0).map((y) => y.fiscalYear),
    [yearsQuery.data],
  );
  const { from, to } = yearPair(years, params.get("from"), params.get("to"));
  const ordered = from !== undefined && to !== undefined && from < to;
  const movement = useMovement(tenant, from, to);
  const passMark = yearsQuery.data?.years.find((y) => y.fiscalYear === to)?.framework?.passMark ?? 85;

  if (yearsQuery.isPending) return <Loading />;
  if (yearsQuery.isError) return <ErrorState error={yearsQuery.error} onRetry={() => yearsQuery.refetch()} />;
  if (years.length < 2) return <Empty>{t("movement.needTwoYears")}</Empty>;

  return (
    <article className="page movement-page">
      <div className="page-head">
        <h1>
          {t("movement.title")}
          {from !== undefined && to !== undefined && ` · ${from} → ${to}`}
        </h1>
        <div className="filters no-print">
          <YearSelect
            years={years}
            value={from}
            onChange={(y) => set({ from: String(y), to: String(to) })}
            label={t("movement.yearA")}
          />
          <YearSelect
            years={years}
            value={to}
            onChange={(y) => set({ from: String(from), to: String(y) })}
            label={t("movement.yearB")}
          />
          {ordered && (
            <a className="button" href={`/api/tenants/${tenant}/movement?from=${from}&to=${to}&format=csv`} download>
              {t("common.exportCsv")}
            </a>
          )}
        </div>
      </div>
      {!ordered ? (
        <div className="notice" role="alert">
          <p>{t("movement.orderFirst", { from, to })}</p>
          {from !== undefined && to !== undefined && from !== to && (
            <button type="button" onClick={() => set({ from: String(to), to: String(from) })}>
              {t("movement.swap")}
            </button>
          )}
        </div>
      ) : movement.isPending ? (
        <Loading />
      ) : movement.isError ? (
        <ErrorState error={movement.error} onRetry={() => movement.refetch()} />
      ) : (
        <MovementBodyView
          tenant={tenant}
          data={movement.data}
          passMark={passMark}
          view={{
            q: params.get("q") ?? "",
            show: (DIRECTIONS as string[]).includes(params.get("show") ?? "")
              ? (params.get("show") as Direction)
              : "all",
            sort: (["delta", "from", "to", "name"] as string[]).includes(params.get("sort") ?? "")
              ? (params.get("sort") as MoveSort)
              : "delta",
            dir: params.get("dir") === "asc" ? "asc" : "desc",
          }}
          setView={set}
          lang={lang}
        />
      )}
    </article>
  );
}

function MovementBodyView({
  tenant,
  data,
  passMark,
  view,
  setView,
  lang,
}: {
  tenant: string;
  data: MovementBody;
  passMark: number;
  view: { q: string; show: Direction; sort: MoveSort; dir: "asc" | "desc" };
  setView: (entries: Record<string, string | undefined>) => void;
  lang: "th" | "en";
}) {
  const { t } = useT();
  const counts = useMemo(() => directionCounts(data.agencies), [data.agencies]);
  const { q, show, sort, dir } = view;
  const rows = useMemo(() => movementView(data.agencies, { q, show, sort, dir }), [data.agencies, q, show, sort, dir]);
  const { from, to } = data;
  const kpis = [
    { key: "both", label: t("movement.inBoth"), value: data.agencies.length, tone: "" },
    { key: "improved", label: t("movement.improved"), value: counts.improved, tone: "up", arrow: "▲" },
    { key: "worsened", label: t("movement.worsened"), value: counts.worsened, tone: "down", arrow: "▼" },
    { key: "unchanged", label: t("movement.unchanged"), value: counts.unchanged, tone: "flat", arrow: "■" },
  ];
  return (
    <>
      {!data.comparable && (
        <div className="notice" role="note">
          <strong>⚠ {t("movement.notComparable", { from, to })}</strong>
          <ul>
            {data.reasons.map((r) => (
              <li key={r.code}>{r[lang]}</li>
            ))}
          </ul>
        </div>
      )}
      <section className="kpis" aria-label={t("movement.summary")}>
        {kpis.map((k) => (
          <div key={k.key} className="kpi">
            <span className="kpi-label">{k.label}</span>
            <strong className={`kpi-value delta ${k.tone}`}>
              {k.arrow && <span aria-hidden="true">{k.arrow} </span>}
              {k.value}
            </strong>
          </div>
        ))}
      </section>
      {(data.onlyInFrom > 0 || data.onlyInTo > 0) && (
        <p className="hint">
          {t(
            data.onlyInTo === 0 ? "movement.onlyFrom" : data.onlyInFrom === 0 ? "movement.onlyTo" : "movement.onlyOne",
            { a: data.onlyInFrom, from, b: data.onlyInTo, to },
          )}
        </p>
      )}

      <div className="grid2">
        <section className="card" aria-labelledby="mv-improvers">
          <h2 id="mv-improvers" className="delta up">
            <span aria-hidden="true">▲ </span>
            {t("movement.topImprovers")}
          </h2>
          <MoverTable
            tenant={tenant}
            rows={data.improvers}
            from={from}
            to={to}
            empty={t("movement.noImprovers")}
            label={t("movement.topImprovers")}
          />
        </section>
        <section className="card" aria-labelledby="mv-decliners">
          <h2 id="mv-decliners" className="delta down">
            <span aria-hidden="true">▼ </span>
            {t("movement.topDecliners")}
          </h2>
          <MoverTable
            tenant={tenant}
            rows={data.decliners}
            from={from}
            to={to}
            empty={t("movement.noDecliners")}
            label={t("movement.topDecliners")}
          />
        </section>
      </div>

      {data.improvers.length + data.decliners.length > 0 && (
        <section className="card" aria-labelledby="mv-chart">
          <h2 id="mv-chart">{t("movement.chartTitle", { from, to })}</h2>
          <p className="hint">{t("movement.chartHint", { pass: passMark })}</p>
          <Dumbbell
            groups={[
              { label: `▲ ${t("movement.topImprovers")}`, rows: data.improvers.map(dumbbellRow) },
              { label: `▼ ${t("movement.topDecliners")}`, rows: data.decliners.map(dumbbellRow) },
            ]}
            passMark={passMark}
            lang={lang}
            fromLabel={String(from)}
            toLabel={String(to)}
          />
        </section>
      )}

      <section className="card" aria-labelledby="mv-matrix">
        <h2 id="mv-matrix">{t("movement.matrixTitle", { from, to })}</h2>
        <TransitionMatrix data={data} />
      </section>

      <section className="card" aria-labelledby="mv-all">
        <h2 id="mv-all">{t("movement.allTitle")}</h2>
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          <label className="field">
            {t("movement.show")}
            <select value={show} onChange={(e) => setView({ show: e.target.value === "all" ? "" : e.target.value })}>
              {DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`movement.show_${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field grow">
            {t("common.search")}
            <input type="search" value={q} onChange={(e) => setView({ q: e.target.value })} />
          </label>
        </form>
        <p className="count" aria-live="polite">
          {t("movement.count", { count: rows.length })}
        </p>
        {rows.length === 0 ? (
          <Empty />
        ) : (
          <AllTable tenant={tenant} rows={rows} from={from} to={to} view={view} setView={setView} />
        )}
      </section>
    </>
  );
}

// Movers always have both totals (the API compares agencies with a total in both years).
const dumbbellRow = (r: MovementRow) => ({
  key: r.agencyCode,
  label: r.name,
  from: r.from.total ?? 0,
  to: r.to.total ?? 0,
});

function Transition({ row }: { row: MovementRow }) {
  const { t } = useT();
  return (
    <span className="transition">
      <RatingBadge rating={row.from.rating} /> <span aria-hidden="true">→</span>
      <span className="sr-only"> {t("movement.to")}</span> <RatingBadge rating={row.to.rating} />
    </span>
  );
}

/** Up to ten improvers or decliners (the API's choice and order: largest change first). */
function MoverTable({
  tenant,
  rows,
  from,
  to,
  empty,
  label,
}: {
  tenant: string;
  rows: MovementRow[];
  from: number;
  to: number;
  empty: string;
  label: string;
}) {
  const { t, lang } = useT();
  if (rows.length === 0) return <p className="state">{empty}</p>;
  return (
    <ScrollX label={label}>
      <table className="compact movers">
        <caption className="sr-only">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t("common.name")}</th>
            <th scope="col" className="num">
              {from}
            </th>
            <th scope="col" className="num">
              {to}
            </th>
            <th scope="col" className="num">
              {t("common.change")}
            </th>
            <th scope="col">{t("common.rating")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.agencyCode}>
              <th scope="row">
                <Link to={`/t/${tenant}/agencies/${r.agencyCode}`}>{r.name}</Link>
              </th>
              <td className="num">{fmtScore(r.from.total, lang)}</td>
              <td className="num">{fmtScore(r.to.total, lang)}</td>
              <td className="num">
                <Delta value={r.delta} />
              </td>
              <td>
                <Transition row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}

/** Rows = year A's ratings, columns = year B's, best first; the diagonal (same rating) highlighted. */
function TransitionMatrix({ data }: { data: MovementBody }) {
  const { t, lang } = useT();
  const { from: fromKeys, to: toKeys, counts } = data.transitions;
  const sameScale = transitionKind(fromKeys, toKeys, 0, 0) !== null;
  const colTotals = toKeys.map((_, j) => counts.reduce((s, row) => s + (row[j] ?? 0), 0));
  const kindWord = { same: t("movement.same"), better: t("movement.better"), worse: t("movement.worse") };
  return (
    <>
      <p className="hint">
        {sameScale ? t("movement.matrixHint") : t("movement.matrixScales", { from: data.from, to: data.to })}
      </p>
      <ScrollX label={t("movement.matrixTitle", { from: data.from, to: data.to })}>
        <table className="compact matrix">
          <caption className="sr-only">{t("movement.matrixTitle", { from: data.from, to: data.to })}</caption>
          <thead>
            <tr>
              <th scope="col">
                {data.from} ↓ · {data.to} →
              </th>
              {toKeys.map((k) => (
                <th key={k} scope="col" className="num">
                  <RatingBadge rating={k} />
                </th>
              ))}
              <th scope="col" className="num">
                {t("movement.rowTotal")}
              </th>
            </tr>
          </thead>
          <tbody>
            {fromKeys.map((fk, i) => {
              const row = counts[i] ?? [];
              return (
                <tr key={fk}>
                  <th scope="row">
                    <RatingBadge rating={fk} />
                  </th>
                  {toKeys.map((tk, j) => {
                    const kind = transitionKind(fromKeys, toKeys, i, j);
                    const n = row[j] ?? 0;
                    return (
                      <td
                        key={tk}
                        className={`num cell-${kind ?? "other"} ${n === 0 ? "zero" : ""}`}
                        title={`${ratingText(fk, lang)} → ${ratingText(tk, lang)}: ${n}${kind ? ` (${kindWord[kind]})` : ""}`}
                      >
                        {n}
                        {kind === "same" && <span className="sr-only"> ({kindWord.same})</span>}
                      </td>
                    );
                  })}
                  <td className="num strong">{row.reduce((s, n) => s + n, 0)}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("movement.colTotal")}</th>
              {colTotals.map((n, j) => (
                <td key={toKeys[j]} className="num strong">
                  {n}
                </td>
              ))}
              <td className="num strong">{colTotals.reduce((s, n) => s + n, 0)}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollX>
    </>
  );
}

/** Every agency in both years; virtualised (a national tenant has 8,000). */
function AllTable({
  tenant,
  rows,
  from,
  to,
  view,
  setView,
}: {
  tenant: string;
  rows: MovementRow[];
  from: number;
  to: number;
  view: { sort: MoveSort; dir: "asc" | "desc" };
  setView: (entries: Record<string, string | undefined>) => void;
}) {
  const { t, lang } = useT();
  const sortHead = (key: MoveSort, label: string, num = true) => (
    <th
      scope="col"
      className={num ? "num" : undefined}
      aria-sort={view.sort === key ? (view.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        onClick={() =>
          setView({
            sort: key,
            dir: view.sort === key ? (view.dir === "asc" ? "desc" : "asc") : key === "name" ? "asc" : "desc",
          })
        }
      >
        {label}
        {view.sort === key ? (view.dir === "asc" ? " ▲" : " ▼") : ""}
      </button>
    </th>
  );
  return (
    <VirtualTable
      label={`${t("movement.allTitle")} · ${t("common.table")}`}
      columns={ALL_COLUMNS}
      count={rows.length}
      rowHeight={38}
      rowKey={(i) => rows[i]?.agencyCode ?? String(i)}
      header={
        <>
          {sortHead("name", t("common.name"), false)}
          <th scope="col">{t("common.type")}</th>
          {sortHead("from", String(from))}
          {sortHead("to", String(to))}
          {sortHead("delta", t("common.change"))}
          <th scope="col" className="num">
            {t("common.rank")}
          </th>
          <th scope="col">{t("common.rating")}</th>
        </>
      }
      row={(i) => {
        const r = rows[i];
        if (!r) return null;
        return (
          <>
            <th scope="row">
              <Link to={`/t/${tenant}/agencies/${r.agencyCode}`} title={r.name}>
                {r.name}
              </Link>
            </th>
            <td>{t(`types.${r.type}`)}</td>
            <td className="num">{fmtScore(r.from.total, lang)}</td>
            <td className="num">{fmtScore(r.to.total, lang)}</td>
            <td className="num">
              <Delta value={r.delta} />
            </td>
            <td className="num">
              <RankChange value={r.rankChange} />
            </td>
            <td>
              <Transition row={r} />
            </td>
          </>
        );
      }}
    />
  );
}
