// One agency's disclosure readiness: the cycle, a projection card (projected OIT, indicators 9 and 10, total and
// rating, points still open, what to fix first), items grouped by sub-indicator with their editors, and a link
// check. Agency users see only their own agency; executives see the board's summary (the API gives them no
// drafts or notes).
import { useMutation } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { Link, useParams } from "react-router";
import { apiSend } from "../api/client";
import { useAgencyDisclosures, useDisclosureBoard, useSelectedCycle, useYears } from "../api/hooks";
import type { AgencyDisclosures, DisclosureCycle, DisclosureStatus, LinkCheckRun } from "../api/types";
import { useUrlParams } from "../api/url";
import { RatingBadge } from "../components/RatingBadge";
import { Empty, ErrorState, Loading } from "../components/States";
import { fmtPercent, fmtScore } from "../format";
import { useT } from "../i18n";
import { ItemCard } from "./DisclosureItem";
import {
  CycleSelect,
  Deadlines,
  StandInNotice,
  StatusBadge,
  StatusChips,
  useInvalidateDisclosures,
  useMember,
} from "./DisclosureKit";
import {
  canEdit,
  canReview,
  countStatuses,
  filterRecords,
  fixFirst,
  groupBySubIndicator,
  parseStatusFilter,
  type Role,
  STATUSES,
} from "./disclosure-logic";
import { ErrorLine, NoAccess, statusOf } from "./page-kit";

export default function DisclosureAgency() {
  const { tenant = "", code = "" } = useParams();
  const member = useMember(tenant);
  if (!member) return <Loading />;
  // The API refuses another agency's records (403); the page does not even ask.
  if (member.role === "agency" && member.agencyCode !== code)
    return <OtherAgency tenant={tenant} own={member.agencyCode} />;
  if (member.role === "executive") return <ExecutiveSummary tenant={tenant} code={code} />;
  return <AgencyPage tenant={tenant} code={code} role={member.role} myAgency={member.agencyCode} />;
}

function OtherAgency({ tenant, own }: { tenant: string; own: string | null | undefined }) {
  const { t } = useT();
  return (
    <article className="page dsc-agency">
      <h1>{t("disclosure.title")}</h1>
      <NoAccess what={t("disclosure.noAccessOther")} />
      {own && (
        <p className="dsc-own-link">
          <Link to={`/t/${tenant}/disclosure/${own}`}>{t("disclosure.ownPage")}</Link>
        </p>
      )}
    </article>
  );
}

/** The cycle part of the page head: which cycle, the stand-in label, deadlines, the picker. */
function CycleHead({
  cycle,
  cycles,
  setYear,
}: {
  cycle: AgencyDisclosures["cycle"];
  cycles: DisclosureCycle[];
  setYear: (y: number) => void;
}) {
  const { t } = useT();
  return (
    <>
      <p className="muted dsc-sub">
        {t("disclosure.cycleOf", { year: cycle.fiscalYear })} ·{" "}
        {t("disclosure.catalogue", { catalogue: cycle.catalogueYear, items: cycle.items })}
      </p>
      <StandInNotice cycle={cycle} />
      {cycles.length > 1 && (
        <div className="filters">
          <CycleSelect cycles={cycles} value={cycle.fiscalYear} onChange={setYear} />
        </div>
      )}
    </>
  );
}

function AgencyPage({
  tenant,
  code,
  role,
  myAgency,
}: {
  tenant: string;
  code: string;
  role: Role;
  myAgency: string | null | undefined;
}) {
  const { t, lang } = useT();
  const [params, patch] = useUrlParams();
  const { cycles, cycle, setYear } = useSelectedCycle(tenant);
  const year = cycle?.fiscalYear;
  const data = useAgencyDisclosures(tenant, code, year);
  const openItem = params.get("item");
  const filter = parseStatusFilter(params.get("status"));
  const set = (key: string, value: string | null) => patch({ [key]: value });
  const records = data.data?.records;
  const groups = useMemo(
    () => groupBySubIndicator(filterRecords(records ?? [], filter, openItem)),
    [records, filter, openItem],
  );
  // An item opened from a link (or the fix-first list) is scrolled into view once it is on the page.
  const loaded = records !== undefined;
  useEffect(() => {
    if (openItem && loaded) document.getElementById(`item-${openItem}`)?.scrollIntoView?.({ block: "start" });
  }, [openItem, loaded]);

  if (cycles.isPending) return <Loading />;
  if (cycles.isError) return <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />;
  if (!cycle || year === undefined) return <Empty>{t("disclosure.noCycle")}</Empty>;
  if (data.isPending) return <Loading />;
  if (data.isError)
    return statusOf(data.error) === 403 ? (
      <OtherAgency tenant={tenant} own={myAgency} />
    ) : (
      <ErrorState error={data.error} onRetry={() => data.refetch()} />
    );
  const d = data.data;
  const editable = canEdit(role, myAgency, code);
  const reviewer = canReview(role);
  const shown = groups.reduce((n, g) => n + g.items.length, 0);
  const subNames = new Map(d.projection.subIndicators.map((s) => [s.code, s]));

  return (
    <article className="page dsc-agency">
      <div className="page-head">
        <h1>
          {t("disclosure.agencyTitle")} · {d.agencyName}
        </h1>
        {role !== "agency" && <Link to={`/t/${tenant}/disclosure?year=${year}`}>← {t("disclosure.back")}</Link>}
      </div>
      <p className="muted dsc-sub">
        {d.agencyCode}
        {d.website && (
          <>
            {" · "}
            {t("disclosure.website")}:{" "}
            <a href={d.website} target="_blank" rel="noreferrer noopener">
              {d.website}
            </a>
          </>
        )}
      </p>
      <CycleHead cycle={d.cycle} cycles={cycles.data.cycles} setYear={setYear} />
      {(d.overdue.submit || d.overdue.review) && (
        <ul className="dsc-overdue-flags">
          {d.overdue.submit && (
            <li className="notice">
              <span aria-hidden="true">⚠ </span>
              {t("disclosure.overdueSubmitAgency")}
            </li>
          )}
          {d.overdue.review && (
            <li className="notice">
              <span aria-hidden="true">⚠ </span>
              {t("disclosure.overdueReviewAgency")}
            </li>
          )}
        </ul>
      )}
      <div className="dsc-top">
        <Projection
          d={d}
          itemHref={(item) => {
            const p = new URLSearchParams(params);
            p.set("item", item);
            return `?${p.toString()}`;
          }}
        />
        <div className="dsc-side">
          <section className="card">
            <h2>{t("disclosure.statusCounts")}</h2>
            <StatusChips counts={d.counts} />
            {editable && <LinkCheckButton tenant={tenant} code={code} year={year} />}
          </section>
          <Deadlines key={`${d.cycle.submitBy}:${d.cycle.reviewBy}`} tenant={tenant} cycle={d.cycle} editable={false} />
        </div>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          {t("disclosure.filterStatus")}
          <select value={filter} onChange={(e) => set("status", e.target.value)}>
            <option value="">{t("disclosure.allItems")}</option>
            <option value="open">{t("disclosure.openItems")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`disclosure.status.${s}`)} ({d.counts[s]})
              </option>
            ))}
          </select>
        </label>
        <p className="count" aria-live="polite">
          {t("disclosure.shown", { count: shown, total: d.records.length })}
        </p>
      </form>
      {groups.length === 0 ? (
        <Empty />
      ) : (
        groups.map((g) => {
          const sub = subNames.get(g.subIndicator);
          return (
            <section key={g.subIndicator} className="dsc-group" aria-labelledby={`grp-${g.subIndicator}`}>
              <h2 id={`grp-${g.subIndicator}`}>
                {g.subIndicator} {sub?.name ?? ""}
              </h2>
              {sub && (
                <p className="muted dsc-group-sum">
                  {t("disclosure.groupSummary", {
                    passed: sub.passed,
                    total: sub.total,
                    score: fmtScore(sub.score, lang),
                  })}
                </p>
              )}
              <ul className="dsc-items">
                {g.items.map((r) => (
                  <ItemCard
                    key={r.itemCode}
                    tenant={tenant}
                    code={code}
                    year={year}
                    record={r}
                    editable={editable}
                    reviewer={reviewer}
                    open={openItem === r.itemCode}
                    onToggle={() => set("item", openItem === r.itemCode ? null : r.itemCode)}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </article>
  );
}

/** Projected OIT, indicators 9 and 10, projected total and rating on the latest IIT/EIT, what to fix first. */
function Projection({ d, itemHref }: { d: AgencyDisclosures; itemHref: (item: string) => string }) {
  const { t, lang } = useT();
  const p = d.projection;
  const first = fixFirst(p.open, 8);
  return (
    <section className="card dsc-projection" aria-labelledby="dsc-proj-h">
      <h2 id="dsc-proj-h">{t("disclosure.projection")}</h2>
      <p className="hint">{t("disclosure.projectionHint")}</p>
      <div className="dsc-proj-main">
        <div className="kpi">
          <span className="kpi-label">{t("disclosure.projectedTotal")}</span>
          <span className="kpi-value" data-testid="projected-total">
            {fmtScore(p.total, lang)}
          </span>
          <RatingBadge rating={p.rating?.key} />
        </div>
        <dl className="dsc-dl dsc-proj-dl">
          <dt>{t("disclosure.projectedOit")}</dt>
          <dd className="num">{fmtScore(p.oit, lang)}</dd>
          <dt>{t("disclosure.indicator9")}</dt>
          <dd className="num">{fmtScore(p.indicators[9], lang)}</dd>
          <dt>{t("disclosure.indicator10")}</dt>
          <dd className="num">{fmtScore(p.indicators[10], lang)}</dd>
          <dt>{t("disclosure.openPoints")}</dt>
          <dd className="num strong" data-testid="open-points">
            {fmtScore(p.openPoints, lang)}
          </dd>
        </dl>
      </div>
      <p className="muted">
        {p.basis
          ? t("disclosure.basis", {
              iit: fmtScore(p.basis.iit, lang),
              eit: fmtScore(p.basis.eit, lang),
              year: p.basis.fiscalYear,
            })
          : t("disclosure.noBasis")}
      </p>
      <h3>{t("disclosure.fixFirst")}</h3>
      {first.length === 0 ? (
        <p className="muted">{t("disclosure.allApproved")}</p>
      ) : (
        <ol className="dsc-fix-first">
          {first.map((o) => (
            <li key={o.itemCode}>
              <Link to={itemHref(o.itemCode)} replace>
                <span className="dsc-code">{o.itemCode}</span> {o.title}
              </Link>{" "}
              <span className="dsc-gain">{t("disclosure.gain", { gain: fmtScore(o.gain, lang) })}</span>{" "}
              <StatusBadge status={o.status} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function LinkCheckButton({ tenant, code, year }: { tenant: string; code: string; year: number }) {
  const { t } = useT();
  const invalidate = useInvalidateDisclosures(tenant);
  // The demo's agency sites are made-up .example domains: say so before anyone reads 86 broken links as a bug.
  const synthetic = useYears(tenant).data?.tenant.synthetic ?? false;
  const run = useMutation({
    mutationFn: () =>
      apiSend<LinkCheckRun>("POST", `/api/tenants/${tenant}/agencies/${code}/disclosures/${year}/link-check`),
    onSuccess: () => invalidate(),
  });
  return (
    <div className="dsc-linkcheck">
      <button type="button" onClick={() => run.mutate()} disabled={run.isPending} aria-busy={run.isPending}>
        {run.isPending ? t("disclosure.checkingLinks") : t("disclosure.checkLinks")}
      </button>
      {run.isError && <ErrorLine error={run.error} />}
      {synthetic && <p className="muted dsc-demo-links">{t("disclosure.demoLinks")}</p>}
      <p className="hint" role="status">
        {run.data ? t("disclosure.linksChecked", { checked: run.data.checked, broken: run.data.broken }) : ""}
      </p>
    </div>
  );
}

/** An executive's view of one agency: what the province board knows (statuses, projection), read-only. */
function ExecutiveSummary({ tenant, code }: { tenant: string; code: string }) {
  const { t, lang } = useT();
  const { cycles, cycle, setYear } = useSelectedCycle(tenant);
  const board = useDisclosureBoard(tenant, cycle?.fiscalYear);
  if (cycles.isPending) return <Loading />;
  if (cycles.isError) return <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />;
  if (!cycle) return <Empty>{t("disclosure.noCycle")}</Empty>;
  if (board.isPending) return <Loading />;
  if (board.isError) return <ErrorState error={board.error} onRetry={() => board.refetch()} />;
  const a = board.data.agencies.find((x) => x.agencyCode === code);
  if (!a) return <Empty>{t("disclosure.notOnBoard")}</Empty>;
  const broken = new Set(a.brokenItems);
  const items = board.data.items.map((it, i) => ({
    ...it,
    itemCode: it.code,
    status: (a.statuses[i] ?? "not_started") as DisclosureStatus,
  }));
  const groups = groupBySubIndicator(items);
  const first = fixFirst(items, 8);
  return (
    <article className="page dsc-agency">
      <div className="page-head">
        <h1>
          {t("disclosure.agencyTitle")} · {a.name}
        </h1>
        <Link to={`/t/${tenant}/disclosure?year=${cycle.fiscalYear}`}>← {t("disclosure.back")}</Link>
      </div>
      <p className="muted dsc-sub">{a.agencyCode}</p>
      <CycleHead cycle={cycle} cycles={cycles.data.cycles} setYear={setYear} />
      <p className="hint dsc-summary-only" role="note">
        {t("disclosure.summaryOnly")}
      </p>
      <div className="dsc-top">
        <section className="card dsc-projection">
          <h2>{t("disclosure.projection")}</h2>
          <div className="dsc-proj-main">
            <div className="kpi">
              <span className="kpi-label">{t("disclosure.projectedTotal")}</span>
              <span className="kpi-value">{fmtScore(a.projectedTotal, lang)}</span>
              <RatingBadge rating={a.projectedRating} />
            </div>
            <dl className="dsc-dl dsc-proj-dl">
              <dt>{t("disclosure.projectedOit")}</dt>
              <dd className="num">{fmtScore(a.projectedOit, lang)}</dd>
              <dt>{t("disclosure.openPoints")}</dt>
              <dd className="num strong">{fmtScore(a.openPoints, lang)}</dd>
              <dt>{t("disclosure.progress")}</dt>
              <dd className="num">{fmtPercent(a.approvedShare, lang)}</dd>
            </dl>
          </div>
          <h3>{t("disclosure.fixFirst")}</h3>
          {first.length === 0 ? (
            <p className="muted">{t("disclosure.allApproved")}</p>
          ) : (
            <ol className="dsc-fix-first">
              {first.map((o) => (
                <li key={o.code}>
                  <span className="dsc-code">{o.code}</span> {o.title}{" "}
                  <span className="dsc-gain">{t("disclosure.gain", { gain: fmtScore(o.gain, lang) })}</span>{" "}
                  <StatusBadge status={o.status} />
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="card">
          <h2>{t("disclosure.statusCounts")}</h2>
          <StatusChips counts={countStatuses(items.map((i) => i.status))} />
        </section>
      </div>
      {groups.map((g) => (
        <section key={g.subIndicator} className="dsc-group">
          <h2>{g.subIndicator}</h2>
          <ul className="dsc-items">
            {g.items.map((it) => (
              <li key={it.code} className={`dsc-item st-border-${it.status}`}>
                <div className="dsc-item-head">
                  <h3>
                    <span className="dsc-code">{it.code}</span> {it.title}
                  </h3>
                  <div className="dsc-item-tags">
                    <span className="dsc-gain">{t("disclosure.gain", { gain: fmtScore(it.gain, lang) })}</span>
                    <StatusBadge status={it.status} />
                    {broken.has(it.code) && (
                      <span className="badge dsc-broken">
                        <span aria-hidden="true">⚠</span> {t("disclosure.broken")}
                      </span>
                    )}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
