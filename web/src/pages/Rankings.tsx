import { useQueries } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useId, useMemo, useRef } from "react";
import { Link, useParams } from "react-router";
import { apiGet } from "../api/client";
import { useRankings, useSelectedYear } from "../api/hooks";
import type { Rankings as RankingsBody } from "../api/types";
import { useUrlParams } from "../api/url";
import { RankChange } from "../components/Delta";
import { FilterSelect, plainOptions } from "../components/FilterSelect";
import { RatingBadge, ratingsIn, ratingText } from "../components/RatingBadge";
import { hintClass, useScrollEdges } from "../components/ScrollX";
import { Empty, ErrorState, Loading, NoMatch } from "../components/States";
import { YearSelect } from "../components/YearSelect";
import { fmtScore } from "../format";
import { useT } from "../i18n";
import { applyView, rowsToCsv, type SortDir, type SortKey } from "./rankings-logic";

const TYPES = ["pao", "city", "town", "subdistrict", "sao", "other"] as const;
const SIZES = ["S", "M", "L"] as const;
const ROW_HEIGHT = 40;

export default function Rankings() {
  const { tenant = "" } = useParams();
  const { t, lang } = useT();
  const [params, patch] = useUrlParams();
  const [year, setYear, years] = useSelectedYear(tenant);
  const filters = {
    type: params.get("type") ?? undefined,
    size: params.get("size") ?? undefined,
    district: params.get("district") ?? undefined,
  };
  const ranking = useRankings(tenant, year, filters);
  const view = {
    q: params.get("q") ?? "",
    rating: params.get("rating") ?? "",
    sort: (params.get("sort") ?? "rank") as SortKey,
    dir: (params.get("dir") ?? "asc") as SortDir,
  };
  const set = (key: string, value: string) => patch({ [key]: value });
  const filtered = Boolean(filters.type || filters.size || filters.district || view.rating || view.q.trim());
  // Totals of every year, for the trend line of each row.
  const history = useQueries({
    queries: years.map((y) => ({
      queryKey: ["rankings", tenant, y, {}],
      queryFn: () => apiGet<RankingsBody>(`/api/tenants/${tenant}/rankings?year=${y}`),
      staleTime: 300_000,
    })),
  });
  const trend = useMemo(() => {
    const m = new Map<string, (number | null)[]>();
    history.forEach((h, i) => {
      for (const r of h.data?.rows ?? []) {
        const arr = m.get(r.agencyCode) ?? years.map(() => null);
        arr[i] = r.total;
        m.set(r.agencyCode, arr);
      }
    });
    return m;
  }, [history, years]);
  const { q, rating, sort, dir } = view;
  const rows = useMemo(
    () => applyView(ranking.data?.rows ?? [], { q, rating, sort, dir }),
    [ranking.data, q, rating, sort, dir],
  );
  const districts = useMemo(
    () => [...new Set((ranking.data?.rows ?? []).map((r) => r.district).filter(Boolean))] as string[],
    [ranking.data],
  );
  const scroller = useRef<HTMLElement>(null);
  // Sideways on a phone: edge shadows and a spoken hint, as components/ScrollX.tsx.
  const edges = useScrollEdges(scroller, rows.length > 0);
  const hintId = useId();
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const columns: { key: SortKey; label: string; num?: boolean }[] = [
    { key: "rank", label: t("common.rank"), num: true },
    { key: "rankChange", label: t("common.change"), num: true },
    { key: "name", label: t("common.name") },
    { key: "type", label: t("common.type") },
    { key: "size", label: t("common.size") },
    { key: "district", label: t("common.district") },
    { key: "total", label: t("common.total"), num: true },
    { key: "iit", label: "IIT", num: true },
    { key: "eit", label: "EIT", num: true },
    { key: "oit", label: "OIT", num: true },
    { key: "weakCount", label: t("common.weak"), num: true },
  ];
  const exportCsv = () => {
    const csv = rowsToCsv(rows, [
      "rank",
      "rank_change",
      "agency_code",
      "name",
      "type",
      "size",
      "district",
      "total",
      "rating",
      "iit",
      "eit",
      "oit",
      "weak_count",
      "delta",
    ]);
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `rankings-${tenant}-${year}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <article className="page rankings">
      <div className="page-head">
        <h1>
          {t("rankings.title")} · {year}
        </h1>
        <button type="button" onClick={exportCsv} disabled={rows.length === 0}>
          {t("common.exportCsv")}
        </button>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <YearSelect years={years} value={year} onChange={setYear} />
        <FilterSelect
          label={t("common.type")}
          value={filters.type}
          options={TYPES.map((k) => ({ value: k, label: t(`types.${k}`) }))}
          onChange={(v) => set("type", v)}
        />
        <FilterSelect
          label={t("common.size")}
          value={filters.size}
          options={SIZES.map((k) => ({ value: k, label: t(`common.sizes.${k}`) }))}
          onChange={(v) => set("size", v)}
        />
        <FilterSelect
          label={t("common.district")}
          value={filters.district}
          options={plainOptions(districts.sort((a, b) => a.localeCompare(b, "th")))}
          onChange={(v) => set("district", v)}
        />
        <FilterSelect
          label={t("common.rating")}
          value={view.rating}
          options={ratingsIn(ranking.data?.rows ?? []).map((r) => ({ value: r, label: ratingText(r, lang) }))}
          onChange={(v) => set("rating", v)}
        />
        <label className="field grow">
          {t("common.search")}
          <input type="search" value={view.q} onChange={(e) => set("q", e.target.value)} />
        </label>
      </form>
      {ranking.isPending ? (
        <Loading />
      ) : ranking.isError ? (
        <ErrorState error={ranking.error} onRetry={() => ranking.refetch()} />
      ) : rows.length === 0 ? (
        filtered ? (
          <NoMatch onClear={() => patch({ type: "", size: "", district: "", rating: "", q: "" })} />
        ) : (
          <Empty />
        )
      ) : (
        <>
          <p className="count" aria-live="polite">
            {t("rankings.count", { count: rows.length })}
          </p>
          <div className={hintClass(edges)}>
            <section
              className="table-scroll"
              ref={scroller}
              aria-label={t("rankings.title")}
              aria-describedby={edges.left || edges.right ? hintId : undefined}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
              tabIndex={0}
            >
              <table className="grid-table" aria-rowcount={rows.length + 1}>
                <thead>
                  <tr>
                    {columns.map((c, i) => (
                      <th
                        key={c.key}
                        scope="col"
                        className={`${c.num ? "num" : ""} ${i === 2 ? "sticky-col" : ""}`}
                        aria-sort={view.sort === c.key ? (view.dir === "asc" ? "ascending" : "descending") : "none"}
                      >
                        <button
                          type="button"
                          onClick={() => {
                            const dir = view.sort === c.key && view.dir === "asc" ? "desc" : "asc";
                            patch({ sort: c.key, dir });
                          }}
                        >
                          {c.label}
                          {view.sort === c.key ? (view.dir === "asc" ? " ▲" : " ▼") : ""}
                        </button>
                      </th>
                    ))}
                    <th scope="col">{t("common.rating")}</th>
                    <th scope="col">{t("rankings.trend")}</th>
                  </tr>
                </thead>
                <tbody style={{ height: virtual.getTotalSize(), position: "relative" }}>
                  {virtual.getVirtualItems().map((item) => {
                    const r = rows[item.index];
                    if (!r) return null;
                    return (
                      <tr
                        key={r.agencyCode}
                        aria-rowindex={item.index + 2}
                        style={{
                          position: "absolute",
                          top: 0,
                          transform: `translateY(${item.start}px)`,
                          height: ROW_HEIGHT,
                          width: "100%",
                        }}
                      >
                        <td className="num">{r.rank ?? "–"}</td>
                        <td className="num">
                          <RankChange value={r.rankChange} />
                        </td>
                        <th scope="row" className="sticky-col">
                          <Link to={`/t/${tenant}/agencies/${r.agencyCode}`} title={r.name}>
                            {r.name}
                          </Link>
                        </th>
                        <td title={t(`types.${r.type}`)}>{t(`types.${r.type}`)}</td>
                        <td>{r.size ? t(`common.sizes.${r.size}`) : "–"}</td>
                        <td title={r.district ?? undefined}>{r.district ?? "–"}</td>
                        <td className="num strong">{fmtScore(r.total, lang)}</td>
                        <td className={`num ${r.iit !== null && r.iit < 85 ? "weak" : ""}`}>{fmtScore(r.iit, lang)}</td>
                        <td className={`num ${r.eit !== null && r.eit < 85 ? "weak" : ""}`}>{fmtScore(r.eit, lang)}</td>
                        <td className={`num ${r.oit !== null && r.oit < 85 ? "weak" : ""}`}>{fmtScore(r.oit, lang)}</td>
                        <td className="num">{r.weakCount > 0 ? `⚠ ${r.weakCount}` : "0"}</td>
                        <td>
                          <RatingBadge rating={r.rating} />
                        </td>
                        <td>
                          <Sparkline values={trend.get(r.agencyCode) ?? []} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
            {(edges.left || edges.right) && (
              <span id={hintId} className="sr-only">
                {t("common.scrollHint")}
              </span>
            )}
          </div>
        </>
      )}
    </article>
  );
}

/** A tiny SVG line of the total across years (drawn without a chart library: thousands of rows). */
function Sparkline({ values }: { values: (number | null)[] }) {
  const known = values.map((v, i) => [i, v] as const).filter((p): p is readonly [number, number] => p[1] !== null);
  if (known.length < 2) return <span aria-hidden="true">–</span>;
  const w = 72;
  const h = 20;
  const x = (i: number) => (i / Math.max(1, values.length - 1)) * (w - 4) + 2;
  const y = (v: number) => h - 2 - ((v - 40) / 60) * (h - 4);
  const d = known.map(([i, v], k) => `${k === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  return (
    <svg width={w} height={h} role="img" aria-label={known.map(([, v]) => v.toFixed(2)).join(" → ")}>
      <line x1="0" x2={w} y1={y(85)} y2={y(85)} stroke="var(--muted)" strokeDasharray="2 2" />
      <path d={d} fill="none" stroke="var(--accent)" strokeWidth="1.5" />
    </svg>
  );
}
