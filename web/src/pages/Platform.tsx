import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { apiGet, apiSend } from "../api/client";
import type { CreatedTenant, TenantSummary } from "../api/types";
import { AccountTools } from "../components/AccountTools";
import { Brand } from "../components/Brand";
import { DataTable } from "../components/DataTable";
import { tenantLabel } from "../components/Layout";
import { ErrorState, Loading } from "../components/States";
import { fmtDateTime, localName } from "../format";
import { useT } from "../i18n";
import { homeOf, useSession } from "../session";
import { CopyField, retryServerErrors } from "./page-kit";
import { apiProblems, checkDraft, type Field, type FormProblem, requestOf, type TenantDraft } from "./platform-logic";
import "./platform-i18n";
import "./Platform.css";

const TENANTS = ["platform-tenants"] as const;
const EMPTY: TenantDraft = { slug: "", name: "", nameEn: "", adminEmail: "" };

/**
 * The platform operator's page: every tenant (names only, never a tenant's data) and a form that creates a tenant
 * with the invitation of its first admin, whose link is shown once. Reached through the /platform guard, which
 * lets only operators in; it has its own top bar because an operator is usually a member of no tenant.
 */
export default function Platform() {
  const { t, lang } = useT();
  const { data: session } = useSession();
  const operator = session?.user.isOperator ?? false;
  const first = session?.memberships[0];
  const [created, setCreated] = useState<{ body: CreatedTenant; email: string } | null>(null);
  return (
    <div className="app platform-app">
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="topbar platform-bar">
        <Brand />
        <span className="platform-role">{t("platform.role")}</span>
        <div className="bar-tools">
          {first && (
            <Link className="button" to={homeOf(first)}>
              {t("platform.backTo", { tenant: tenantLabel(first, lang) })}
            </Link>
          )}
          <AccountTools />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <article className="page platform-page">
          <h1>{t("platform.title")}</h1>
          <p className="intro">{t("platform.intro")}</p>
          {session && <p className="hint">{session.user.email}</p>}
          <TenantList enabled={operator} highlight={created?.body.tenant.slug} />
          <CreateTenant onCreated={setCreated} created={created} onHide={() => setCreated(null)} />
        </article>
      </main>
    </div>
  );
}

function TenantList({ enabled, highlight }: { enabled: boolean; highlight: string | undefined }) {
  const { t, lang } = useT();
  const id = useId();
  // Only while an operator is signed in: signing out clears the cache, and a refetch then would only get a 401.
  const list = useQuery({
    queryKey: TENANTS,
    queryFn: () => apiGet<TenantSummary[]>("/api/tenants"),
    retry: retryServerErrors,
    enabled,
  });
  let body: ReactNode;
  if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (!list.data) body = <Loading />;
  else
    body = (
      <>
        <p className="count">{t("platform.list.count", { count: list.data.length })}</p>
        <DataTable
          caption={t("platform.list.title")}
          className="platform-table"
          stack
          empty={t("platform.list.none")}
          rows={list.data}
          rowKey={(r) => r.slug}
          rowClass={(r) => (r.slug === highlight ? "just-created" : undefined)}
          columns={[
            {
              key: "slug",
              head: t("platform.list.slug"),
              rowHeader: true,
              cell: (r) => (
                <>
                  <span className="mono">{r.slug}</span>
                  {r.slug === highlight && (
                    <span className="status-badge ok new-badge">{t("platform.list.justCreated")}</span>
                  )}
                </>
              ),
            },
            { key: "name", head: t("platform.list.name"), cell: (r) => <span lang="th">{r.name}</span> },
            {
              key: "nameEn",
              head: t("platform.list.nameEn"),
              cell: (r) => (r.nameEn ? <span lang="en">{r.nameEn}</span> : "–"),
            },
            {
              key: "synthetic",
              head: t("platform.list.synthetic"),
              cell: (r) =>
                r.synthetic ? (
                  <span className="status-badge warn">{t("platform.list.syntheticYes")}</span>
                ) : (
                  <span className="muted">{t("platform.list.syntheticNo")}</span>
                ),
            },
            {
              key: "createdAt",
              head: t("platform.list.createdAt"),
              className: "nowrap",
              cell: (r) => fmtDateTime(r.createdAt, lang),
            },
          ]}
        />
      </>
    );
  return (
    <section className="platform-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("platform.list.title")}</h2>
      {body}
    </section>
  );
}

function CreateTenant({
  created,
  onCreated,
  onHide,
}: {
  created: { body: CreatedTenant; email: string } | null;
  onCreated: (c: { body: CreatedTenant; email: string }) => void;
  onHide: () => void;
}) {
  const { t, lang } = useT();
  const id = useId();
  const client = useQueryClient();
  const [draft, setDraft] = useState<TenantDraft>(EMPTY);
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const createdHeading = useRef<HTMLHeadingElement>(null);
  const create = useMutation({
    mutationFn: (body: ReturnType<typeof requestOf>) => apiSend<CreatedTenant>("POST", "/api/tenants", body),
    onSuccess: (body, sent) => {
      setDraft(EMPTY);
      onCreated({ body, email: sent.adminEmail.toLowerCase() });
      // The link is what matters now: bring it into view and to the keyboard.
      requestAnimationFrame(() => createdHeading.current?.focus());
      return client.invalidateQueries({ queryKey: TENANTS });
    },
    onError: (error, sent) => {
      const found = apiProblems(error, lang, sent.slug, t("platform.form.failed"));
      setProblems(found);
      focusFirst(found);
    },
  });
  const focusFirst = (found: FormProblem[]) => {
    const field = found.find((p) => p.field)?.field;
    if (field) inputs.current[field]?.focus();
  };
  const words = (p: FormProblem) => (p.key ? t(`platform.problem.${p.key}`, p.values ?? {}) : (p.text ?? ""));
  const problemOf = (f: Field) => problems.find((p) => p.field === f);
  const field = (f: Field, type: "text" | "email", opts: { required: boolean; max: number; auto?: string }) => {
    const problem = problemOf(f);
    const label = t(`platform.form.${f}`);
    return (
      <div className="field">
        <label htmlFor={`${id}-${f}`} className={opts.required ? "req" : undefined}>
          {label}
        </label>
        <input
          id={`${id}-${f}`}
          ref={(el) => {
            inputs.current[f] = el;
          }}
          type={type}
          required={opts.required}
          maxLength={opts.max}
          autoComplete={opts.auto ?? "off"}
          spellCheck={false}
          lang={f === "name" ? "th" : f === "nameEn" ? "en" : undefined}
          value={draft[f]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-${f}-hint${problem ? ` ${id}-${f}-err` : ""}`}
          onChange={(e) => {
            const value = e.target.value;
            setDraft((d) => ({ ...d, [f]: value }));
            // A field being fixed drops its old problem (the rest stay until the next try).
            if (problem) setProblems((ps) => ps.filter((p) => p.field !== f));
          }}
        />
        <span id={`${id}-${f}-hint`} className="hint block">
          {t(`platform.form.${f}Hint`)}
        </span>
        {problem && (
          <span id={`${id}-${f}-err`} className="field-error">
            {words(problem)}
          </span>
        )}
      </div>
    );
  };
  return (
    <section className="platform-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("platform.form.title")}</h2>
      {created && (
        <div className="created-card" role="status">
          <h3 ref={createdHeading} tabIndex={-1}>
            {t("platform.created.title", {
              name: localName(created.body.tenant.name, created.body.tenant.nameEn, lang),
            })}
          </h3>
          <p className="notice once">
            <strong>{t("platform.created.once")}</strong>
          </p>
          <p>
            {t("platform.created.passOnTo")} <strong className="email">{created.email}</strong>{" "}
            {t("platform.created.passOn", { when: fmtDateTime(created.body.invitation.expiresAt, lang) })}
          </p>
          <CopyField value={created.body.invitation.url} label={t("platform.created.link")} />
          <button type="button" onClick={onHide}>
            {t("platform.created.done")}
          </button>
        </div>
      )}
      <form
        className="section-card platform-form"
        aria-labelledby={`${id}-h`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found = checkDraft(draft);
          setProblems(found);
          if (found.length > 0) {
            focusFirst(found);
            return;
          }
          create.mutate(requestOf(draft));
        }}
      >
        <p className="hint">{t("platform.form.hint")}</p>
        <div className="platform-fields">
          {field("slug", "text", { required: true, max: 40 })}
          {field("name", "text", { required: true, max: 200 })}
          {field("nameEn", "text", { required: false, max: 200 })}
          {field("adminEmail", "email", { required: true, max: 254 })}
        </div>
        {problems.length > 0 && (
          <div className="kit-error" role="alert">
            <strong>{t("platform.form.problems")}</strong>
            <ul>
              {problems.map((p) => (
                <li key={`${p.field}:${words(p)}`}>
                  {p.field ? `${t(`platform.form.${p.field}`)}: ` : ""}
                  {words(p)}
                </li>
              ))}
            </ul>
          </div>
        )}
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t("platform.form.working") : t("platform.form.submit")}
        </button>
      </form>
    </section>
  );
}
