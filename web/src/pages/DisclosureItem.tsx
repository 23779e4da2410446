// One OIT item of one agency: what it asks (criteria), its status and gain, the reviewer's comment, the evidence
// URL editor with link-check results, save/submit with the version read (409 → the current values, reload or
// merge), the reviewer's verdict, and the history.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { apiSend } from "../api/client";
import { useDisclosureItem } from "../api/hooks";
import type { DisclosureRecord, LinkCheck } from "../api/types";
import { Loading } from "../components/States";
import { fmtScore, type Lang } from "../format";
import { useT } from "../i18n";
import { StatusBadge, useInvalidateDisclosures } from "./DisclosureKit";
import {
  checkUrls,
  conflictRecords,
  type Draft,
  draftOf,
  fmtWhen,
  isDirty,
  lastChange,
  MAX_URLS,
  mergeDraft,
} from "./disclosure-logic";
import { ErrorLine } from "./page-kit";

interface Props {
  tenant: string;
  code: string;
  year: number;
  record: DisclosureRecord;
  editable: boolean;
  reviewer: boolean;
  open: boolean;
  onToggle: () => void;
}

type Person = DisclosureRecord["updatedBy"];

function who(p: Person, t: (k: string) => string): string {
  if (!p) return "–";
  return p.role ? `${p.name} (${t(`roles.${p.role}`)})` : p.name;
}

export function ItemCard({ tenant, code, year, record, editable, reviewer, open, onToggle }: Props) {
  const { t, lang } = useT();
  const last = lastChange(record);
  const id = useId();
  const broken = record.brokenLinks > 0;
  return (
    <li className={`dsc-item st-border-${record.status}`} id={`item-${record.itemCode}`}>
      <div className="dsc-item-head">
        <h3>
          <span className="dsc-code">{record.itemCode}</span> {record.title}
        </h3>
        <div className="dsc-item-tags">
          <span className="dsc-gain" title={t("disclosure.gainLabel")}>
            {t("disclosure.gain", { gain: fmtScore(record.gain, lang) })}
          </span>
          <StatusBadge status={record.status} />
          {broken && (
            <span className="badge dsc-broken">
              <span aria-hidden="true">⚠</span> {t("disclosure.broken")} {record.brokenLinks}
            </span>
          )}
          <button
            type="button"
            aria-expanded={open}
            aria-controls={`${id}-body`}
            onClick={onToggle}
            className="dsc-toggle"
          >
            {open ? t("disclosure.hide") : editable ? t("disclosure.details") : t("disclosure.detailsRead")}
            <span className="sr-only"> {record.itemCode}</span>
          </button>
        </div>
      </div>
      {record.status === "needs_fix" && record.reviewComment && (
        <div className="dsc-review-note" role="note">
          <strong>
            <span aria-hidden="true">✗ </span>
            {t("disclosure.reviewComment")}
          </strong>
          <p>{record.reviewComment}</p>
          <small>
            {t("disclosure.reviewCommentBy", {
              name: who(record.reviewedBy, t),
              when: fmtWhen(record.reviewedAt, lang),
            })}
          </small>
        </div>
      )}
      <p className="dsc-meta">
        {!last
          ? t("disclosure.neverUpdated")
          : last.by
            ? t(last.kind === "review" ? "disclosure.reviewedByLine" : "disclosure.updatedBy", {
                name: who(last.by, t),
                when: fmtWhen(last.at, lang),
              })
            : t("disclosure.updatedAt", { when: fmtWhen(last.at, lang) })}
        {record.version > 0 && <> · {t("disclosure.version", { version: record.version })}</>}
      </p>
      {open && (
        <div id={`${id}-body`} className="dsc-item-body">
          {record.criteria.length > 0 && (
            <div className="dsc-criteria">
              <h4>{t("disclosure.criteria")}</h4>
              <ol>
                {record.criteria.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ol>
            </div>
          )}
          {editable ? (
            <Editor tenant={tenant} code={code} year={year} record={record} reviewer={reviewer} />
          ) : (
            <ReadOnly record={record} />
          )}
          <History tenant={tenant} code={code} year={year} item={record.itemCode} />
        </div>
      )}
    </li>
  );
}

/** The latest check of one URL, in words (a broken link says so in text, not only in colour). */
function LinkResult({ check, lang }: { check: LinkCheck | undefined; lang: Lang }) {
  const { t } = useT();
  if (!check) return <span className="dsc-link muted">{t("disclosure.link.notChecked")}</span>;
  const parts = [
    check.httpStatus !== null ? t("disclosure.link.status", { status: check.httpStatus }) : null,
    check.elapsedMs !== null ? t("disclosure.link.elapsed", { ms: check.elapsedMs }) : null,
    check.onSite === false ? t("disclosure.link.offSite") : null,
    t("disclosure.link.checkedAt", { when: fmtWhen(check.checkedAt, lang) }),
  ].filter(Boolean);
  return (
    <span className={`dsc-link ${check.ok ? "ok" : "bad"}`}>
      <span aria-hidden="true">{check.ok ? "✓ " : "⚠ "}</span>
      <strong>{check.ok ? t("disclosure.link.ok") : t("disclosure.link.broken")}</strong>
      {!check.ok && check.problem && <>: {t(`disclosure.link.problem.${check.problem}`)}</>} · {parts.join(" · ")}
    </span>
  );
}

function ReadOnly({ record }: { record: DisclosureRecord }) {
  const { t, lang } = useT();
  const checks = new Map(record.links.map((l) => [l.url, l]));
  return (
    <div className="dsc-readonly">
      <h4>{t("disclosure.evidence")}</h4>
      {record.evidenceUrls.length === 0 ? (
        <p className="muted">{t("disclosure.noEvidence")}</p>
      ) : (
        <ul className="dsc-urls">
          {record.evidenceUrls.map((u) => (
            <li key={u}>
              <a href={u} target="_blank" rel="noreferrer noopener">
                {u}
              </a>{" "}
              <LinkResult check={checks.get(u)} lang={lang} />
            </li>
          ))}
        </ul>
      )}
      {record.note && (
        <>
          <h4>{t("disclosure.note")}</h4>
          <p className="dsc-note">{record.note}</p>
        </>
      )}
      <p className="hint">{t("disclosure.readOnly")}</p>
    </div>
  );
}

function Editor({
  tenant,
  code,
  year,
  record,
  reviewer,
}: {
  tenant: string;
  code: string;
  year: number;
  record: DisclosureRecord;
  reviewer: boolean;
}) {
  const { t, lang } = useT();
  const id = useId();
  const invalidate = useInvalidateDisclosures(tenant);
  // `base` is the record my draft started from: its version goes with the write, and a merge starts from it.
  const [base, setBase] = useState(record);
  const [draft, setDraft] = useState<Draft>(() => draftOf(record));
  const [conflict, setConflict] = useState<DisclosureRecord | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [needUrl, setNeedUrl] = useState(false);
  const dirty = isDirty(draft, base);
  // Someone saved (a refetch brought a newer version) and I have no edits: follow it.
  useEffect(() => {
    if (record.version !== base.version && !dirty && !conflict) {
      setBase(record);
      setDraft(draftOf(record));
    }
  }, [record, base.version, dirty, conflict]);

  const checked = checkUrls(draft.urls);
  const invalid = checked.problems.size > 0 || checked.tooMany;
  const path = `/api/tenants/${tenant}/agencies/${code}/disclosures/${year}/${record.itemCode}`;
  const onConflict = (error: unknown) => {
    const current = conflictRecords(error);
    if (!current) return false;
    setConflict(current.find((c) => c.itemCode === record.itemCode) ?? current[0] ?? null);
    setMessage(null);
    void invalidate();
    return true;
  };

  const write = useMutation({
    mutationFn: (status: "in_progress" | "submitted") =>
      apiSend<DisclosureRecord>("PUT", path, {
        version: base.version,
        status,
        evidenceUrls: checked.urls,
        note: draft.note.trim() || null,
      }),
    onSuccess: (saved) => {
      setBase(saved);
      setDraft(draftOf(saved));
      setConflict(null);
      setMessage(t("disclosure.saved", { status: t(`disclosure.status.${saved.status}`) }));
      void invalidate();
    },
    onError: onConflict,
  });
  const save = (status: "in_progress" | "submitted") => {
    setMessage(null);
    const missing = status === "submitted" && checked.urls.length === 0;
    setNeedUrl(missing);
    if (missing || invalid) return;
    write.mutate(status);
  };
  const checks = new Map(record.links.map((l) => [l.url, l]));
  const setUrl = (i: number, value: string) =>
    setDraft((d) => ({ ...d, urls: d.urls.map((u, k) => (k === i ? value : u)) }));

  return (
    <div className="dsc-editor">
      <fieldset className="dsc-urls-edit">
        <legend>{t("disclosure.evidence")}</legend>
        <ol className="dsc-urls">
          {draft.urls.map((u, i) => {
            const problem = checked.problems.get(i);
            const check = checks.get(u.trim());
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in a list being typed into
              <li key={i}>
                <div className="dsc-url-row">
                  <label className="sr-only" htmlFor={`${id}-url-${i}`}>
                    {t("disclosure.urlN", { n: i + 1 })}
                  </label>
                  <input
                    id={`${id}-url-${i}`}
                    type="url"
                    inputMode="url"
                    spellCheck={false}
                    placeholder="https://"
                    value={u}
                    onChange={(e) => setUrl(i, e.target.value)}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? `${id}-url-${i}-p` : undefined}
                  />
                  <button
                    type="button"
                    onClick={() =>
                      setDraft((d) => {
                        const urls = d.urls.filter((_, k) => k !== i);
                        return { ...d, urls: urls.length > 0 ? urls : [""] };
                      })
                    }
                    aria-label={t("disclosure.removeUrl", { n: i + 1 })}
                  >
                    ✕
                  </button>
                </div>
                {problem && (
                  <p id={`${id}-url-${i}-p`} className="error dsc-url-problem">
                    {t(`disclosure.urlProblem.${problem}`)}
                  </p>
                )}
                {!problem && u.trim() && record.evidenceUrls.includes(u.trim()) && (
                  <LinkResult check={check} lang={lang} />
                )}
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          onClick={() => setDraft((d) => ({ ...d, urls: [...d.urls, ""] }))}
          disabled={draft.urls.length >= MAX_URLS}
        >
          + {t("disclosure.addUrl")}
        </button>
        {checked.tooMany && <p className="error">{t("disclosure.tooMany", { max: MAX_URLS })}</p>}
      </fieldset>
      <label className="field dsc-note-field">
        {t("disclosure.note")}
        <textarea
          rows={2}
          maxLength={2000}
          value={draft.note}
          onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))}
        />
      </label>
      {record.status === "approved" && <p className="hint">{t("disclosure.approvedEdit")}</p>}
      {conflict ? (
        <ConflictPanel
          current={conflict}
          onTheirs={() => {
            setBase(conflict);
            setDraft(draftOf(conflict));
            setConflict(null);
            write.reset();
          }}
          onMerge={() => {
            setDraft(mergeDraft(base, draft, conflict));
            setBase(conflict);
            setConflict(null);
            write.reset();
            setMessage(t("disclosure.merged"));
          }}
        />
      ) : (
        <div className="dsc-actions">
          <button type="button" onClick={() => save("in_progress")} disabled={write.isPending}>
            {t("disclosure.saveDraft")}
          </button>
          <button type="button" className="primary" onClick={() => save("submitted")} disabled={write.isPending}>
            {record.status === "needs_fix" ? t("disclosure.resubmit") : t("disclosure.submit")}
          </button>
          {write.isPending && <span role="status">{t("disclosure.saving")}</span>}
        </div>
      )}
      {needUrl && (
        <p className="error" role="alert">
          {t("disclosure.needUrl")}
        </p>
      )}
      {write.isError && !conflict && !conflictRecords(write.error) && <ErrorLine error={write.error} />}
      <p className="kit-ok" role="status">
        {message ?? ""}
      </p>
      {reviewer && record.status === "submitted" && !dirty && (
        <Review tenant={tenant} path={path} record={record} onConflict={onConflict} onReviewed={setMessage} />
      )}
    </div>
  );
}

/** "Someone else changed this item": what it is now, and the two ways on. */
function ConflictPanel({
  current,
  onTheirs,
  onMerge,
}: {
  current: DisclosureRecord;
  onTheirs: () => void;
  onMerge: () => void;
}) {
  const { t, lang } = useT();
  const currentLast = lastChange(current);
  return (
    <div className="dsc-conflict" role="alert">
      <strong>{t("disclosure.conflictTitle")}</strong>
      <p>{t("disclosure.conflictBody")}</p>
      <dl className="dsc-dl">
        <dt>{t("disclosure.statusLabel")}</dt>
        <dd>
          <StatusBadge status={current.status} />{" "}
          {currentLast &&
            t("disclosure.conflictBy", {
              name: who(currentLast.by, t),
              when: fmtWhen(currentLast.at, lang),
            })}{" "}
          · {t("disclosure.version", { version: current.version })}
        </dd>
        <dt>{t("disclosure.evidenceShort")}</dt>
        <dd>
          {current.evidenceUrls.length === 0 ? (
            t("disclosure.noEvidence")
          ) : (
            <ul className="dsc-urls">
              {current.evidenceUrls.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("disclosure.note")}</dt>
        <dd>{current.note ?? "–"}</dd>
        {current.reviewComment && (
          <>
            <dt>{t("disclosure.reviewComment")}</dt>
            <dd>{current.reviewComment}</dd>
          </>
        )}
      </dl>
      <div className="dsc-actions">
        <button type="button" onClick={onTheirs}>
          {t("disclosure.useTheirs")}
        </button>
        <button type="button" className="primary" onClick={onMerge}>
          {t("disclosure.keepMine")}
        </button>
      </div>
    </div>
  );
}

/**
 * A reviewer's verdict on a submitted item; sending back needs a comment. The confirmation goes to the card's own
 * status line (`onReviewed`): this section disappears as soon as the refetched item is no longer "submitted".
 */
function Review({
  tenant,
  path,
  record,
  onConflict,
  onReviewed,
}: {
  tenant: string;
  path: string;
  record: DisclosureRecord;
  onConflict: (e: unknown) => boolean;
  onReviewed: (message: string) => void;
}) {
  const { t } = useT();
  const id = useId();
  const invalidate = useInvalidateDisclosures(tenant);
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const review = useMutation({
    mutationFn: (verdict: "approved" | "needs_fix") =>
      apiSend<DisclosureRecord>("POST", `${path}/review`, {
        version: record.version,
        verdict,
        comment: comment.trim() || null,
      }),
    onSuccess: (r) => {
      onReviewed(t("disclosure.reviewed", { status: t(`disclosure.status.${r.status}`) }));
      setComment("");
      void invalidate();
    },
    onError: onConflict,
  });
  const decide = (verdict: "approved" | "needs_fix") => {
    const empty = verdict === "needs_fix" && !comment.trim();
    setMissing(empty);
    if (!empty) review.mutate(verdict);
  };
  return (
    <section className="dsc-review" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t("disclosure.review")}</h4>
      <label className="field">
        {t("disclosure.commentLabel")}
        <textarea
          rows={2}
          maxLength={2000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${id}-missing` : undefined}
        />
      </label>
      {missing && (
        <p id={`${id}-missing`} className="error" role="alert">
          {t("disclosure.commentRequired")}
        </p>
      )}
      <div className="dsc-actions">
        <button type="button" className="primary" onClick={() => decide("approved")} disabled={review.isPending}>
          ✓ {t("disclosure.approve")}
        </button>
        <button type="button" className="danger" onClick={() => decide("needs_fix")} disabled={review.isPending}>
          ✗ {t("disclosure.sendBack")}
        </button>
      </div>
      {review.isError && !conflictRecords(review.error) && <ErrorLine error={review.error} />}
    </section>
  );
}

/** The item's history (newest first) and its link checks, fetched when asked for. */
function History({ tenant, code, year, item }: { tenant: string; code: string; year: number; item: string }) {
  const { t, lang } = useT();
  const [show, setShow] = useState(false);
  const detail = useDisclosureItem(tenant, code, year, item, show);
  return (
    <div className="dsc-history">
      <button type="button" aria-expanded={show} onClick={() => setShow((s) => !s)}>
        {show ? t("disclosure.hideHistory") : t("disclosure.showHistory")}
      </button>
      {show &&
        (detail.isPending ? (
          <Loading />
        ) : detail.isError ? (
          <ErrorLine error={detail.error} />
        ) : (
          <>
            <h4>{t("disclosure.history")}</h4>
            {detail.data.history.length === 0 ? (
              <p className="muted">{t("disclosure.noHistory")}</p>
            ) : (
              <ol className="dsc-history-list">
                {detail.data.history.map((h) => (
                  <li key={h.version}>
                    <div>
                      <StatusBadge status={h.status} /> {t("disclosure.version", { version: h.version })} ·{" "}
                      {who(h.changedBy, t)} · {fmtWhen(h.changedAt, lang)}
                    </div>
                    {h.reviewComment && (
                      <p className="dsc-history-comment">
                        {t("disclosure.reviewComment")}: {h.reviewComment}
                      </p>
                    )}
                    {h.note && (
                      <p>
                        {t("disclosure.note")}: {h.note}
                      </p>
                    )}
                    {h.evidenceUrls.length > 0 && (
                      <ul className="dsc-urls">
                        {h.evidenceUrls.map((u) => (
                          <li key={u}>{u}</li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            )}
            {detail.data.linkHistory.length > 0 && (
              <>
                <h4>{t("disclosure.linkHistory")}</h4>
                <ul className="dsc-urls">
                  {detail.data.linkHistory.map((l) => (
                    <li key={`${l.url}@${l.checkedAt}`}>
                      {l.url} <LinkResult check={l} lang={lang} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        ))}
    </div>
  );
}
