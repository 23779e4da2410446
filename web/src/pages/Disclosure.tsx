// The province board of disclosure readiness: the cycle (stand-in label, deadlines), items per status, overdue
// agencies, and agencies × items (virtualised rows, sticky header and first column), sortable and filterable
// with everything in the URL. An agency user is sent to its own agency's page.
import { useMemo } from "react";
import { Link, Navigate, useLocation, useParams } from "react-router";
import { qs } from "../api/client";
import { useAgencyList, useDisclosureBoard, useSelectedCycle } from "../api/hooks";
import type { DisclosureBoard } from "../api/types";
import { useUrlParams } from "../api/url";
import { FilterSelect, plainOptions } from "../components/FilterSelect";
import { RatingBadge } from "../components/RatingBadge";
import { Empty, ErrorState, Loading, NoMatch } from "../components/States";
import { VirtualTable } from "../components/VirtualTable";
import { fmtPercent, fmtScore, thaiCollator } from "../format";
import { useT } from "../i18n";
import { CycleSelect, Deadlines, Legend, StandInNotice, StatusChips, useMember } from "./DisclosureKit";
import {
  type BoardSort,
  boardQuery,
  boardViewFrom,
  defaultDir,
  nextSort,
  STATUS_MARK,
  shortName,
} from "./disclosure-logic";
import { NoAccess, statusOf } from "./page-kit";

const TYPES = ["pao", "city", "town", "subdistrict", "sao", "other"] as const;
const ROW_HEIGHT = 36;

export default function Disclosure() {
  const { tenant = "" } = useParams();
  const location = useLocation();
  const member = useMember(tenant);
  if (member?.role === "agency") {
    // An agency has one page: its own (the board is for the province's staff).
    if (member.agencyCode)
      return <Navigate to={`/t/${tenant}/disclosure/${member.agencyCode}${location.search}`} replace />;
    return <NoAgency />;
  }
  return <Board tenant={tenant} isAdmin={member?.role === "admin"} />;
}

function NoAgency() {
  const { t } = useT();
  return <NoAccess what={t("disclosure.noAgency")} />;
}

function Board({ tenant, isAdmin }: { tenant: string; isAdmin: boolean }) {
  const { t, lang } = useT();
  const [params, set] = useUrlParams();
  const { cycles, cycle, setYear } = useSelectedCycle(tenant);
  const view = boardViewFrom(params);
  const query = boardQuery(view);
  const year = cycle?.fiscalYear;
  const board = useDisclosureBoard(tenant, year, query);
  const agencies = useAgencyList(tenant);
  const districts = useMemo(
    () =>
      [...new Set((agencies.data ?? []).map((a) => a.district).filter((d): d is string => !!d))].sort(
        thaiCollator.compare,
      ),
    [agencies.data],
  );

  if (cycles.isPending) return <Loading />;
  if (cycles.isError) return <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />;
  if (!cycle) return <Empty>{t("disclosure.noCycle")}</Empty>;
  const csvHref = `/api/tenants/${tenant}/disclosures/${cycle.fiscalYear}/board${qs({ ...query, format: "csv" })}`;

  return (
    <article className="page dsc-board">
      <div className="page-head">
        <h1>
          {t("disclosure.boardTitle")} · {cycle.fiscalYear}
        </h1>
        <a className="button" href={csvHref} download>
          {t("disclosure.exportCsv")}
        </a>
      </div>
      <p className="muted dsc-sub">
        {t("disclosure.cycleOf", { year: cycle.fiscalYear })} ·{" "}
        {t("disclosure.catalogue", { catalogue: cycle.catalogueYear, items: cycle.items })}
      </p>
      <StandInNotice cycle={cycle} />
      <div className="dsc-top">
        {/* Keyed by the cycle only: new dates must not remount it, or its "saved" line vanishes with the refetch. */}
        <Deadlines key={cycle.fiscalYear} tenant={tenant} cycle={cycle} editable={isAdmin}>
          {board.data && <Overdue tenant={tenant} board={board.data} />}
        </Deadlines>
        <section className="card dsc-counts-card">
          <h2>{t("disclosure.statusCounts")}</h2>
          <StatusChips counts={board.data?.counts ?? cycle.counts} />
        </section>
      </div>
      {board.isPending ? (
        <Loading />
      ) : board.isError ? (
        statusOf(board.error) === 403 ? (
          <NoAccess />
        ) : (
          <ErrorState error={board.error} onRetry={() => board.refetch()} />
        )
      ) : (
        <>
          <form className="filters" onSubmit={(e) => e.preventDefault()}>
            {cycles.data.cycles.length > 1 && (
              <CycleSelect cycles={cycles.data.cycles} value={cycle.fiscalYear} onChange={setYear} />
            )}
            <FilterSelect
              label={t("common.type")}
              value={view.type}
              options={TYPES.map((k) => ({ value: k, label: t(`types.${k}`) }))}
              onChange={(type) => set({ type })}
            />
            <FilterSelect
              label={t("common.district")}
              value={view.district}
              options={plainOptions(districts)}
              onChange={(district) => set({ district })}
            />
            <FilterSelect
              label={t("disclosure.overdue")}
              value={view.overdue}
              options={[
                { value: "submit", label: t("disclosure.overdueSubmitOnly") },
                { value: "review", label: t("disclosure.overdueReviewOnly") },
                { value: "any", label: t("disclosure.overdueAny") },
              ]}
              onChange={(overdue) => set({ overdue })}
            />
            <label className="field">
              {t("disclosure.sort")}
              <select
                value={view.sort}
                onChange={(e) => {
                  const s = e.target.value as BoardSort;
                  set({ sort: s, dir: defaultDir(s) });
                }}
              >
                {(["projected", "open", "progress", "name", "code"] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`disclosure.sortBy.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              {t("disclosure.dir")}
              <select value={view.dir} onChange={(e) => set({ dir: e.target.value })}>
                <option value="desc">{t("disclosure.desc")}</option>
                <option value="asc">{t("disclosure.asc")}</option>
              </select>
            </label>
          </form>
          <Legend overdue />
          <BoardTable
            tenant={tenant}
            board={board.data}
            sort={view.sort}
            dir={view.dir}
            onSort={(s) => set(nextSort(view, s))}
            fetching={board.isFetching}
            lang={lang}
            onClearFilters={
              view.type || view.district || view.overdue
                ? () => set({ type: "", district: "", overdue: "" })
                : undefined
            }
          />
        </>
      )}
    </article>
  );
}

/** Agencies past a deadline, by deadline, each linking to its page. */
function Overdue({ tenant, board }: { tenant: string; board: DisclosureBoard }) {
  const { t } = useT();
  const names = new Map(board.agencies.map((a) => [a.agencyCode, a.name]));
  const year = board.cycle.fiscalYear;
  const list = (codes: string[]) => (
    <ul className="dsc-overdue-list">
      {codes.map((c) => (
        <li key={c}>
          <Link to={`/t/${tenant}/disclosure/${c}?year=${year}`}>{names.get(c) ?? c}</Link>
        </li>
      ))}
    </ul>
  );
  const { submit, review } = board.overdue;
  return (
    <section className="dsc-overdue" aria-labelledby="dsc-overdue-h">
      <h3 id="dsc-overdue-h">{t("disclosure.overdueTitle")}</h3>
      {submit.length === 0 && review.length === 0 ? (
        <p className="muted">{t("disclosure.noOverdue")}</p>
      ) : (
        <>
          {submit.length > 0 && (
            <details>
              <summary>{t("disclosure.overdueSubmit", { count: submit.length })}</summary>
              {list(submit)}
            </details>
          )}
          {review.length > 0 && (
            <details>
              <summary>{t("disclosure.overdueReview", { count: review.length })}</summary>
              {list(review)}
            </details>
          )}
        </>
      )}
    </section>
  );
}

function BoardTable({
  tenant,
  board,
  sort,
  dir,
  onSort,
  fetching,
  lang,
  onClearFilters,
}: {
  tenant: string;
  board: DisclosureBoard;
  sort: BoardSort;
  dir: "asc" | "desc";
  onSort: (s: BoardSort) => void;
  fetching: boolean;
  lang: "th" | "en";
  /** Set when filters are on: an empty board then means "nothing matches", with a way back. */
  onClearFilters?: (() => void) | undefined;
}) {
  const { t } = useT();
  const { items, agencies } = board;
  const year = board.cycle.fiscalYear;
  // A line between sub-indicators helps the eye along 43 narrow columns.
  const groupStart = useMemo(
    () =>
      new Set(items.filter((it, i) => i === 0 || items[i - 1]?.subIndicator !== it.subIndicator).map((it) => it.code)),
    [items],
  );
  const statusText = useMemo(
    () =>
      Object.fromEntries(
        (["not_started", "in_progress", "submitted", "needs_fix", "approved"] as const).map((s) => [
          s,
          t(`disclosure.status.${s}`),
        ]),
      ),
    [t],
  );
  if (agencies.length === 0) return onClearFilters ? <NoMatch onClear={onClearFilters} /> : <Empty />;
  const columns = `var(--dsc-name-col) 5.25rem 6.75rem 4.75rem 6rem repeat(${items.length}, 2.1rem)`;
  const sortHeader = (key: BoardSort, label: string, className = "num") => (
    <th
      scope="col"
      className={className}
      aria-sort={sort === key ? (dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <button type="button" onClick={() => onSort(key)}>
        {label}
        {sort === key ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </button>
    </th>
  );
  return (
    <>
      <p className="count" aria-live="polite" aria-busy={fetching}>
        {t("disclosure.agencies", { count: agencies.length })} · {t("disclosure.boardHint")}
      </p>
      <VirtualTable
        label={t("disclosure.board")}
        className="dsc-grid"
        columns={columns}
        count={agencies.length}
        rowHeight={ROW_HEIGHT}
        maxHeight="72vh"
        rowKey={(i) => agencies[i]?.agencyCode ?? String(i)}
        rowClass={(i) => (agencies[i]?.overdueSubmit || agencies[i]?.overdueReview ? "dsc-row-overdue" : undefined)}
        header={
          <>
            {sortHeader("name", t("common.name"), "sticky-col")}
            {sortHeader("projected", t("disclosure.projectedShort"))}
            <th scope="col">{t("common.rating")}</th>
            {sortHeader("open", t("disclosure.open"))}
            {sortHeader("progress", t("disclosure.progress"))}
            {items.map((it) => (
              <th
                key={it.code}
                scope="col"
                className={`dsc-item-h ${groupStart.has(it.code) ? "group-start" : ""}`}
                title={`${it.code} ${it.title} (${it.subIndicator}, +${fmtScore(it.gain, lang)})`}
              >
                <abbr title={it.title}>{it.code}</abbr>
              </th>
            ))}
          </>
        }
        row={(i) => {
          const a = agencies[i];
          if (!a) return null;
          const broken = new Set(a.brokenItems);
          return (
            <>
              <th scope="row" className="sticky-col dsc-name">
                <Link to={`/t/${tenant}/disclosure/${a.agencyCode}?year=${year}`} title={a.name}>
                  {/* One of the two shows (CSS by width); the hidden one is out of the accessibility tree too. */}
                  <span className="dsc-full">{a.name}</span>
                  <span className="dsc-short">{shortName(a.name)}</span>
                </Link>
                {(a.overdueSubmit || a.overdueReview) && (
                  <span className="dsc-overdue-tag" title={t("disclosure.overdue")}>
                    <span aria-hidden="true">!</span>
                    <span className="sr-only">{t("disclosure.overdue")}</span>
                  </span>
                )}
              </th>
              <td className="num strong">{fmtScore(a.projectedTotal, lang)}</td>
              <td>
                <RatingBadge rating={a.projectedRating} />
              </td>
              <td className="num">{fmtScore(a.openPoints, lang)}</td>
              <td className="num">{fmtPercent(a.approvedShare, lang)}</td>
              {a.statuses.map((s, k) => {
                const it = items[k];
                if (!it) return null;
                const isBroken = broken.has(it.code);
                const label = `${t("disclosure.cell", { code: it.code, title: it.title, status: statusText[s] })}${isBroken ? ` · ${t("disclosure.broken")}` : ""}`;
                return (
                  <td
                    key={it.code}
                    className={`dsc-cell st-${s} ${isBroken ? "broken" : ""} ${groupStart.has(it.code) ? "group-start" : ""}`}
                    title={label}
                    aria-label={label}
                  >
                    <span aria-hidden="true">
                      {STATUS_MARK[s]}
                      {isBroken && <sup>⚠</sup>}
                    </span>
                  </td>
                );
              })}
            </>
          );
        }}
      />
    </>
  );
}
