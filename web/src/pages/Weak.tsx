import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { useHeatmap, useSelectedYear, useWeak, useYears } from "../api/hooks";
import type { Heatmap, WeakIndicators } from "../api/types";
import { useUrlParams } from "../api/url";
import { type HeatBand, heatBand, heatBands } from "../charts/heat-scale";
import { ScrollX } from "../components/ScrollX";
import { Empty, ErrorState, Loading } from "../components/States";
import { VirtualTable } from "../components/VirtualTable";
import { YearSelect } from "../components/YearSelect";
import { fmtPercent, fmtScore, type Lang } from "../format";
import { useT } from "../i18n";
import "./Weak.css";

const PASS_DEFAULT = 85;
const STRONG_DEFAULT = 95;
const HEAT_COLUMNS = "3.5rem minmax(13rem, 2fr) 5rem repeat(10, 5.75rem)";
const BELOW_COLUMNS = "3rem minmax(12rem, 1fr) 5.5rem 6.5rem";

type IndicatorStat = WeakIndicators["indicators"][number];

/** Where the province is weak: per indicator (how many agencies below the pass mark, who) and a full heatmap. */
export default function Weak() {
  const { tenant = "" } = useParams();
  const { t, lang } = useT();
  const [params, patch] = useUrlParams();
  const [year, setYear, years] = useSelectedYear(tenant);
  const yearsQuery = useYears(tenant);
  const heat = useHeatmap(tenant, year);
  const weak = useWeak(tenant, year);

  const passMark = heat.data?.passMark ?? weak.data?.passMark ?? PASS_DEFAULT;
  // "Strongest" starts where the framework's top rating does (95 in every framework so far).
  const strong =
    yearsQuery.data?.years.find((y) => y.fiscalYear === year)?.framework?.rating.levels[0]?.minTotal ?? STRONG_DEFAULT;
  const bands = useMemo(() => heatBands(passMark, strong), [passMark, strong]);

  const stats = weak.data?.indicators ?? [];
  const fromUrl = Number(params.get("indicator"));
  // Without a choice in the URL, the indicator with the most agencies below the pass mark (the API's first).
  const selected = stats.find((s) => s.indicator === fromUrl) ?? stats[0];
  const linkTo = (indicator: number) => {
    const p = new URLSearchParams(params);
    p.set("indicator", String(indicator));
    return `?${p.toString()}`;
  };
  const csv = (path: string) => `/api/tenants/${tenant}/${path}?year=${year}&format=csv`;

  if (yearsQuery.isError) return <ErrorState error={yearsQuery.error} onRetry={() => yearsQuery.refetch()} />;
  if (yearsQuery.isSuccess && years.length === 0) return <Empty />;
  return (
    <article className="page weak-page">
      <div className="page-head">
        <h1>
          {t("weak.title")}
          {year !== undefined && ` · ${year}`}
        </h1>
        <div className="filters no-print">
          <YearSelect years={years} value={year} onChange={setYear} />
          {year !== undefined && (
            <>
              <a className="button" href={csv("heatmap")} download>
                {t("weak.csvHeatmap")}
              </a>
              <a className="button" href={csv("weak-indicators")} download>
                {t("weak.csvAgencies")}
              </a>
            </>
          )}
        </div>
      </div>
      <p className="hint">{t("weak.intro", { pass: passMark })}</p>

      {weak.isPending ? (
        <Loading />
      ) : weak.isError ? (
        <ErrorState error={weak.error} onRetry={() => weak.refetch()} />
      ) : (
        <div className="grid2">
          <section className="card" aria-labelledby="weak-summary">
            <h2 id="weak-summary">{t("weak.summaryTitle", { pass: passMark })}</h2>
            <IndicatorSummary stats={stats} selected={selected?.indicator} linkTo={linkTo} passMark={passMark} />
          </section>
          <section className="card" aria-labelledby="weak-drill">
            {selected ? <DrillDown tenant={tenant} stat={selected} passMark={passMark} lang={lang} /> : <Empty />}
          </section>
        </div>
      )}

      <section className="card heat-card" aria-labelledby="weak-heatmap">
        <h2 id="weak-heatmap">{t("weak.heatmapTitle")}</h2>
        <Legend bands={bands} passMark={passMark} />
        {heat.isPending ? (
          <Loading />
        ) : heat.isError ? (
          <ErrorState error={heat.error} onRetry={() => heat.refetch()} />
        ) : (
          <HeatmapTable
            tenant={tenant}
            data={heat.data}
            bands={bands}
            passMark={passMark}
            selected={selected?.indicator}
            q={params.get("q") ?? ""}
            order={params.get("order") === "asc" ? "asc" : "desc"}
            setView={(key, value) => patch({ [key]: value })}
          />
        )}
      </section>
    </article>
  );
}

/** One row per indicator, most agencies below the pass mark first (the API's order). */
function IndicatorSummary({
  stats,
  selected,
  linkTo,
  passMark,
}: {
  stats: IndicatorStat[];
  selected: number | undefined;
  linkTo: (indicator: number) => string;
  passMark: number;
}) {
  const { t, lang } = useT();
  return (
    <ScrollX label={t("weak.summaryTitle", { pass: passMark })}>
      <table className="compact indicator-summary">
        <caption className="sr-only">{t("weak.summaryTitle", { pass: passMark })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("common.indicator")}</th>
            {/* The column the table is sorted by comes second, so a phone shows it without scrolling sideways. */}
            <th scope="col" className="num" aria-sort="descending">
              {t("weak.belowCount", { pass: passMark })}
            </th>
            <th scope="col">{t("weak.tool")}</th>
            <th scope="col" className="num">
              {t("weak.mean")}
            </th>
            <th scope="col" className="num">
              {t("weak.median")}
            </th>
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => (
            <tr key={s.indicator} className={s.indicator === selected ? "selected" : undefined}>
              <th scope="row">
                <Link to={linkTo(s.indicator)} replace aria-current={s.indicator === selected ? "true" : undefined}>
                  {s.indicator}. {s.name?.[lang] ?? ""}
                </Link>
              </th>
              <td className="num strong">
                {s.belowCount}
                <small className="muted below-of">
                  {" "}
                  / {s.assessed} ({fmtPercent(s.assessed ? (s.belowCount / s.assessed) * 100 : null, lang)})
                </small>
              </td>
              <td>{s.tool?.toUpperCase() ?? "–"}</td>
              <td className={`num ${s.mean !== null && s.mean < passMark ? "weak" : ""}`}>{fmtScore(s.mean, lang)}</td>
              <td className={`num ${s.median !== null && s.median < passMark ? "weak" : ""}`}>
                {fmtScore(s.median, lang)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}

/** The agencies below the pass mark on one indicator, largest gap first (the API's order). */
function DrillDown({
  tenant,
  stat,
  passMark,
  lang,
}: {
  tenant: string;
  stat: IndicatorStat;
  passMark: number;
  lang: Lang;
}) {
  const { t } = useT();
  const title = `${t("common.indicator")} ${stat.indicator}${stat.name ? ` ${stat.name[lang]}` : ""}`;
  return (
    <>
      <h2 id="weak-drill">
        {title}
        {stat.tool && <small className="muted"> · {stat.tool.toUpperCase()}</small>}
      </h2>
      <p className="drill-stats" aria-live="polite">
        {t("weak.drillStats", {
          below: stat.belowCount,
          assessed: stat.assessed,
          pass: passMark,
          mean: fmtScore(stat.mean, lang),
          median: fmtScore(stat.median, lang),
        })}
      </p>
      {stat.below.length === 0 ? (
        <p className="state">{t("weak.noneBelow", { pass: passMark })}</p>
      ) : (
        <VirtualTable
          label={t("weak.belowList", { indicator: stat.indicator, pass: passMark })}
          columns={BELOW_COLUMNS}
          count={stat.below.length}
          maxHeight="26rem"
          rowKey={(i) => stat.below[i]?.agencyCode ?? String(i)}
          header={
            <>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">{t("common.name")}</th>
              <th scope="col" className="num">
                {t("weak.score")}
              </th>
              <th scope="col" className="num" aria-sort="descending">
                {t("weak.gap", { pass: passMark })}
              </th>
            </>
          }
          row={(i) => {
            const r = stat.below[i];
            if (!r) return null;
            return (
              <>
                <td className="num muted">{i + 1}</td>
                <th scope="row">
                  <Link to={`/t/${tenant}/agencies/${r.agencyCode}`}>{r.name}</Link>
                </th>
                <td className="num">{fmtScore(r.score, lang)}</td>
                <td className="num weak-gap">−{fmtScore(r.gap, lang)}</td>
              </>
            );
          }}
        />
      )}
    </>
  );
}

/** What each colour means, with the same bands the cells use. */
function Legend({ bands, passMark }: { bands: HeatBand[]; passMark: number }) {
  const { t, lang } = useT();
  const range = (b: HeatBand) =>
    b.max === null
      ? `≥ ${fmtScore(b.min, lang)}`
      : b.min === 0
        ? `< ${fmtScore(b.max, lang)}`
        : `${fmtScore(b.min, lang)} – < ${fmtScore(b.max, lang)}`;
  return (
    <div className="heat-legend">
      <ul aria-label={t("weak.legend")}>
        {bands.map((b) => (
          <li key={b.key}>
            <span className={`swatch heat-${b.key}`} aria-hidden="true">
              {b.below ? "⚠" : ""}
            </span>
            {range(b)}
          </li>
        ))}
        <li>
          <span className="swatch heat-none" aria-hidden="true">
            –
          </span>
          {t("weak.noScore")}
        </li>
      </ul>
      <p className="hint">{t("weak.legendText", { pass: passMark })}</p>
    </div>
  );
}

/** Agencies × indicators, best total first; only the rows in view are rendered (8,000 rows stay smooth). */
function HeatmapTable({
  tenant,
  data,
  bands,
  passMark,
  selected,
  q,
  order,
  setView,
}: {
  tenant: string;
  data: Heatmap;
  bands: HeatBand[];
  passMark: number;
  selected: number | undefined;
  q: string;
  order: "asc" | "desc";
  setView: (key: "q" | "order", value: string) => void;
}) {
  const { t, lang } = useT();
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const kept = needle
      ? data.rows.filter((r) => r.name.toLowerCase().includes(needle) || r.agencyCode.includes(needle))
      : data.rows;
    if (order !== "asc") return kept;
    // Weakest first: the API's order reversed, agencies without a total still last.
    const known = kept.filter((r) => r.total !== null);
    return [...known.reverse(), ...kept.filter((r) => r.total === null)];
  }, [data.rows, q, order]);
  const below = ` (${t("weak.belowMark", { pass: passMark })})`;
  return (
    <>
      <div className="filters no-print">
        <label className="field">
          {t("weak.order")}
          <select value={order} onChange={(e) => setView("order", e.target.value === "asc" ? "asc" : "")}>
            <option value="desc">{t("weak.orderBest")}</option>
            <option value="asc">{t("weak.orderWeakest")}</option>
          </select>
        </label>
        <label className="field grow">
          {t("common.search")}
          <input type="search" value={q} onChange={(e) => setView("q", e.target.value)} />
        </label>
      </div>
      <p className="count" aria-live="polite">
        {t("weak.heatCount", { count: rows.length })}
      </p>
      {rows.length === 0 ? (
        <Empty />
      ) : (
        <VirtualTable
          label={`${t("weak.heatmapTitle")} · ${t("common.table")}`}
          className="heatmap"
          columns={HEAT_COLUMNS}
          count={rows.length}
          rowHeight={34}
          rowKey={(i) => rows[i]?.agencyCode ?? String(i)}
          header={
            <>
              <th scope="col" className="num">
                {t("common.rank")}
              </th>
              <th scope="col" className="sticky-col">
                {t("common.name")}
              </th>
              <th scope="col" className="num" aria-sort={order === "asc" ? "ascending" : "descending"}>
                {t("common.total")}
              </th>
              {data.indicators.map((i) => (
                <th
                  key={i.indicator}
                  scope="col"
                  className={`num ind-head ${i.indicator === selected ? "sel" : ""}`}
                  title={i.name?.[lang]}
                >
                  <span className="ind-no">{i.indicator}</span>
                  <span className="ind-name">{i.name?.[lang]}</span>
                </th>
              ))}
            </>
          }
          row={(index) => {
            const r = rows[index];
            if (!r) return null;
            return (
              <>
                <td className="num muted">{r.rank ?? "–"}</td>
                <th scope="row" className="sticky-col">
                  <Link to={`/t/${tenant}/agencies/${r.agencyCode}`} title={r.name}>
                    {r.name}
                  </Link>
                </th>
                <td className="num strong">{fmtScore(r.total, lang)}</td>
                {data.indicators.map((i) => {
                  const v = r.values[String(i.indicator)] ?? null;
                  const band = heatBand(v, bands);
                  return (
                    <td
                      key={i.indicator}
                      className={`num heat heat-${band?.key ?? "none"} ${i.indicator === selected ? "sel" : ""}`}
                    >
                      {band?.below && <span aria-hidden="true">⚠ </span>}
                      {fmtScore(v, lang)}
                      {band?.below && <span className="sr-only">{below}</span>}
                    </td>
                  );
                })}
              </>
            );
          }}
        />
      )}
    </>
  );
}
