import { type UseQueryResult, useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useParams } from "react-router";
import { ApiError, apiGet, apiSend, qs } from "../api/client";
import { useYears } from "../api/hooks";
import type { ImportBatch, ImportReport } from "../api/types";
import { useUrlParams } from "../api/url";
import { DataTable } from "../components/DataTable";
import { ErrorState, Loading } from "../components/States";
import { fmtDateTime, type Lang } from "../format";
import { useT } from "../i18n";
import {
  batchWhen,
  contentTypeOf,
  fmtBytes,
  groupByRow,
  type ImportIssue,
  MAX_BYTES,
  shortBatchId,
  shortSha,
  summarizeCodes,
  templateYears,
} from "./import-logic";
import { ErrorLine, NoAccess, problemText, retryServerErrors, statusOf, useInvalidateData } from "./page-kit";
import "./Import.css";

interface RollbackConflict {
  agencyCode: string;
  fiscalYear: number | null;
  reason: string;
  reasonEn: string;
}
interface RollbackResult {
  id: number;
  status: "rolled_back";
  restored: number;
}

/** The report's outcome in one sentence (shown, and announced by the upload's status region). */
function verdictText(report: ImportReport, t: ReturnType<typeof useT>["t"]): string {
  if (report.errors.length > 0) {
    const rows = new Set(report.errors.map((e) => e.row)).size;
    return t("importPage.hasErrors", { count: report.errors.length, rows });
  }
  if (!report.dryRun) {
    return report.id !== undefined
      ? t("importPage.committed", { created: report.created, updated: report.updated })
      : t("importPage.nothingChanged");
  }
  return writes(report) > 0 ? t("importPage.ready") : t("importPage.readyNothing");
}

/** How many records a commit would write (rows and agencies). */
const writes = (r: ImportReport) => r.created + r.updated + r.agencies.created + r.agencies.updated;

function postImport(tenant: string, file: File, dryRun: boolean): Promise<ImportReport> {
  const body = new Blob([file], { type: contentTypeOf(file) });
  return apiSend<ImportReport>(
    "POST",
    `/api/tenants/${tenant}/imports${qs({ dryRun: String(dryRun), fileName: file.name })}`,
    body,
  );
}

/** Import results: a dry run first, the report, then commit; the history with rollback; the template. */
export default function ImportPage() {
  const { tenant = "" } = useParams();
  const { t } = useT();
  const [rolledBack, setRolledBack] = useState<number | null>(null);
  const history = useQuery({
    queryKey: ["imports", tenant],
    queryFn: () => apiGet<ImportBatch[]>(`/api/tenants/${tenant}/imports`),
    retry: retryServerErrors,
  });
  if (history.isPending) return <Loading />;
  if (statusOf(history.error) === 403) {
    return (
      <article className="page import-page">
        <h1>{t("importPage.title")}</h1>
        <NoAccess what={t("importPage.noAccess")} />
      </article>
    );
  }
  return (
    <article className="page import-page">
      <div className="page-head">
        <h1>{t("importPage.title")}</h1>
      </div>
      <p className="hint lead">{t("importPage.lead")}</p>
      <div className="import-top">
        <Upload tenant={tenant} rolledBack={rolledBack} />
        <Template tenant={tenant} />
      </div>
      <History tenant={tenant} history={history} onRolledBack={setRolledBack} />
    </article>
  );
}

function Template({ tenant }: { tenant: string }) {
  const { t } = useT();
  const dataYears = useYears(tenant).data?.years.map((y) => y.fiscalYear) ?? [];
  const years = templateYears(dataYears);
  const [params, patch] = useUrlParams();
  const fromUrl = Number(params.get("templateYear"));
  const year = years.includes(fromUrl) ? fromUrl : (dataYears.at(-1) ?? years[0]);
  return (
    <section className="section-card template" aria-labelledby="template-h">
      <h2 id="template-h">{t("importPage.templateTitle")}</h2>
      <p className="hint">{t("importPage.templateHint")}</p>
      <div className="form-grid">
        <label className="field">
          {t("importPage.templateYear")}
          <select value={year} onChange={(e) => patch({ templateYear: e.target.value })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <a className="button" href={`/api/tenants/${tenant}/imports/template?year=${year}`} download>
          {t("importPage.templateDownload", { year })}
        </a>
      </div>
    </section>
  );
}

function Upload({ tenant, rolledBack }: { tenant: string; rolledBack: number | null }) {
  const { t, lang } = useT();
  const invalidate = useInvalidateData();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const [dragging, setDragging] = useState(false);
  const dryRun = useMutation({ mutationFn: (f: File) => postImport(tenant, f, true) });
  const commit = useMutation({
    mutationFn: (f: File) => postImport(tenant, f, false),
    onSuccess: () => invalidate(),
  });
  const resultRef = useRef<HTMLHeadingElement>(null);

  const choose = (f: File | undefined) => {
    if (!f) return;
    setFile(f);
    commit.reset();
    dryRun.reset();
    if (f.size > MAX_BYTES) {
      setTooBig(true);
      return;
    }
    setTooBig(false);
    dryRun.mutate(f);
  };
  const reset = (focus = true) => {
    setFile(null);
    setTooBig(false);
    dryRun.reset();
    commit.reset();
    if (input.current) input.current.value = "";
    if (focus) input.current?.focus();
  };

  // Move focus to the commit result so keyboard and screen-reader users land on it.
  const committed = commit.data;
  useEffect(() => {
    if (committed) resultRef.current?.focus();
  }, [committed]);

  // Once the import just committed here is rolled back below, its report is history: start afresh.
  const committedId = commit.data?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new rollback should reset
  useEffect(() => {
    if (committedId !== undefined && committedId === rolledBack) reset(false);
  }, [rolledBack]);

  const report = commit.data ?? dryRun.data;
  const busy = dryRun.isPending || commit.isPending;
  return (
    <section className="section-card upload" aria-labelledby="upload-h">
      <h2 id="upload-h">{t("importPage.uploadTitle")}</h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the drop target is an extra; the file input inside is the keyboard path */}
      <div
        className={`dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer.files[0]);
        }}
      >
        <input
          ref={input}
          id={inputId}
          className="file-input"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => choose(e.target.files?.[0])}
          disabled={busy}
        />
        <label htmlFor={inputId} className="drop-label">
          <span aria-hidden="true" className="drop-icon">
            ⇪
          </span>
          <strong>{t("importPage.choose")}</strong>
          <span>{t("importPage.drop")}</span>
        </label>
        <p id={`${inputId}-hint`} className="hint">
          {t("importPage.fileHint")}
        </p>
      </div>

      <div className="upload-status" aria-live="polite" role="status">
        {file && (
          <p className="file-line">
            <span className="mono">{file.name}</span> · {fmtBytes(file.size)}
            {dryRun.isPending && <span> · {t("importPage.checking")}</span>}
            {commit.isPending && <span> · {t("importPage.committing")}</span>}
          </p>
        )}
        {report && !busy && <span className="sr-only">{verdictText(report, t)}</span>}
      </div>

      {tooBig && (
        <div className="refusal" role="alert">
          <strong>{t("importPage.refused")}</strong>
          <p>{t("importPage.tooBig")}</p>
        </div>
      )}
      {dryRun.isError && <Refusal error={dryRun.error} />}
      {commit.isError && <Refusal error={commit.error} />}

      {report && (
        <ReportView
          report={report}
          lang={lang}
          headingRef={resultRef}
          action={
            !report.dryRun || report.errors.length > 0 || writes(report) === 0 ? null : (
              <button
                type="button"
                className="primary"
                disabled={busy || !file}
                onClick={() => file && commit.mutate(file)}
              >
                {t("importPage.commit", { count: report.created + report.updated })}
              </button>
            )
          }
        />
      )}
      {file && !busy && (
        <p>
          <button type="button" onClick={() => reset()}>
            {t("importPage.another")}
          </button>
        </p>
      )}
    </section>
  );
}

/** A file refused whole (problem+json 400/413), or any other failure, in words. */
function Refusal({ error }: { error: unknown }) {
  const { t, lang } = useT();
  const status = statusOf(error);
  if (status === 400 || status === 413) {
    return (
      <div className="refusal" role="alert">
        <strong>{t("importPage.refused")}</strong>
        <p>{problemText(error, lang, t("importPage.unreadable"))}</p>
      </div>
    );
  }
  return <ErrorLine error={error} fallback={t("importPage.network")} />;
}

function ReportView({
  report,
  lang,
  action,
  headingRef,
}: {
  report: ImportReport;
  lang: Lang;
  action: React.ReactNode;
  headingRef: React.Ref<HTMLHeadingElement>;
}) {
  const { t } = useT();
  const counts = [
    { key: "rows", value: report.rows },
    { key: "created", value: report.created },
    { key: "updated", value: report.updated },
    { key: "unchanged", value: report.unchanged },
    { key: "agenciesCreated", value: report.agencies.created },
  ];
  const hasErrors = report.errors.length > 0;
  return (
    <div className="report">
      <h3 ref={headingRef} tabIndex={-1}>
        {report.dryRun ? t("importPage.dryRunTitle") : t("importPage.commitTitle")}{" "}
        <span className="mono">{report.fileName}</span>
        {/* The committed batch's short id, as the history lists it. */}
        {report.id !== undefined && (
          <span className="hint mono" title={`#${report.id}`}>
            {" "}
            #{shortBatchId(report.id)}
          </span>
        )}
      </h3>
      <p className="hint">
        SHA-256{" "}
        <span className="mono" title={report.sha256}>
          {shortSha(report.sha256)}
        </span>
      </p>
      <dl className="counts">
        {counts.map((c) => (
          <div key={c.key}>
            <dt>{t(`importPage.counts.${c.key}`)}</dt>
            <dd>{c.value.toLocaleString(lang === "th" ? "th-TH" : "en-GB")}</dd>
          </div>
        ))}
      </dl>
      <p className={`verdict ${hasErrors ? "bad" : "good"}`}>
        <span aria-hidden="true">{hasErrors ? "✖ " : "✔ "}</span>
        {verdictText(report, t)}
      </p>
      {action && <p className="commit-row">{action}</p>}
      {hasErrors && <IssueTable issues={report.errors} kind="errors" lang={lang} />}
      {report.warnings.length > 0 && <IssueTable issues={report.warnings} kind="warnings" lang={lang} />}
    </div>
  );
}

const PAGE_GROUPS = 50;

/** Issues grouped by spreadsheet row: column, value and the message in the reader's language. */
function IssueTable({ issues, kind, lang }: { issues: ImportIssue[]; kind: "errors" | "warnings"; lang: Lang }) {
  const { t } = useT();
  const [shown, setShown] = useState(PAGE_GROUPS);
  const groups = groupByRow(issues);
  const summary = summarizeCodes(issues);
  const msg = (i: ImportIssue) => (lang === "en" ? i.messageEn : i.message);
  const title = t(`importPage.${kind}Title`, { count: issues.length, rows: groups.length });
  const body = (
    <>
      {summary.length > 1 && summary.length < issues.length && (
        <ul className="issue-summary" aria-label={t("importPage.byKind")}>
          {summary.map((s) => (
            <li key={s.code}>
              <span className={`status-badge ${kind === "errors" ? "bad" : "warn"}`}>× {s.count}</span> {msg(s.example)}
            </li>
          ))}
        </ul>
      )}
      <div className="table-wrap">
        <table className={`issues ${kind}`}>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("importPage.row")}</th>
              <th scope="col">{t("importPage.column")}</th>
              <th scope="col">{t("importPage.value")}</th>
              <th scope="col">{t("importPage.problem")}</th>
            </tr>
          </thead>
          {groups.slice(0, shown).map((g) => (
            <tbody key={g.row}>
              {g.issues.map(({ issue: i, key }) => (
                <tr key={key}>
                  {key === g.issues[0]?.key && (
                    <th scope="rowgroup" rowSpan={g.issues.length} className="row-no">
                      {g.row === 1 ? t("importPage.headerRow") : t("importPage.rowN", { row: g.row })}
                    </th>
                  )}
                  <td data-label={t("importPage.column")}>{i.column || "–"}</td>
                  <td data-label={t("importPage.value")} className="val">
                    {i.value ? <code>{i.value}</code> : <span className="hint">{t("importPage.blank")}</span>}
                  </td>
                  <td data-label={t("importPage.problem")}>
                    {kind === "errors" ? (
                      <span className="sr-only">{t("importPage.errorWord")}: </span>
                    ) : (
                      <span className="sr-only">{t("importPage.warningWord")}: </span>
                    )}
                    {msg(i)}
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      {groups.length > shown && (
        <button type="button" onClick={() => setShown((n) => n + PAGE_GROUPS * 4)}>
          {t("importPage.showMoreRows", { count: groups.length - shown })}
        </button>
      )}
    </>
  );
  if (kind === "errors") {
    return (
      <section className="issue-block" aria-label={title}>
        <h4>{title}</h4>
        {body}
      </section>
    );
  }
  return (
    <details className="issue-block" open={issues.length <= 20}>
      <summary>
        <h4>{title}</h4>
      </summary>
      <p className="hint">{t("importPage.warningsHint")}</p>
      {body}
    </details>
  );
}

function History({
  tenant,
  history,
  onRolledBack,
}: {
  tenant: string;
  history: UseQueryResult<ImportBatch[]>;
  onRolledBack: (id: number) => void;
}) {
  const { t, lang } = useT();
  const invalidate = useInvalidateData();
  const [announce, setAnnounce] = useState("");
  const rollback = useMutation({
    mutationFn: (b: ImportBatch) => apiSend<RollbackResult>("POST", `/api/tenants/${tenant}/imports/${b.id}/rollback`),
    onSuccess: (r, b) => {
      setAnnounce(t("importPage.rolledBack", { file: b.fileName, when: batchWhen(b, lang), count: r.restored }));
      onRolledBack(r.id);
      return invalidate();
    },
    onError: () => setAnnounce(""),
  });
  const conflicts =
    rollback.error instanceof ApiError && Array.isArray(rollback.error.problem.conflicts)
      ? (rollback.error.problem.conflicts as RollbackConflict[])
      : [];
  return (
    <section className="section-card history" aria-labelledby="history-h">
      <h2 id="history-h">{t("importPage.historyTitle")}</h2>
      <p className="kit-ok" role="status" aria-live="polite">
        {announce}
      </p>
      {rollback.isError && (
        <div className="refusal" role="alert">
          <strong>
            {t("importPage.rollbackRefused", {
              file: rollback.variables?.fileName,
              when: rollback.variables ? batchWhen(rollback.variables, lang) : "",
            })}
          </strong>
          <p>{problemText(rollback.error, lang, t("importPage.network"))}</p>
          {conflicts.length > 0 && (
            <DataTable
              caption={t("importPage.conflicts")}
              className="compact"
              rows={conflicts}
              rowKey={(c) => `${c.agencyCode}:${c.fiscalYear}:${c.reasonEn}`}
              columns={[
                { key: "code", head: t("importPage.agencyCode"), className: "mono", cell: (c) => c.agencyCode },
                { key: "year", head: t("common.year"), cell: (c) => c.fiscalYear ?? "–" },
                { key: "reason", head: t("importPage.reason"), cell: (c) => (lang === "en" ? c.reasonEn : c.reason) },
              ]}
            />
          )}
        </div>
      )}
      {history.isError ? (
        <ErrorState error={history.error} onRetry={() => history.refetch()} />
      ) : (
        <DataTable
          caption={t("importPage.historyTitle")}
          className="history-table"
          stack
          empty={t("importPage.noHistory")}
          rows={history.data ?? []}
          rowKey={(b) => b.id}
          columns={[
            {
              key: "when",
              head: t("importPage.when"),
              className: "nowrap",
              cell: (b) => fmtDateTime(b.createdAt, lang),
            },
            { key: "who", head: t("importPage.who"), cell: (b) => b.createdBy ?? "–" },
            {
              key: "file",
              head: t("importPage.file"),
              rowHeader: true,
              className: "file-cell",
              cell: (b) => (
                <>
                  {b.fileName}
                  <span className="hint block mono" title={`#${b.id}`}>
                    #{shortBatchId(b.id)}
                  </span>
                </>
              ),
            },
            {
              key: "sha",
              head: "SHA-256",
              className: "mono",
              cell: (b) => <span title={b.sha256}>{shortSha(b.sha256)}</span>,
            },
            ...(["rows", "created", "updated", "unchanged", "warnings"] as const).map((k) => ({
              key: k,
              head: t(`importPage.counts.${k}`),
              num: true,
              cell: (b: ImportBatch) => b[k],
            })),
            {
              key: "status",
              head: t("importPage.status"),
              cell: (b) =>
                b.status === "committed" ? (
                  <span className="status-badge ok">{t("importPage.statusCommitted")}</span>
                ) : (
                  <div>
                    <span className="status-badge muted">{t("importPage.statusRolledBack")}</span>
                    {b.rolledBackAt && (
                      <span className="hint block">
                        {fmtDateTime(b.rolledBackAt, lang)}
                        {b.rolledBackBy ? ` · ${b.rolledBackBy}` : ""}
                      </span>
                    )}
                  </div>
                ),
            },
            {
              key: "actions",
              head: t("importPage.actions"),
              hideHead: true,
              label: false,
              className: "row-actions",
              cell: (b) =>
                b.status === "committed" && (
                  <button
                    type="button"
                    className="danger"
                    disabled={rollback.isPending}
                    aria-label={t("importPage.rollbackLabel", { file: b.fileName, when: batchWhen(b, lang) })}
                    onClick={() => {
                      const ok = window.confirm(
                        t("importPage.confirmRollback", { file: b.fileName, when: batchWhen(b, lang) }),
                      );
                      if (ok) {
                        setAnnounce("");
                        rollback.mutate(b);
                      }
                    }}
                  >
                    {rollback.isPending && rollback.variables?.id === b.id
                      ? t("importPage.rollingBack")
                      : t("importPage.rollback")}
                  </button>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
