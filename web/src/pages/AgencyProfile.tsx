import type { AgencyProfileSchema } from "@prongsai/contracts";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useMemo, useRef } from "react";
import { Link, useParams } from "react-router";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { z } from "zod";
import { ApiError, apiGet } from "../api/client";
import { useYears } from "../api/hooks";
import type { YearsResponse } from "../api/types";
import { useUrlParams } from "../api/url";
import { Delta } from "../components/Delta";
import { RatingBadge, ratingText } from "../components/RatingBadge";
import { ScrollX } from "../components/ScrollX";
import { Empty, ErrorState, Loading } from "../components/States";
import { fmtPercent, fmtScore, localName } from "../format";
import { useT } from "../i18n";
import { axisFloor, compareItemCodes, fixFirst, isBelow, oitYearChoice, sharedPlaces } from "./agency-profile-logic";
import "./AgencyProfile.css";

type Profile = z.infer<typeof AgencyProfileSchema>;
type YearResult = Profile["years"][number];
type Latest = NonNullable<Profile["latest"]>;
type PeerStat = Latest["peerStats"]["total"];
type OitYear = Profile["oit"][number];
type Framework = NonNullable<YearsResponse["years"][number]["framework"]>;

const TOOLS = ["iit", "eit", "oit"] as const;
type Tool = (typeof TOOLS)[number];
const INDICATORS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const DEFAULT_PASS = 85;

const isNum = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);
const toolLabel = (tool: string) => tool.toUpperCase();

function useProfile(tenant: string, code: string) {
  return useQuery({
    queryKey: ["agency", tenant, code],
    queryFn: ({ signal }) =>
      apiGet<Profile>(`/api/tenants/${encodeURIComponent(tenant)}/agencies/${encodeURIComponent(code)}`, signal),
    enabled: tenant !== "" && code !== "",
    // An unknown code or a refusal will not change on a second try; a network or server failure might.
    retry: (count, error) => count < 1 && !(error instanceof ApiError && error.status < 500),
  });
}

/** One agency: its latest result and what stops the next rating, its trend, its peers and its OIT items. */
export default function AgencyProfile() {
  const { tenant = "", code = "" } = useParams();
  const { t, lang } = useT();
  const profile = useProfile(tenant, code);
  const years = useYears(tenant);
  const frameworks = useMemo(() => {
    const m = new Map<number, Framework>();
    for (const y of years.data?.years ?? []) if (y.framework) m.set(y.fiscalYear, y.framework);
    return m;
  }, [years.data]);

  if (profile.isPending) return <Loading />;
  if (profile.isError) {
    const notFound = profile.error instanceof ApiError && profile.error.status === 404;
    return (
      <article className="page agency-profile">
        <h1>{t("profile.title")}</h1>
        <ErrorState error={profile.error} onRetry={notFound ? undefined : () => profile.refetch()} />
        {notFound && (
          <p className="state">
            <Link to={`/t/${tenant}/rankings`}>{t("agencyProfile.backToRankings")}</Link>
          </p>
        )}
      </article>
    );
  }

  const p = profile.data;
  const latest = p.latest;
  const latestRow = latest ? p.years.find((y) => y.fiscalYear === latest.fiscalYear) : undefined;
  const fw = latest ? frameworks.get(latest.fiscalYear) : undefined;
  const pass = fw?.passMark ?? DEFAULT_PASS;
  const name = localName(p.nameTh, p.nameEn, lang);

  return (
    <article className="page agency-profile">
      <header className="ap-head">
        <p className="ap-kicker">{t("profile.title")}</p>
        <h1 lang={name === p.nameTh ? "th" : undefined}>{name}</h1>
        {lang === "en" && p.nameEn && (
          <p className="ap-alt-name" lang="th">
            {p.nameTh}
          </p>
        )}
        <AgencyFacts profile={p} />
      </header>

      {p.years.length === 0 ? (
        <Empty>{t("agencyProfile.noYears")}</Empty>
      ) : (
        <>
          {latest && latestRow ? (
            <ScoreCard row={latestRow} latest={latest} pass={pass} />
          ) : (
            <p className="notice" role="note">
              {t("agencyProfile.noTotal")}
            </p>
          )}

          <TrendSection years={p.years} pass={pass} />

          {latest && latestRow && (
            <>
              <CompareSection latest={latest} fw={fw} pass={pass} />
              <PeerTable tenant={tenant} latest={latest} />
            </>
          )}
        </>
      )}

      <OitSection profile={p} latestYear={latest?.fiscalYear ?? p.years.at(-1)?.fiscalYear} />

      {p.years.length > 0 && <HistoryTable years={p.years} frameworks={frameworks} />}
    </article>
  );
}

// ── header ──────────────────────────────────────────────────────────────────────────────────────────────────

function AgencyFacts({ profile: p }: { profile: Profile }) {
  const { t } = useT();
  const web = p.website && /^https?:\/\//i.test(p.website) ? p.website : null;
  const facts = [
    t("agencyProfile.code", { code: p.code }),
    t(`types.${p.type}`),
    p.size ? t(`agencyProfile.size_${p.size}`) : t("agencyProfile.sizeUnknown"),
  ];
  return (
    <ul className="ap-facts">
      {facts.map((f) => (
        <li key={f}>{f}</li>
      ))}
      {p.district && <li lang="th">{p.district}</li>}
      {web && (
        <li>
          <a href={web} target="_blank" rel="noopener noreferrer">
            {t("agencyProfile.website")}
            <span className="sr-only"> {t("agencyProfile.newWindow")}</span>
          </a>
        </li>
      )}
    </ul>
  );
}

/** A table that may scroll sideways (or down): a labelled region reachable by keyboard, with edge shadows. */
function ScrollBox({
  label,
  className,
  boxRef,
  children,
}: {
  label: string;
  className?: string;
  boxRef?: React.RefObject<HTMLDivElement | null>;
  children: ReactNode;
}) {
  return (
    <ScrollX
      label={label}
      className={className ? `ap-wrap ${className}` : "ap-wrap"}
      boxRef={boxRef}
      focusable="always"
    >
      {children}
    </ScrollX>
  );
}

// ── score card ──────────────────────────────────────────────────────────────────────────────────────────────

/** A score that says so in words and with ⚠ (not colour alone) when it is below the pass mark. */
function Score({ value, pass, strong }: { value: number | null | undefined; pass: number; strong?: boolean }) {
  const { t, lang } = useT();
  const weak = isBelow(value, pass);
  return (
    <span className={`ap-score${weak ? " ap-weak" : ""}${strong ? " strong" : ""}`}>
      {fmtScore(value, lang)}
      {weak && (
        <>
          <span aria-hidden="true"> ⚠</span>
          <span className="sr-only"> ({t("agencyProfile.below", { pass })})</span>
        </>
      )}
    </span>
  );
}

function ScoreCard({ row, latest, pass }: { row: YearResult; latest: Latest; pass: number }) {
  const { t, lang } = useT();
  return (
    <section className="card ap-score-card" aria-labelledby="ap-score">
      <h2 id="ap-score">
        {t("agencyProfile.scoreTitle", { year: row.fiscalYear })}{" "}
        <small className="muted">({t("agencyProfile.latestNote")})</small>
      </h2>
      <div className="ap-score-grid">
        <div className="ap-headline">
          <span className="kpi-label">{t("common.total")}</span>
          <div className="ap-total-line">
            <strong className="ap-total">{fmtScore(row.total, lang)}</strong>
            <span>
              <RatingBadge rating={row.rating?.key} />
              {row.rating?.derived && (
                <span className="ap-derived">
                  <span aria-hidden="true">*</span>
                  <span className="sr-only">{t("agencyProfile.derived")}</span>
                </span>
              )}
            </span>
          </div>
          <p className="ap-line">
            {row.rank !== null
              ? t("agencyProfile.rankOf", { rank: row.rank, n: row.ranked })
              : t("agencyProfile.noRank")}
          </p>
          <p className="ap-line">
            {row.previous ? (
              <>
                <Delta value={row.delta} />{" "}
                {t("agencyProfile.fromYear", {
                  year: row.previous.fiscalYear,
                  total: fmtScore(row.previous.total, lang),
                })}
              </>
            ) : (
              <span className="muted">{t("agencyProfile.noPrevious")}</span>
            )}
          </p>
          {row.rating?.derived && <p className="hint">{t("agencyProfile.derivedNote")}</p>}
        </div>

        <div>
          <h3>{t("profile.tools")}</h3>
          <dl className="ap-tools">
            {TOOLS.map((tool) => (
              <div key={tool}>
                <dt>{toolLabel(tool)}</dt>
                <dd>
                  <Score value={row[tool]} pass={pass} />
                  {tool === "eit" && (isNum(row.eitPart1) || isNum(row.eitPart2)) && (
                    <small className="muted ap-parts">
                      {t("agencyProfile.eitParts", {
                        p1: fmtScore(row.eitPart1, lang),
                        p2: fmtScore(row.eitPart2, lang),
                      })}
                    </small>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        </div>

        <NextRating latest={latest} row={row} />
      </div>
      <WeakList latest={latest} pass={pass} />
    </section>
  );
}

function NextRating({ latest, row }: { latest: Latest; row: YearResult }) {
  const { t, lang } = useT();
  const nr = latest.nextRating;
  if (!nr) {
    return (
      <div className="ap-next">
        <h3>{t("agencyProfile.nextTitle")}</h3>
        <p className="muted">{t("agencyProfile.noFramework", { year: latest.fiscalYear })}</p>
      </div>
    );
  }
  if (!nr.next) {
    return (
      <div className="ap-next ap-next-top">
        <h3>{t("agencyProfile.nextTitle")}</h3>
        <p>
          <span aria-hidden="true">✓ </span>
          {t("agencyProfile.topRating", { rating: ratingText(row.rating?.key, lang) })}
        </p>
      </div>
    );
  }
  const totalNeeded = nr.totalNeeded ?? 0;
  return (
    <div className="ap-next">
      <h3>{t("agencyProfile.blockers", { next: ratingText(nr.next.key, lang) })}</h3>
      <ul className="ap-blockers">
        {nr.toolsBelow.map((b) => (
          <li key={b.tool}>
            <span aria-hidden="true">⚠ </span>
            {isNum(b.score) && isNum(b.gap)
              ? t("agencyProfile.blockerTool", {
                  tool: toolLabel(b.tool),
                  score: fmtScore(b.score, lang),
                  floor: fmtScore(b.floor, lang).replace(/[.,]00$/, ""),
                  gap: fmtScore(b.gap, lang),
                })
              : t("agencyProfile.blockerToolUnknown", { tool: toolLabel(b.tool), floor: fmtScore(b.floor, lang) })}
          </li>
        ))}
        {totalNeeded > 0 && isNum(row.total) && (
          <li>
            <span aria-hidden="true">⚠ </span>
            {t("agencyProfile.blockerTotal", {
              gap: fmtScore(totalNeeded, lang),
              target: fmtScore(row.total + totalNeeded, lang),
            })}
          </li>
        )}
      </ul>
      {totalNeeded === 0 && nr.toolsBelow.length > 0 && <p className="hint">{t("agencyProfile.blockerTotalOk")}</p>}
    </div>
  );
}

function WeakList({ latest, pass }: { latest: Latest; pass: number }) {
  const { t, lang } = useT();
  const weak = latest.weakIndicators;
  if (!weak) return null;
  return (
    <div className="ap-weak-list">
      <h3>{t("agencyProfile.weakTitle", { pass, count: weak.length })}</h3>
      {weak.length === 0 ? (
        <p>
          <span aria-hidden="true">✓ </span>
          {t("agencyProfile.weakNone", { pass })}
        </p>
      ) : (
        <ul>
          {weak.map((w) => (
            <li key={w.indicator}>
              <span aria-hidden="true">⚠ </span>
              {t("agencyProfile.weakItem", {
                n: w.indicator,
                name: w.name[lang],
                score: fmtScore(w.score, lang),
                gap: fmtScore(w.gap, lang),
              })}{" "}
              <small className="muted">({toolLabel(w.tool)})</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// ── trend ───────────────────────────────────────────────────────────────────────────────────────────────────

type Marker = "circle" | "square" | "triangle" | "diamond";
const SERIES: { key: "total" | Tool; color: string; dash?: string; width: number; marker: Marker }[] = [
  { key: "total", color: "var(--ap-total)", width: 3, marker: "circle" },
  { key: "iit", color: "var(--ap-iit)", dash: "7 4", width: 2, marker: "square" },
  { key: "eit", color: "var(--ap-eit)", dash: "2 3", width: 2, marker: "triangle" },
  { key: "oit", color: "var(--ap-oit)", dash: "12 3 3 3", width: 2, marker: "diamond" },
];

function markerPath(marker: Marker, r: number): string {
  switch (marker) {
    case "square":
      return `M${-r},${-r}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case "triangle":
      return `M0,${-r * 1.2}L${r * 1.1},${r * 0.8}L${-r * 1.1},${r * 0.8}Z`;
    case "diamond":
      return `M0,${-r * 1.3}L${r * 1.3},0L0,${r * 1.3}L${-r * 1.3},0Z`;
    default:
      return `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
}

function MarkerIcon({ marker, color, dash }: { marker: Marker; color: string; dash?: string }) {
  return (
    <svg width="34" height="14" viewBox="0 0 34 14" aria-hidden="true" className="ap-legend-icon">
      <line x1="1" x2="33" y1="7" y2="7" stroke={color} strokeWidth="2" strokeDasharray={dash} />
      <path d={markerPath(marker, 4)} transform="translate(17 7)" fill={color} stroke="var(--surface)" />
    </svg>
  );
}

function TrendSection({ years, pass }: { years: YearResult[]; pass: number }) {
  const { t, lang } = useT();
  const name = (key: "total" | Tool) => (key === "total" ? t("common.total") : toolLabel(key));
  const data = years.map((y) => ({ year: y.fiscalYear, total: y.total, iit: y.iit, eit: y.eit, oit: y.oit }));
  const values = data.flatMap((d) => [d.total, d.iit, d.eit, d.oit]).filter(isNum);
  const lo = axisFloor(values, pass, 3);
  const step = 100 - lo > 40 ? 10 : 5;
  const yTicks: number[] = [];
  for (let v = lo; v <= 100; v += step) yTicks.push(v);
  return (
    <section className="card ap-section" aria-labelledby="ap-trend">
      <h2 id="ap-trend">{t("agencyProfile.trendTitle")}</h2>
      <p className="hint">{t("agencyProfile.trendHint", { pass })}</p>
      <div className="ap-trend-grid">
        <div aria-hidden="true">
          <ul className="ap-legend">
            {SERIES.map((s) => (
              <li key={s.key}>
                <MarkerIcon marker={s.marker} color={s.color} dash={s.dash} /> {name(s.key)}
              </li>
            ))}
            <li>
              <svg width="34" height="14" aria-hidden="true" className="ap-legend-icon">
                <line x1="1" x2="33" y1="7" y2="7" stroke="var(--text)" strokeDasharray="4 4" />
              </svg>{" "}
              {t("agencyProfile.legendPass", { pass })}
            </li>
          </ul>
          <div className="chart ap-trend-chart">
            <ResponsiveContainer width="100%" height={260}>
              {/* aria-hidden chart (the history table has the numbers): no focusable keyboard layer inside it. */}
              <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                <XAxis
                  dataKey="year"
                  tick={{ fill: "var(--muted)", fontSize: 13 }}
                  stroke="var(--border)"
                  padding={{ left: 16, right: 16 }}
                />
                <YAxis
                  domain={[lo, 100]}
                  ticks={yTicks}
                  interval={0}
                  width={36}
                  tick={{ fill: "var(--muted)", fontSize: 13 }}
                  stroke="var(--border)"
                />
                <ReferenceLine y={pass} stroke="var(--text)" strokeDasharray="4 4" />
                <Tooltip
                  formatter={(v) => fmtScore(typeof v === "number" ? v : null, lang)}
                  contentStyle={{
                    background: "var(--surface)",
                    border: "1px solid var(--border)",
                    color: "var(--text)",
                    borderRadius: 8,
                  }}
                  labelStyle={{ color: "var(--text)", fontWeight: 600 }}
                />
                {SERIES.map((s) => (
                  <Line
                    key={s.key}
                    type="linear"
                    dataKey={s.key}
                    name={name(s.key)}
                    stroke={s.color}
                    strokeWidth={s.width}
                    strokeDasharray={s.dash}
                    isAnimationActive={false}
                    dot={(d) =>
                      isNum(d.cx) && isNum(d.cy) && isNum(d.value) ? (
                        <path
                          key={`${s.key}-${d.index}`}
                          d={markerPath(s.marker, s.key === "total" ? 5 : 4)}
                          transform={`translate(${d.cx} ${d.cy})`}
                          fill={s.color}
                          stroke="var(--surface)"
                          strokeWidth={1.5}
                        />
                      ) : (
                        <g key={`${s.key}-${d.index}`} />
                      )
                    }
                    activeDot={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </div>
        <ScrollBox label={t("agencyProfile.trendTable")}>
          <table className="compact ap-table">
            <caption className="sr-only">{t("agencyProfile.trendTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agencyProfile.yearShort")}</th>
                <th scope="col" className="num">
                  {t("common.total")}
                </th>
                {TOOLS.map((tool) => (
                  <th key={tool} scope="col" className="num">
                    {toolLabel(tool)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.fiscalYear}>
                  <th scope="row">{y.fiscalYear}</th>
                  <td className="num">
                    <Score value={y.total} pass={pass} strong />
                  </td>
                  {TOOLS.map((tool) => (
                    <td key={tool} className="num">
                      <Score value={y[tool]} pass={pass} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </div>
    </section>
  );
}

// ── peers: indicators against the group ─────────────────────────────────────────────────────────────────────

interface StripRow {
  key: string;
  label: string;
  sub?: string;
  stat: PeerStat;
  dots?: number[];
}

function CompareSection({ latest, fw, pass }: { latest: Latest; fw: Framework | undefined; pass: number }) {
  const { t, lang } = useT();
  const pg = latest.peerGroup;
  const indName = (n: number) =>
    fw?.indicators?.find((i) => i.number === n)?.name[lang] ??
    latest.weakIndicators?.find((w) => w.indicator === n)?.name[lang] ??
    "";
  const indTool = (n: number) => fw?.indicators?.find((i) => i.number === n)?.tool;
  const selfTotal = latest.peerStats.total.value;
  const alone = !latest.peers.some((p) => !p.self);
  let selfSkipped = false;
  const peerDots = latest.peers.flatMap((p) => {
    if (p.self && !selfSkipped) {
      selfSkipped = true;
      return [];
    }
    return [p.total];
  });
  const groups: { key: string; label: string; rows: StripRow[] }[] = [
    {
      key: "total",
      label: t("common.total"),
      rows: [{ key: "total", label: t("common.total"), stat: latest.peerStats.total, dots: peerDots }],
    },
    {
      key: "tools",
      label: t("agencyProfile.groupTools"),
      rows: latest.peerStats.tools.map((s) => ({ key: s.tool, label: toolLabel(s.tool), stat: s })),
    },
    {
      key: "indicators",
      label: t("agencyProfile.groupIndicators"),
      rows: [...latest.peerStats.indicators]
        .sort((a, b) => a.indicator - b.indicator)
        .map((s) => {
          const tool = indTool(s.indicator);
          return {
            key: `ind${s.indicator}`,
            label: `${s.indicator}. ${indName(s.indicator)}`.trim(),
            sub: tool ? toolLabel(tool) : undefined,
            stat: s,
          };
        }),
    },
  ];
  return (
    <section className="card ap-section" aria-labelledby="ap-compare">
      <h2 id="ap-compare">{t("agencyProfile.compareTitle", { year: latest.fiscalYear })}</h2>
      <PeerBasis latest={latest} />
      {!alone && isNum(latest.peerStats.total.percentile) && isNum(selfTotal) && (
        <p className="ap-line">
          {t("agencyProfile.percentileTotal", { pct: fmtPercent(latest.peerStats.total.percentile, lang) })}
        </p>
      )}
      {alone ? (
        <p className="state">{t("agencyProfile.alone")}</p>
      ) : (
        <>
          <p className="hint">{t("agencyProfile.compareHint", { pass })}</p>
          <PeerStrip groups={groups} pass={pass} />
          <ScrollBox label={t("agencyProfile.compareTable")}>
            <table className="compact ap-table ap-compare-table">
              <caption className="sr-only">
                {t("agencyProfile.compareTitle", { year: latest.fiscalYear })} —{" "}
                {pg[lang === "en" ? "reasonEn" : "reasonTh"]}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("agencyProfile.colItem")}</th>
                  <th scope="col" className="num">
                    {t("agencyProfile.colValue")}
                  </th>
                  <th scope="col" className="num">
                    {t("profile.peerMedian")}
                  </th>
                  <th scope="col" className="num" title={t("agencyProfile.colP25Long")}>
                    <span aria-hidden="true">{t("agencyProfile.colP25")}</span>
                    <span className="sr-only">{t("agencyProfile.colP25Long")}</span>
                  </th>
                  <th scope="col" className="num" title={t("agencyProfile.colP75Long")}>
                    <span aria-hidden="true">{t("agencyProfile.colP75")}</span>
                    <span className="sr-only">{t("agencyProfile.colP75Long")}</span>
                  </th>
                  <th scope="col" className="num" title={t("agencyProfile.colPercentileLong")}>
                    <span aria-hidden="true">{t("agencyProfile.colPercentile")}</span>
                    <span className="sr-only">{t("agencyProfile.colPercentileLong")}</span>
                  </th>
                  <th scope="col">{t("agencyProfile.colStatus")}</th>
                </tr>
              </thead>
              {groups.map((g) => (
                <tbody key={g.key}>
                  {g.key !== "total" && (
                    <tr className="ap-group-row">
                      <th scope="colgroup" colSpan={7}>
                        {g.label}
                      </th>
                    </tr>
                  )}
                  {g.rows.map((r) => {
                    const s = r.stat;
                    const weak = isBelow(s.value, pass);
                    return (
                      <tr key={r.key} className={r.key === "total" ? "ap-total-row" : undefined}>
                        <th scope="row">
                          {r.label} {r.sub && <small className="muted">({r.sub})</small>}
                        </th>
                        <td className="num">
                          <Score value={s.value} pass={pass} strong />
                        </td>
                        <td className="num">{fmtScore(s.median, lang)}</td>
                        <td className="num">{fmtScore(s.p25, lang)}</td>
                        <td className="num">{fmtScore(s.p75, lang)}</td>
                        <td className="num">{fmtPercent(s.percentile, lang)}</td>
                        <td className="ap-status">
                          {!isNum(s.value) ? (
                            <span className="muted">{t("agencyProfile.statusUnknown")}</span>
                          ) : weak ? (
                            <span className="ap-weak">
                              <span aria-hidden="true">⚠ </span>
                              {t("agencyProfile.statusWeak", { pass, gap: fmtScore(pass - s.value, lang) })}
                            </span>
                          ) : (
                            <span className="ap-ok">
                              <span aria-hidden="true">✓ </span>
                              {t("agencyProfile.statusOk")}
                            </span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              ))}
            </table>
          </ScrollBox>
        </>
      )}
    </section>
  );
}

function PeerBasis({ latest }: { latest: Latest }) {
  const { t, lang } = useT();
  const pg = latest.peerGroup;
  const reason = lang === "en" ? pg.reasonEn : pg.reasonTh;
  const basis = t(pg.basis === "type+size" ? "agencyProfile.basis_type_size" : "agencyProfile.basis_type");
  return (
    <>
      {pg.fallback ? (
        <div className="notice ap-basis" role="note">
          <strong>
            <span aria-hidden="true">⚠ </span>
            {t("agencyProfile.fallbackTitle")}
          </strong>
          <p>{reason}</p>
        </div>
      ) : (
        <p className="ap-basis">
          <strong>{t("agencyProfile.peerBasis")}</strong> {basis} — {reason}
        </p>
      )}
      {pg.n > 1 && pg.n < 5 && <p className="hint">{t("agencyProfile.smallGroup", { n: pg.n })}</p>}
    </>
  );
}

/** Horizontal strips: the group's middle half as a band, its median as a tick, the agency as a big mark. */
function PeerStrip({ groups, pass }: { groups: { key: string; label: string; rows: StripRow[] }[]; pass: number }) {
  const { t, lang } = useT();
  const values = groups
    .flatMap((g) => g.rows)
    .flatMap((r) => [r.stat.p25, r.stat.p75, r.stat.median, r.stat.value, ...(r.dots ?? [])])
    .filter(isNum);
  const lo = axisFloor(values, pass);
  const hi = 100;
  const x = (v: number) => `${(((v - lo) / (hi - lo || 1)) * 94 + 3).toFixed(2)}%`;
  const ticks: number[] = [];
  for (let v = lo; v <= hi; v += 10) ticks.push(v);
  return (
    <div className="ap-strip" aria-hidden="true">
      <ul className="ap-legend">
        <li>
          <svg width="26" height="14" className="ap-legend-icon" aria-hidden="true">
            <rect x="1" y="2" width="24" height="10" className="ap-band" />
          </svg>{" "}
          {t("agencyProfile.legendBand")}
        </li>
        <li>
          <svg width="14" height="16" className="ap-legend-icon" aria-hidden="true">
            <line x1="7" x2="7" y1="1" y2="15" className="ap-median" />
          </svg>{" "}
          {t("agencyProfile.legendMedian")}
        </li>
        <li>
          <svg width="16" height="16" className="ap-legend-icon" aria-hidden="true">
            <circle cx="8" cy="8" r="6" className="ap-self" />
          </svg>{" "}
          {t("agencyProfile.legendSelf")}
        </li>
        <li>
          <svg width="18" height="18" className="ap-legend-icon" aria-hidden="true">
            <path d={markerPath("diamond", 6)} transform="translate(9 9)" className="ap-self weak" />
          </svg>{" "}
          {t("agencyProfile.legendSelfWeak", { pass })}
        </li>
        <li>
          <svg width="14" height="14" className="ap-legend-icon" aria-hidden="true">
            <circle cx="7" cy="7" r="3.5" className="ap-peer" />
          </svg>{" "}
          {t("agencyProfile.legendPeers")}
        </li>
        <li>
          <svg width="14" height="16" className="ap-legend-icon" aria-hidden="true">
            <line x1="7" x2="7" y1="1" y2="15" className="ap-pass" />
          </svg>{" "}
          {t("agencyProfile.legendPass", { pass })}
        </li>
      </ul>
      <div className="ap-strip-row ap-strip-axis">
        <span />
        <svg className="ap-track" height="18" aria-hidden="true">
          {ticks.map((v) => (
            <text key={v} x={x(v)} y="13" textAnchor="middle">
              {v}
            </text>
          ))}
        </svg>
        <span />
      </div>
      {groups.map((g) => (
        <div key={g.key} className="ap-strip-group">
          {g.key !== "total" && <div className="ap-strip-group-label">{g.label}</div>}
          {g.rows.map((r) => {
            const s = r.stat;
            const weak = isBelow(s.value, pass);
            const h = r.dots ? 40 : 26;
            const mid = h / 2;
            return (
              <div key={r.key} className={`ap-strip-row${r.dots ? " ap-strip-total" : ""}`}>
                <span className={`ap-strip-label${weak ? " ap-weak" : ""}`} title={r.label}>
                  {r.label}
                  {r.sub && <small className="muted"> {r.sub}</small>}
                </span>
                <svg className="ap-track" height={h} aria-hidden="true">
                  {ticks.map((v) => (
                    <line key={v} x1={x(v)} x2={x(v)} y1="0" y2={h} className="ap-grid" />
                  ))}
                  {r.dots?.map((d, i) => (
                    <circle
                      // biome-ignore lint/suspicious/noArrayIndexKey: peers are a fixed list; equal totals share a value
                      key={i}
                      cx={x(d)}
                      cy={mid + ((i % 5) - 2) * 4}
                      r="3"
                      className="ap-peer"
                    />
                  ))}
                  {isNum(s.p25) && isNum(s.p75) && (
                    <rect
                      x={x(s.p25)}
                      width={`${(((s.p75 - s.p25) / (hi - lo || 1)) * 94).toFixed(2)}%`}
                      y={mid - 7}
                      height="14"
                      className="ap-band"
                    />
                  )}
                  <line x1={x(pass)} x2={x(pass)} y1="0" y2={h} className="ap-pass" />
                  {isNum(s.median) && (
                    <line x1={x(s.median)} x2={x(s.median)} y1={mid - 10} y2={mid + 10} className="ap-median" />
                  )}
                  {isNum(s.value) &&
                    (weak ? (
                      <svg x={x(s.value)} y={mid} overflow="visible" aria-hidden="true">
                        <path d={markerPath("diamond", 6)} className="ap-self weak" />
                      </svg>
                    ) : (
                      <circle cx={x(s.value)} cy={mid} r="6" className="ap-self" />
                    ))}
                </svg>
                <span className={`ap-strip-value num${weak ? " ap-weak" : ""}`}>
                  {fmtScore(s.value, lang)}
                  {weak && " ⚠"}
                </span>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

// ── peers: the table ────────────────────────────────────────────────────────────────────────────────────────

function PeerTable({ tenant, latest }: { tenant: string; latest: Latest }) {
  const { t, lang } = useT();
  const peers = latest.peers;
  const selfCode = peers.find((p) => p.self)?.code;
  const uniformSize = new Set(peers.map((p) => p.size)).size <= 1;
  const scroller = useRef<HTMLDivElement>(null);
  // Scroll the list (not the page) so that the agency's own row is in view, in the middle of the region.
  useEffect(() => {
    const box = scroller.current;
    const row = selfCode ? box?.querySelector<HTMLElement>(`tr[data-code="${selfCode}"]`) : null;
    if (!box || !row || box.scrollHeight <= box.clientHeight) return;
    const offset = row.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = Math.max(0, offset - box.clientHeight / 2 + row.offsetHeight / 2);
  }, [selfCode]);
  const places = sharedPlaces(peers.map((p) => p.total));
  return (
    <section className="card ap-section" aria-labelledby="ap-peers">
      <h2 id="ap-peers">{t("agencyProfile.peerTableTitle", { n: peers.length })}</h2>
      <p className="hint">{t("agencyProfile.peerTableHint", { year: latest.fiscalYear })}</p>
      {peers.length === 0 ? (
        <Empty />
      ) : (
        <ScrollBox label={t("agencyProfile.scrollRegion")} className="ap-peer-scroll" boxRef={scroller}>
          <table className={`compact ap-table ap-peer-table${uniformSize ? " ap-uniform-size" : ""}`}>
            <caption className="sr-only">{t("agencyProfile.peerTableTitle", { n: peers.length })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("agencyProfile.peerRank")}
                </th>
                <th scope="col" className="ap-code-col">
                  {t("agencyProfile.codeCol")}
                </th>
                <th scope="col">{t("common.name")}</th>
                <th scope="col" className="ap-size-col">
                  {t("common.size")}
                </th>
                <th scope="col" className="num">
                  {t("common.total")}
                </th>
                <th scope="col">{t("common.rating")}</th>
              </tr>
            </thead>
            <tbody>
              {peers.map((p, i) => (
                <tr
                  key={p.code}
                  data-code={p.code}
                  className={p.self ? "ap-self-row" : undefined}
                  aria-current={p.self ? "true" : undefined}
                >
                  <td className="num">{places[i]}</td>
                  <td className="mono ap-code-col">{p.code}</td>
                  <th scope="row" lang="th">
                    {p.self ? (
                      <>
                        <strong>{p.name}</strong>{" "}
                        <span className="badge ap-self-badge" lang={lang}>
                          {t("agencyProfile.self")}
                        </span>
                      </>
                    ) : (
                      <Link to={`/t/${tenant}/agencies/${p.code}`}>{p.name}</Link>
                    )}
                    <small className="mono muted ap-code-inline">{p.code}</small>
                  </th>
                  <td className="ap-size-col">{p.size ? t(`agencyProfile.size_${p.size}`) : "–"}</td>
                  <td className="num">{fmtScore(p.total, lang)}</td>
                  <td>
                    <RatingBadge rating={p.rating?.key} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}

// ── OIT items ───────────────────────────────────────────────────────────────────────────────────────────────

function OitSection({ profile: p, latestYear }: { profile: Profile; latestYear: number | undefined }) {
  const { t, lang } = useT();
  const [params, patch] = useUrlParams();
  const unavailable = new Map(p.oitUnavailable.map((u) => [u.fiscalYear, u.catalogueStatus]));
  const { years, year } = oitYearChoice(
    p.oit.map((o) => o.fiscalYear),
    [...unavailable.keys()],
    params.get("oitYear"),
  );
  const selected = p.oit.find((o) => o.fiscalYear === year);
  const setYear = (y: number) => patch({ oitYear: y });
  const catalogueWords = (status: string) =>
    ["partial", "unknown", "no-framework"].includes(status)
      ? t(`agencyProfile.catalogue_${status}`)
      : t("agencyProfile.catalogue_other", { status });
  const withItems = p.oit.map((o) => o.fiscalYear);

  return (
    <section className="card ap-section" aria-labelledby="ap-oit">
      <div className="ap-section-head">
        <h2 id="ap-oit">
          {t("agencyProfile.oitTitle")}
          {year !== undefined && ` · ${year}`}
        </h2>
        {years.length > 0 && (
          <label className="field no-print">
            {t("agencyProfile.oitYear")}
            <select value={year ?? ""} onChange={(e) => setYear(Number(e.target.value))}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {unavailable.has(y) && !withItems.includes(y) ? t("agencyProfile.unavailableOption", { year: y }) : y}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {years.length === 0 ? (
        <Empty>{t("agencyProfile.oitNone")}</Empty>
      ) : (
        <>
          {latestYear !== undefined && !years.includes(latestYear) && (
            <p className="hint">
              {t("agencyProfile.oitLatestMissing", { year: latestYear, years: withItems.join(", ") || "–" })}
            </p>
          )}
          {selected ? (
            <OitYearView oit={selected} />
          ) : (
            year !== undefined && (
              <p className="notice" role="note">
                <span aria-hidden="true">⚠ </span>
                {t("agencyProfile.oitUnavailable", { year, status: catalogueWords(unavailable.get(year) ?? "") })}
              </p>
            )
          )}
          {lang === "en" && selected && <p className="hint">{t("agencyProfile.thaiOnly")}</p>}
        </>
      )}
    </section>
  );
}

/** An OIT item: its code and title, the sub-indicator it counts towards, and whether its score is missing. */
function OitItemName({ item }: { item: OitYear["items"][number] }) {
  const { t } = useT();
  return (
    <>
      <span className="mono ap-item-code">{item.code}</span> <span lang="th">{item.title}</span>
      <small className="muted ap-item-sub">
        {t("agencyProfile.subIndicator")} {item.subIndicator}
      </small>
      {!item.known && <small className="ap-unknown">{t("agencyProfile.unknown")}</small>}
    </>
  );
}

function OitYearView({ oit }: { oit: OitYear }) {
  const { t, lang } = useT();
  const failed = fixFirst(oit.items);
  const all = [...oit.items].sort((a, b) => compareItemCodes(a.code, b.code));
  return (
    <>
      <p className="ap-line strong">
        {t("agencyProfile.oitPassed", { passed: oit.passed, total: oit.items.length, failed: failed.length })}
      </p>
      <h3>{t("profile.fixFirst")}</h3>
      <p className="hint">{t("agencyProfile.gainHint")}</p>
      {failed.length === 0 ? (
        <p>
          <span aria-hidden="true">✓ </span>
          {t("agencyProfile.allPassed")}
        </p>
      ) : (
        <ScrollX label={`${t("profile.fixFirst")} · ${oit.fiscalYear}`} className="ap-wrap">
          <table className="compact ap-table ap-oit-table">
            <caption className="sr-only">
              {t("profile.fixFirst")} · {oit.fiscalYear}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">{t("agencyProfile.colItem")}</th>
                <th scope="col" className="num">
                  {t("profile.gain")}
                </th>
              </tr>
            </thead>
            <tbody>
              {failed.map((i, n) => (
                <tr key={i.code}>
                  <td className="num">{n + 1}</td>
                  <th scope="row">
                    <OitItemName item={i} />
                  </th>
                  <td className="num strong">+{fmtScore(i.gain, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollX>
      )}
      <details className="ap-details">
        <summary>{t("agencyProfile.allItems", { n: all.length })}</summary>
        <ScrollX label={`${t("agencyProfile.oitTitle")} · ${oit.fiscalYear}`} className="ap-wrap">
          <table className="compact ap-table ap-oit-table">
            <caption className="sr-only">
              {t("agencyProfile.oitTitle")} · {oit.fiscalYear}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("agencyProfile.colItem")}</th>
                <th scope="col">{t("agencyProfile.result")}</th>
                <th scope="col" className="num">
                  {t("profile.gain")}
                </th>
              </tr>
            </thead>
            <tbody>
              {all.map((i) => (
                <tr key={i.code}>
                  <th scope="row">
                    <OitItemName item={i} />
                  </th>
                  <td>
                    {i.passed ? (
                      <span className="ap-ok">
                        <span aria-hidden="true">✓ </span>
                        {t("profile.passed")}
                      </span>
                    ) : (
                      <span className="ap-weak">
                        <span aria-hidden="true">✗ </span>
                        {t("profile.failed")}
                      </span>
                    )}
                  </td>
                  <td className="num">{i.passed ? "–" : `+${fmtScore(i.gain, lang)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollX>
      </details>
    </>
  );
}

// ── results by year ─────────────────────────────────────────────────────────────────────────────────────────

function HistoryTable({ years, frameworks }: { years: YearResult[]; frameworks: Map<number, Framework> }) {
  const { t, lang } = useT();
  const hasParts = years.some((y) => isNum(y.eitPart1) || isNum(y.eitPart2));
  const rows = [...years].reverse();
  const anyDerived = years.some((y) => y.rating?.derived);
  const passOf = (y: number) => frameworks.get(y)?.passMark ?? DEFAULT_PASS;
  const indName = (n: number): string | undefined => {
    for (const y of rows) {
      const name = frameworks.get(y.fiscalYear)?.indicators?.find((i) => i.number === n)?.name[lang];
      if (name) return name;
    }
    return undefined;
  };
  const cols: { key: string; head: ReactNode; title?: string; cell: (y: YearResult) => ReactNode }[] = [
    ...TOOLS.flatMap((tool) => {
      const main = {
        key: tool,
        head: toolLabel(tool),
        cell: (y: YearResult) => <Score value={y[tool]} pass={passOf(y.fiscalYear)} />,
      };
      if (tool !== "eit" || !hasParts) return [main];
      return [
        main,
        {
          key: "eit1",
          head: t("agencyProfile.eit1"),
          cell: (y: YearResult) => <span className="muted">{fmtScore(y.eitPart1, lang)}</span>,
        },
        {
          key: "eit2",
          head: t("agencyProfile.eit2"),
          cell: (y: YearResult) => <span className="muted">{fmtScore(y.eitPart2, lang)}</span>,
        },
      ];
    }),
    ...INDICATORS.map((n) => ({
      key: `ind${n}`,
      title: indName(n),
      head: (
        <>
          <span className="sr-only">{t("agencyProfile.indicatorN", { n })}</span>
          <span aria-hidden="true">{n}</span>
        </>
      ),
      cell: (y: YearResult) => <Score value={y.indicators[String(n)]} pass={passOf(y.fiscalYear)} />,
    })),
  ];
  return (
    <section className="card ap-section" aria-labelledby="ap-history">
      <h2 id="ap-history">{t("profile.history")}</h2>
      <p className="hint">{t("agencyProfile.historyHint", { pass: DEFAULT_PASS })}</p>
      <ScrollBox label={t("agencyProfile.historyScroll")} className="ap-history">
        <table className="compact ap-table">
          <caption className="sr-only">{t("profile.history")}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="ap-sticky">
                {t("common.year")}
              </th>
              <th scope="colgroup" colSpan={hasParts ? 5 : 3} className="ap-colgroup">
                {t("profile.tools")}
              </th>
              <th scope="colgroup" colSpan={10} className="ap-colgroup">
                {t("agencyProfile.groupIndicators")}
              </th>
              <th scope="col" rowSpan={2} className="num">
                {t("common.total")}
              </th>
              <th scope="col" rowSpan={2} className="num">
                {t("common.change")}
              </th>
              <th scope="col" rowSpan={2}>
                {t("common.rating")}
              </th>
              <th scope="col" rowSpan={2} className="num">
                {t("common.rank")}
              </th>
            </tr>
            <tr>
              {cols.map((c) => (
                <th key={c.key} scope="col" className="num" title={c.title}>
                  {c.head}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((y) => (
              <tr key={y.fiscalYear}>
                <th scope="row" className="ap-sticky">
                  {y.fiscalYear}
                </th>
                {cols.map((c) => (
                  <td key={c.key} className="num">
                    {c.cell(y)}
                  </td>
                ))}
                <td className="num">
                  <Score value={y.total} pass={passOf(y.fiscalYear)} strong />
                </td>
                <td className="num">
                  <Delta value={y.delta} />
                </td>
                <td>
                  <RatingBadge rating={y.rating?.key} />
                  {y.rating?.derived && (
                    <span className="ap-derived">
                      <span aria-hidden="true">*</span>
                      <span className="sr-only">{t("agencyProfile.derived")}</span>
                    </span>
                  )}
                </td>
                <td className="num">
                  {y.rank !== null ? t("agencyProfile.rankOfShort", { rank: y.rank, n: y.ranked }) : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {anyDerived && <p className="hint">{t("agencyProfile.derivedNote")}</p>}
    </section>
  );
}
