import { useQueries } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { Link, useParams } from "react-router";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { apiGet } from "../api/client";
import { useSelectedYear, useSummary, useYears } from "../api/hooks";
import type { Summary } from "../api/types";
import { countTicks, percentTicks } from "../charts/ticks";
import { Delta } from "../components/Delta";
import { usePrinting } from "../components/print";
import { RatingBadge, ratingText } from "../components/RatingBadge";
import { ErrorState, Loading } from "../components/States";
import { YearSelect } from "../components/YearSelect";
import { fmtDate, fmtPercent, fmtScore, fmtYear, localName } from "../format";
import { useT } from "../i18n";

/** Charts on paper: half the width of an A4 page's printable area (styles.css, @media print), and less tall. */
const PRINT_CHART = { width: 330, height: 160 };
/** Newly failing agencies listed on paper; the rest are counted ("and 3 more"), so the page stays one A4. */
const PRINT_LIST_MAX = 6;

interface Kpi {
  label: string;
  value: string;
  delta: number | null;
  /** A count: its change is whole ("+1"), not points ("+1.00"). */
  integer?: boolean;
}

/** Leadership's page: one printable A4 of how the province does and where it moves. */
export default function Overview() {
  const { tenant = "" } = useParams();
  const { t, lang } = useT();
  const printing = usePrinting();
  const tenantInfo = useYears(tenant).data?.tenant;
  const [year, setYear, years] = useSelectedYear(tenant);
  const summary = useSummary(tenant, year);
  const trend = useQueries({
    queries: years.map((y) => ({
      queryKey: ["summary", tenant, y],
      queryFn: () => apiGet<Summary>(`/api/tenants/${tenant}/summary?year=${y}`),
    })),
  });
  if (summary.isPending) return <Loading />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => summary.refetch()} />;
  const s = summary.data;
  const prevYear = s.previous?.year;
  const trendRows = trend.flatMap((q) =>
    q.data ? [{ year: q.data.year, mean: q.data.mean, passRate: q.data.passRate }] : [],
  );
  const trendTicks = percentTicks(trendRows.flatMap((r) => [r.mean, r.passRate]));
  const ratingTicks = countTicks(Math.max(0, ...s.ratingCounts.map((r) => r.count)));
  const weakest = s.indicators
    .filter((i) => i.belowPass > 0)
    .sort((a, b) => b.belowPass - a.belowPass)
    .slice(0, 5);
  const kpis: Kpi[] = [
    {
      label: t("overview.assessed"),
      value: String(s.assessed),
      delta: s.previous ? s.assessed - s.previous.assessed : null,
      integer: true,
    },
    { label: t("overview.mean"), value: fmtScore(s.mean, lang), delta: s.meanDelta },
    {
      label: t("overview.median"),
      value: fmtScore(s.median, lang),
      delta:
        s.previous && s.median !== null && s.previous.median !== null
          ? Math.round((s.median - s.previous.median) * 100) / 100
          : null,
    },
    { label: t("overview.passRate"), value: fmtPercent(s.passRate, lang), delta: s.passRateDelta },
  ];
  return (
    <article className="page overview">
      {/* On paper only: whose figures, which year, printed when (the screen shows these in the top bar). */}
      <div className="print-head print-only">
        <strong className="print-province">
          {tenantInfo ? localName(tenantInfo.name, tenantInfo.nameEn, lang) : ""}
        </strong>
        {year !== undefined && (
          <span className="print-year">
            {t("common.year")} {fmtYear(year, lang)}
          </span>
        )}
        <span className="print-date">{t("overview.printedOn", { date: fmtDate(new Date(), lang) })}</span>
      </div>
      <div className="page-head">
        <h1>
          {t("overview.title")} · {year}
        </h1>
        <div className="filters no-print">
          <YearSelect years={years} value={year} onChange={setYear} />
          <button type="button" onClick={() => window.print()}>
            {t("common.print")}
          </button>
        </div>
      </div>
      {s.comparable && !s.comparable.comparable && (
        <p className="notice" role="note">
          ⚠ {t("overview.notComparable")}: {s.comparable.reasons.map((r) => r[lang === "th" ? "th" : "en"]).join("; ")}
        </p>
      )}
      <section className="kpis" aria-label={t("overview.title")}>
        {kpis.map((k) => (
          <div key={k.label} className="kpi">
            <span className="kpi-label">{k.label}</span>
            <strong className="kpi-value">{k.value}</strong>
            {prevYear && (
              <span className="kpi-delta">
                <Delta value={k.delta} integer={k.integer} /> {t("overview.fromPrevious", { year: prevYear })}
              </span>
            )}
          </div>
        ))}
      </section>
      <div className="grid2">
        <section className="card">
          <h2>{t("overview.distribution")}</h2>
          {/* The chart is hidden from assistive tech (the table below carries the numbers), so recharts' own
              keyboard layer is off: a focusable element inside aria-hidden is a trap (axe: aria-hidden-focus). */}
          <div className="chart" aria-hidden="true">
            <Chart
              printing={printing}
              render={(size) => (
                <BarChart
                  {...size}
                  data={s.ratingCounts.map((r) => ({ name: ratingText(r.rating, lang), count: r.count }))}
                  accessibilityLayer={false}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" />
                  <YAxis ticks={ratingTicks} domain={[0, ratingTicks.at(-1) ?? 1]} interval={0} allowDecimals={false} />
                  <Tooltip />
                  <Bar dataKey="count" fill="var(--accent)" isAnimationActive={!printing} />
                </BarChart>
              )}
            />
          </div>
          <table className="compact">
            <caption className="sr-only">{t("overview.distribution")}</caption>
            <tbody>
              {s.ratingCounts.map((r) => (
                <tr key={r.rating}>
                  <th scope="row">
                    <RatingBadge rating={r.rating} />
                  </th>
                  <td className="num">{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>{t("overview.trend")}</h2>
          <div className="chart" aria-hidden="true">
            <Chart
              printing={printing}
              render={(size) => (
                <LineChart {...size} data={trendRows} accessibilityLayer={false}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="year" />
                  <YAxis ticks={trendTicks} domain={[trendTicks[0] ?? 50, 100]} interval={0} />
                  <Tooltip />
                  <Legend />
                  <Line
                    type="monotone"
                    dataKey="mean"
                    name={t("overview.mean")}
                    stroke="var(--accent)"
                    isAnimationActive={!printing}
                  />
                  <Line
                    type="monotone"
                    dataKey="passRate"
                    name={t("overview.passRate")}
                    stroke="var(--accent2)"
                    strokeDasharray="4 2"
                    isAnimationActive={!printing}
                  />
                </LineChart>
              )}
            />
          </div>
          <table className="compact">
            <caption className="sr-only">{t("overview.trend")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("common.year")}</th>
                <th scope="col">{t("overview.mean")}</th>
                <th scope="col">{t("overview.passRate")}</th>
              </tr>
            </thead>
            <tbody>
              {trendRows.map((r) => (
                <tr key={r.year}>
                  <th scope="row">{r.year}</th>
                  <td className="num">{fmtScore(r.mean, lang)}</td>
                  <td className="num">{fmtPercent(r.passRate, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <div className="grid3">
        <section className="card">
          <h2>{t("overview.weakest")}</h2>
          {weakest.length === 0 && <p>{t("overview.none")}</p>}
          <ol>
            {weakest.map((i) => (
              <li key={i.indicator}>
                {t("common.indicator")} {i.indicator} {i.name?.[lang]} — {i.belowPass} {t("common.weak")} (
                {t("overview.mean")} {fmtScore(i.mean, lang)})
              </li>
            ))}
          </ol>
        </section>
        <section className="card">
          <h2>{t("overview.top")}</h2>
          <AgencyList tenant={tenant} rows={s.top} />
          <h2>{t("overview.bottom")}</h2>
          <AgencyList tenant={tenant} rows={s.bottom} />
        </section>
        <section className="card">
          <h2>{t("overview.newlyFailing")}</h2>
          {s.newlyFailing.length === 0 ? (
            <p>{t("overview.none")}</p>
          ) : (
            <ul>
              {s.newlyFailing.map((a, n) => (
                <li key={a.agencyCode} className={n >= PRINT_LIST_MAX ? "no-print" : undefined}>
                  <Link to={`/t/${tenant}/agencies/${a.agencyCode}`}>{a.name}</Link> {fmtScore(a.previous?.total, lang)}{" "}
                  → {fmtScore(a.total, lang)}
                </li>
              ))}
              {s.newlyFailing.length > PRINT_LIST_MAX && (
                <li className="print-only">
                  {t("overview.andMore", { count: s.newlyFailing.length - PRINT_LIST_MAX })}
                </li>
              )}
            </ul>
          )}
          <h2>{t("overview.newlyPassing")}</h2>
          <p>
            {t("overview.newlyPassingCount", { count: s.newlyPassing.length, from: prevYear ?? "–" })}
            {prevYear !== undefined && s.newlyPassing.length > 0 && (
              <>
                {" "}
                <Link className="no-print" to={`/t/${tenant}/movement?from=${prevYear}&to=${s.year}`}>
                  {t("overview.seeMovement")}
                </Link>
              </>
            )}
          </p>
        </section>
      </div>
    </article>
  );
}

/**
 * A chart as wide as its card on screen (ResponsiveContainer measures the card), and of a fixed size on paper:
 * the browser lays a printout out without running scripts, so nothing would measure the narrower A4 column.
 */
function Chart({
  printing,
  render,
}: {
  printing: boolean;
  render: (size: { width?: number; height?: number }) => ReactElement;
}) {
  if (printing) return render(PRINT_CHART);
  return (
    <ResponsiveContainer width="100%" height={220}>
      {render({})}
    </ResponsiveContainer>
  );
}

function AgencyList({ tenant, rows }: { tenant: string; rows: Summary["top"] }) {
  const { lang } = useT();
  return (
    <ol className="agency-list">
      {rows.map((r) => (
        <li key={r.agencyCode}>
          <Link to={`/t/${tenant}/agencies/${r.agencyCode}`}>{r.name}</Link>{" "}
          <span className="num">{fmtScore(r.total, lang)}</span> <RatingBadge rating={r.rating} />
        </li>
      ))}
    </ol>
  );
}
