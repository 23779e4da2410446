// Pieces both Disclosure pages use: the member's role, status marks and badges, the cycle header (stand-in
// label, deadlines — editable by an admin) and the cycle picker.
import "./disclosure-i18n";
import "./Disclosure.css";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { apiSend } from "../api/client";
import type { AgencyDisclosures, DisclosureCycle, DisclosureStatus, Membership } from "../api/types";

type CycleInfo = AgencyDisclosures["cycle"];

import { useT } from "../i18n";
import { useSession } from "../session";
import { daysUntil, fmtDay, STATUS_MARK, STATUSES, type StatusCounts } from "./disclosure-logic";
import { ErrorLine } from "./page-kit";

export function useMember(tenant: string): Membership | undefined {
  return useSession().data?.memberships.find((m) => m.tenant === tenant);
}

/** After a write every disclosure view of the tenant may have changed (records, board, counts). */
export function useInvalidateDisclosures(tenant: string) {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({
      predicate: (q) =>
        typeof q.queryKey[0] === "string" &&
        /^(disclosure|agency-disclosures)/.test(q.queryKey[0]) &&
        q.queryKey[1] === tenant,
    });
}

/** A status as mark + words, coloured (the colour is never the only signal). */
export function StatusBadge({ status }: { status: DisclosureStatus }) {
  const { t } = useT();
  return (
    <span className={`badge dsc-badge st-${status}`}>
      <span aria-hidden="true">{STATUS_MARK[status]}</span> {t(`disclosure.status.${status}`)}
    </span>
  );
}

export function Legend({ overdue = false }: { overdue?: boolean }) {
  const { t } = useT();
  return (
    <div className="dsc-legend">
      <strong id="dsc-legend-h">{t("disclosure.legend")}:</strong>
      <ul aria-labelledby="dsc-legend-h">
        {STATUSES.map((s) => (
          <li key={s}>
            <span className={`dsc-mark st-${s}`} aria-hidden="true">
              {STATUS_MARK[s]}
            </span>{" "}
            {t(`disclosure.status.${s}`)}
          </li>
        ))}
        <li>
          <span className="dsc-mark dsc-broken-sample" aria-hidden="true">
            ⚠
          </span>{" "}
          {t("disclosure.brokenMark")}
        </li>
        {overdue && (
          <li>
            <span className="dsc-overdue-tag" aria-hidden="true">
              !
            </span>{" "}
            {t("disclosure.overdueMark")}
          </li>
        )}
      </ul>
    </div>
  );
}

/** Items per status with their share, as chips (mark + words + number). */
export function StatusChips({ counts, label }: { counts: StatusCounts; label?: string }) {
  const { t, lang } = useT();
  const total = STATUSES.reduce((s, k) => s + counts[k], 0);
  const pct = new Intl.NumberFormat(lang === "th" ? "th-TH" : "en-GB", { style: "percent", maximumFractionDigits: 0 });
  return (
    <ul className="dsc-chips" aria-label={label ?? t("disclosure.statusCounts")}>
      {STATUSES.map((s) => (
        <li key={s} className={`dsc-chip st-${s}`}>
          <span className="dsc-chip-label">
            <span aria-hidden="true">{STATUS_MARK[s]}</span> {t(`disclosure.status.${s}`)}
          </span>
          <span className="dsc-chip-value">{counts[s].toLocaleString(lang === "th" ? "th-TH" : "en-GB")}</span>
          {total > 0 && (
            <span className="dsc-chip-share">{t("disclosure.ofAll", { share: pct.format(counts[s] / total) })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Picks the cycle (fiscal year) when the tenant has more than one. */
export function CycleSelect({
  cycles,
  value,
  onChange,
}: {
  cycles: DisclosureCycle[];
  value: number | undefined;
  onChange: (year: number) => void;
}) {
  const { t } = useT();
  return (
    <label className="field">
      {t("disclosure.cycle")}
      <select value={value ?? ""} onChange={(e) => onChange(Number(e.target.value))}>
        {cycles.map((c) => (
          <option key={c.fiscalYear} value={c.fiscalYear}>
            {c.fiscalYear}
            {c.standIn ? ` (${t("disclosure.standInShort", { catalogue: c.catalogueYear })})` : ""}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The stand-in label: shown wherever the cycle is, because the items and points may still change. */
export function StandInNotice({ cycle }: { cycle: Pick<CycleInfo, "standIn" | "fiscalYear" | "catalogueYear"> }) {
  const { t } = useT();
  if (!cycle.standIn) return null;
  return (
    <p className="notice dsc-standin" role="note">
      <strong aria-hidden="true">⚠ </strong>
      {t("disclosure.standIn", { year: cycle.fiscalYear, catalogue: cycle.catalogueYear })}
    </p>
  );
}

function Countdown({ day, today }: { day: string | null; today: string }) {
  const { t } = useT();
  if (!day) return null;
  const n = daysUntil(day, today);
  const text =
    n === 0
      ? t("disclosure.dueToday")
      : n > 0
        ? t("disclosure.daysLeft", { count: n })
        : t("disclosure.daysPast", { count: -n });
  return <span className={`dsc-countdown ${n < 0 ? "past" : ""}`}>({text})</span>;
}

/** The cycle's deadlines and today's date; an admin edits them in place (PUT …/disclosures/{year}). */
export function Deadlines({
  tenant,
  cycle,
  editable,
  children,
}: {
  tenant: string;
  cycle: CycleInfo;
  editable: boolean;
  children?: ReactNode;
}) {
  const { t, lang } = useT();
  const id = useId();
  const invalidate = useInvalidateDisclosures(tenant);
  const [editing, setEditing] = useState(false);
  const [submitBy, setSubmitBy] = useState(cycle.submitBy ?? "");
  const [reviewBy, setReviewBy] = useState(cycle.reviewBy ?? "");
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      apiSend<CycleInfo>("PUT", `/api/tenants/${tenant}/disclosures/${cycle.fiscalYear}`, {
        catalogueYear: cycle.catalogueYear,
        submitBy: submitBy || null,
        reviewBy: reviewBy || null,
      }),
    onSuccess: async () => {
      setEditing(false);
      setSaved(true);
      await invalidate();
    },
  });
  const orderWrong = submitBy !== "" && reviewBy !== "" && reviewBy < submitBy;
  const start = () => {
    setSubmitBy(cycle.submitBy ?? "");
    setReviewBy(cycle.reviewBy ?? "");
    setSaved(false);
    save.reset();
    setEditing(true);
  };
  return (
    <section className="card dsc-deadlines" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("disclosure.deadlines")}</h2>
      {editing ? (
        <form
          className="dsc-deadline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!orderWrong) save.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-submit`}>{t("disclosure.submitBy")}</label>
            <input
              id={`${id}-submit`}
              type="date"
              value={submitBy}
              onChange={(e) => setSubmitBy(e.target.value)}
              aria-describedby={`${id}-submit-be`}
            />
            <span id={`${id}-submit-be`} className="hint">
              {fmtDay(submitBy, lang)}
            </span>
          </div>
          <div className="field">
            <label htmlFor={`${id}-review`}>{t("disclosure.reviewBy")}</label>
            <input
              id={`${id}-review`}
              type="date"
              value={reviewBy}
              onChange={(e) => setReviewBy(e.target.value)}
              aria-invalid={orderWrong}
              aria-describedby={`${id}-review-be${orderWrong ? ` ${id}-order` : ""}`}
            />
            <span id={`${id}-review-be`} className="hint">
              {fmtDay(reviewBy, lang)}
            </span>
          </div>
          <div className="dsc-actions">
            <button type="submit" className="primary" disabled={save.isPending || orderWrong}>
              {t("disclosure.saveDeadlines")}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t("disclosure.cancel")}
            </button>
          </div>
          {orderWrong && (
            <p id={`${id}-order`} className="error" role="alert">
              {t("disclosure.deadlineOrder")}
            </p>
          )}
          <p className="hint">{t("disclosure.deadlineHint", { be: cycle.fiscalYear, ce: cycle.fiscalYear - 543 })}</p>
          {save.isError && <ErrorLine error={save.error} />}
        </form>
      ) : (
        <>
          <dl className="dsc-dl">
            <dt>{t("disclosure.submitBy")}</dt>
            <dd>
              {cycle.submitBy ? fmtDay(cycle.submitBy, lang) : t("disclosure.notSet")}{" "}
              <Countdown day={cycle.submitBy} today={cycle.today} />
            </dd>
            <dt>{t("disclosure.reviewBy")}</dt>
            <dd>
              {cycle.reviewBy ? fmtDay(cycle.reviewBy, lang) : t("disclosure.notSet")}{" "}
              <Countdown day={cycle.reviewBy} today={cycle.today} />
            </dd>
            <dt>{t("disclosure.today")}</dt>
            <dd>{fmtDay(cycle.today, lang)}</dd>
          </dl>
          {editable && (
            <button type="button" onClick={start}>
              {t("disclosure.editDeadlines")}
            </button>
          )}
          {saved && (
            <p className="hint" role="status">
              {t("disclosure.deadlinesSaved")}
            </p>
          )}
        </>
      )}
      {children}
    </section>
  );
}
