import type {
  AgencyListItem,
  ApiTokenSchema,
  AuditPageSchema,
  CreatedInvitationSchema,
  CreatedTokenSchema,
  InvitationSchema,
} from "@prongsai/contracts";
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from "@prongsai/contracts/audit-actions";
import { type UseQueryResult, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import type { z } from "zod";
import { apiGet, apiSend, qs } from "../api/client";
import type { Agency, Member, Membership } from "../api/types";
import { useUrlParams } from "../api/url";
import { type Column, DataTable } from "../components/DataTable";
import { FilterSelect } from "../components/FilterSelect";
import { RatingBadge } from "../components/RatingBadge";
import { hintClass, useScrollEdges } from "../components/ScrollX";
import { Empty, ErrorState, Loading } from "../components/States";
import { fmtDateTime, fmtScore, thaiCollator } from "../format";
import { useT } from "../i18n";
import { useSession } from "../session";
import { shortBatchId } from "./import-logic";
import { CopyField, ErrorLine, NoAccess, retryServerErrors, statusOf, useInvalidateData } from "./page-kit";
import "./Admin.css";

type Role = Membership["role"];
type Invitation = z.infer<typeof InvitationSchema>;
type CreatedInvitation = z.infer<typeof CreatedInvitationSchema>;
type ApiToken = z.infer<typeof ApiTokenSchema>;
type CreatedToken = z.infer<typeof CreatedTokenSchema>;
type AuditPage = z.infer<typeof AuditPageSchema>;
type AuditEntry = AuditPage["entries"][number];

const ROLES: Role[] = ["admin", "analyst", "executive", "agency"];
const TYPES = ["pao", "city", "town", "subdistrict", "sao", "other"] as const;
const TABS = ["users", "invitations", "agencies", "tokens", "audit"] as const;
type Tab = (typeof TABS)[number];
/**
 * The audit filter offers what the API writes to a tenant's log (the lists come from contracts' zod-free module,
 * keeping zod out of the browser bundle). Sign-ins and API tokens are platform or personal events (tenant_id
 * null): they never show in this log, so they are not offered.
 */
const OUTSIDE_TENANT_LOG = new Set(["session", "token", "api_token"]);
const AUDIT_FILTER_ACTIONS = AUDIT_ACTIONS.filter((a) => !OUTSIDE_TENANT_LOG.has(a.split(".")[0] ?? ""));
const AUDIT_FILTER_ENTITIES = AUDIT_ENTITIES.filter((e) => !OUTSIDE_TENANT_LOG.has(e));

/** The tenant's agencies (all, or matching `q`), for the agency tab and the agency selects. */
function useAgencies(tenant: string, q = "") {
  return useQuery({
    queryKey: ["admin-agencies", tenant, q],
    queryFn: () => apiGet<AgencyListItem[]>(`/api/tenants/${tenant}/agencies${qs({ q })}`),
    retry: retryServerErrors,
    placeholderData: (prev) => prev,
  });
}

/** Administration: users, invitations, agencies, API tokens and the audit log, one tab each (?tab=). */
export default function Admin() {
  const { tenant = "" } = useParams();
  const { t } = useT();
  const { data: session } = useSession();
  const member = session?.memberships.find((m) => m.tenant === tenant);
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get("tab") as Tab | null;
  const tab: Tab = fromUrl && TABS.includes(fromUrl) ? fromUrl : "users";
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const tabList = useRef<HTMLDivElement>(null);
  // On a phone the tab row scrolls sideways: a shadow shows where more tabs hide.
  const tabEdges = useScrollEdges(tabList, member?.role === "admin");
  const select = (k: Tab, focus = false) => {
    setParams(new URLSearchParams({ tab: k }));
    if (focus) tabRefs.current[k]?.focus();
  };
  // On a phone the tab row scrolls sideways: keep the selected tab in sight.
  useEffect(() => {
    tabRefs.current[tab]?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [tab]);
  if (member && member.role !== "admin") {
    return (
      <article className="page admin-page">
        <h1>{t("admin.title")}</h1>
        <NoAccess />
      </article>
    );
  }
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === "ArrowRight"
        ? TABS[(i + 1) % TABS.length]
        : e.key === "ArrowLeft"
          ? TABS[(i - 1 + TABS.length) % TABS.length]
          : e.key === "Home"
            ? TABS[0]
            : e.key === "End"
              ? TABS[TABS.length - 1]
              : undefined;
    if (next) {
      e.preventDefault();
      select(next, true);
    }
  };
  return (
    <article className="page admin-page">
      <div className="page-head">
        <h1>{t("admin.title")}</h1>
      </div>
      <div className={`tabs-row ${hintClass(tabEdges)}`}>
        <div
          ref={tabList}
          role="tablist"
          aria-label={t("admin.title")}
          className="tabs"
          onKeyDown={onKeyDown}
          tabIndex={-1}
        >
          {TABS.map((k) => (
            <button
              key={k}
              ref={(el) => {
                tabRefs.current[k] = el;
              }}
              type="button"
              role="tab"
              id={`tab-${k}`}
              aria-selected={k === tab}
              aria-controls={`panel-${k}`}
              tabIndex={k === tab ? 0 : -1}
              onClick={() => select(k)}
            >
              {t(`admin.tabs.${k}`)}
            </button>
          ))}
        </div>
      </div>
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === "users" && <Users tenant={tenant} me={session?.user.id} />}
        {tab === "invitations" && <Invitations tenant={tenant} />}
        {tab === "agencies" && <Agencies tenant={tenant} />}
        {tab === "tokens" && <Tokens />}
        {tab === "audit" && <Audit tenant={tenant} />}
      </section>
    </article>
  );
}

/** A create form as a card: its title, an optional hint, the fields in a grid, the error, then the result. */
function CreateForm({
  title,
  hint,
  onSubmit,
  error,
  note,
  result,
  children,
}: {
  title: string;
  hint?: string;
  onSubmit: () => void;
  error: unknown;
  /** Under the fields (e.g. what the chosen role may do). */
  note?: ReactNode;
  /** What was created, announced politely (a link or a token to copy). */
  result: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <form
      className="section-card"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={`${id}-h`}>{title}</h3>
      {hint && <p className="hint">{hint}</p>}
      <div className="form-grid">{children}</div>
      {note}
      {error ? <ErrorLine error={error} /> : null}
      <div aria-live="polite">{result}</div>
    </form>
  );
}

/** A list under its heading: the last write's announcement or error, then loading, a refusal, or the rows. */
function ListOf<T>({
  title,
  announce,
  failure,
  query,
  children,
}: {
  title: string;
  announce: string;
  failure: unknown;
  query: UseQueryResult<T[]>;
  children: (rows: T[]) => ReactNode;
}) {
  return (
    <>
      <h3>{title}</h3>
      <Announce text={announce} />
      {failure ? <ErrorLine error={failure} /> : null}
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <QueryError error={query.error} retry={() => query.refetch()} />
      ) : (
        children(query.data)
      )}
    </>
  );
}

/** The actions column of a list whose rows can be revoked (after a confirmation). */
function revokeColumn<T>(o: {
  head: string;
  text: string;
  can: (row: T) => boolean;
  label: (row: T) => string;
  confirm: (row: T) => string;
  busy: boolean;
  onRevoke: (row: T) => void;
}): Column<T> {
  return {
    key: "actions",
    head: o.head,
    hideHead: true,
    label: false,
    className: "row-actions",
    cell: (row) =>
      o.can(row) && (
        <button
          type="button"
          className="danger"
          disabled={o.busy}
          aria-label={o.label(row)}
          onClick={() => {
            if (window.confirm(o.confirm(row))) o.onRevoke(row);
          }}
        >
          {o.text}
        </button>
      ),
  };
}

/** A query's error: a polite "no access" for 403, else the error in words. */
function QueryError({ error, retry }: { error: unknown; retry: () => void }) {
  if (statusOf(error) === 403) return <NoAccess />;
  return <ErrorState error={error} onRetry={retry} />;
}

function Announce({ text }: { text: string }) {
  return (
    <p className="kit-ok" role="status" aria-live="polite">
      {text}
    </p>
  );
}

function AgencySelect({
  tenant,
  value,
  onChange,
  label,
  required,
  hideLabel,
}: {
  tenant: string;
  value: string;
  onChange: (code: string) => void;
  label: string;
  required?: boolean;
  hideLabel?: boolean;
}) {
  const { t } = useT();
  const agencies = useAgencies(tenant);
  const sorted = useMemo(
    () => [...(agencies.data ?? [])].sort((a, b) => thaiCollator.compare(a.nameTh, b.nameTh)),
    [agencies.data],
  );
  return (
    <label className="field">
      <span className={hideLabel ? "sr-only" : required ? "req" : undefined}>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} required={required}>
        <option value="">{agencies.isPending ? t("common.loading") : t("admin.pickAgency")}</option>
        {sorted.map((a) => (
          <option key={a.code} value={a.code}>
            {a.nameTh} ({a.code})
          </option>
        ))}
        {value && !sorted.some((a) => a.code === value) && <option value={value}>{value}</option>}
      </select>
    </label>
  );
}

// ───────────────────────────── users ─────────────────────────────

interface Draft {
  role: Role;
  agencyCode: string;
}

function Users({ tenant, me }: { tenant: string; me: string | undefined }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const invalidate = useInvalidateData();
  const members = useQuery({
    queryKey: ["members", tenant],
    queryFn: () => apiGet<Member[]>(`/api/tenants/${tenant}/members`),
    retry: retryServerErrors,
  });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [announce, setAnnounce] = useState("");
  const afterWrite = (userId: string) => {
    setDrafts(({ [userId]: _, ...rest }) => rest);
    void invalidate();
    if (userId === me) void client.invalidateQueries({ queryKey: ["session"] });
  };
  const update = useMutation({
    mutationFn: ({ m, draft }: { m: Member; draft: Draft }) =>
      apiSend<Member>(
        "PATCH",
        `/api/tenants/${tenant}/members/${encodeURIComponent(m.userId)}`,
        draft.role === "agency" ? { role: draft.role, agencyCode: draft.agencyCode } : { role: draft.role },
      ),
    onMutate: () => setAnnounce(""),
    onSuccess: (r, { m }) => {
      setAnnounce(t("admin.users.saved", { name: m.name || m.email, role: t(`roles.${r.role}`) }));
      afterWrite(m.userId);
    },
  });
  const remove = useMutation({
    mutationFn: (m: Member) =>
      apiSend<void>("DELETE", `/api/tenants/${tenant}/members/${encodeURIComponent(m.userId)}`),
    onMutate: () => setAnnounce(""),
    onSuccess: (_r, m) => {
      setAnnounce(t("admin.users.removed", { name: m.name || m.email }));
      afterWrite(m.userId);
    },
  });
  const rows = useMemo(
    () =>
      [...(members.data ?? [])].sort(
        (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || thaiCollator.compare(a.name, b.name),
      ),
    [members.data],
  );
  if (members.isPending) return <Loading />;
  if (members.isError) return <QueryError error={members.error} retry={() => members.refetch()} />;
  const failed = update.isError
    ? t("admin.users.saveFailed", { name: update.variables?.m.name || update.variables?.m.email })
    : remove.isError
      ? t("admin.users.removeFailed", { name: remove.variables?.name || remove.variables?.email })
      : "";
  const error = update.error ?? remove.error;
  return (
    <>
      <h2>{t("admin.users.title")}</h2>
      <p className="hint">{t("admin.users.hint")}</p>
      <Announce text={announce} />
      {error && <ErrorLine error={error} title={failed} />}
      <DataTable
        caption={t("admin.users.title")}
        className="admin-table users-table"
        stack
        rows={rows.map((m) => {
          const draft = drafts[m.userId] ?? { role: m.role, agencyCode: m.agencyCode ?? "" };
          return {
            m,
            draft,
            who: m.name || m.email,
            dirty: draft.role !== m.role || (draft.role === "agency" && draft.agencyCode !== m.agencyCode),
            valid: draft.role !== "agency" || draft.agencyCode !== "",
            setDraft: (d: Partial<Draft>) => setDrafts((all) => ({ ...all, [m.userId]: { ...draft, ...d } })),
          };
        })}
        rowKey={(r) => r.m.userId}
        columns={[
          {
            key: "person",
            head: t("admin.users.person"),
            rowHeader: true,
            className: "person",
            cell: ({ m }) => (
              <>
                <span>{m.name}</span>
                {m.userId === me && <span className="status-badge muted">{t("admin.users.you")}</span>}
                <span className="hint block">{m.email}</span>
              </>
            ),
          },
          {
            key: "role",
            head: t("admin.role"),
            cell: ({ draft, who, setDraft }) => (
              <label className="field">
                <span className="sr-only">{t("admin.users.roleOf", { name: who })}</span>
                <select value={draft.role} onChange={(e) => setDraft({ role: e.target.value as Role })}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
            ),
          },
          {
            key: "agency",
            head: t("admin.agency"),
            cell: ({ draft, who, setDraft }) =>
              draft.role === "agency" ? (
                <AgencySelect
                  tenant={tenant}
                  value={draft.agencyCode}
                  onChange={(code) => setDraft({ agencyCode: code })}
                  label={t("admin.users.agencyOf", { name: who })}
                  hideLabel
                  required
                />
              ) : (
                "–"
              ),
          },
          {
            key: "since",
            head: t("admin.users.since"),
            className: "nowrap",
            cell: ({ m }) => fmtDateTime(m.since, lang),
          },
          {
            key: "actions",
            head: t("admin.actions"),
            hideHead: true,
            label: false,
            className: "row-actions",
            cell: ({ m, draft, who, dirty, valid }) => (
              <>
                {dirty && (
                  <>
                    <button
                      type="button"
                      className="primary"
                      disabled={!valid || update.isPending}
                      onClick={() => {
                        if (m.userId === me && draft.role !== "admin" && !window.confirm(t("admin.users.confirmSelf")))
                          return;
                        update.mutate({ m, draft });
                      }}
                    >
                      {t("admin.save")}
                    </button>
                    <button
                      type="button"
                      onClick={() => setDrafts(({ [m.userId]: _, ...rest }) => rest)}
                      aria-label={t("admin.users.undoOf", { name: who })}
                    >
                      {t("admin.cancel")}
                    </button>
                  </>
                )}
                <button
                  type="button"
                  className="danger"
                  disabled={remove.isPending}
                  aria-label={t("admin.users.removeOf", { name: who })}
                  onClick={() => {
                    const text =
                      m.userId === me
                        ? t("admin.users.confirmRemoveSelf")
                        : t("admin.users.confirmRemove", { name: who, email: m.email });
                    if (window.confirm(text)) remove.mutate(m);
                  }}
                >
                  {t("admin.users.remove")}
                </button>
              </>
            ),
          },
        ]}
      />
    </>
  );
}

// ───────────────────────────── invitations ─────────────────────────────

function inviteStatusTone(s: Invitation["status"]) {
  return s === "pending" ? "warn" : s === "accepted" ? "ok" : "muted";
}

function Invitations({ tenant }: { tenant: string }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ["invitations", tenant],
    queryFn: () => apiGet<Invitation[]>(`/api/tenants/${tenant}/invitations`),
    retry: retryServerErrors,
  });
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("analyst");
  const [agencyCode, setAgencyCode] = useState("");
  const [announce, setAnnounce] = useState("");
  const create = useMutation({
    mutationFn: () =>
      apiSend<CreatedInvitation>(
        "POST",
        `/api/tenants/${tenant}/invitations`,
        role === "agency" ? { email, role, agencyCode } : { email, role },
      ),
    onSuccess: () => {
      setEmail("");
      return client.invalidateQueries({ queryKey: ["invitations", tenant] });
    },
  });
  const revoke = useMutation({
    mutationFn: (inv: Invitation) => apiSend<void>("DELETE", `/api/tenants/${tenant}/invitations/${inv.id}`),
    onMutate: () => setAnnounce(""),
    onSuccess: (_r, inv) => {
      setAnnounce(t("admin.invitations.revoked", { email: inv.email }));
      return client.invalidateQueries({ queryKey: ["invitations", tenant] });
    },
  });
  const created = create.data;
  return (
    <>
      <h2>{t("admin.invitations.title")}</h2>
      <CreateForm
        title={t("admin.invitations.new")}
        hint={t("admin.invitations.hint")}
        onSubmit={() => {
          setAnnounce("");
          create.mutate();
        }}
        error={create.isError ? create.error : null}
        note={<p className="hint role-hint">{t(`admin.roleHints.${role}`)}</p>}
        result={
          created && (
            <div className="created-box" role="status">
              <p>
                <strong>
                  {t("admin.invitations.created", {
                    email: created.invitation.email,
                    role: t(`roles.${created.invitation.role}`),
                  })}
                </strong>
              </p>
              <p className="hint">
                {t("admin.invitations.passOn", { when: fmtDateTime(created.link.expiresAt, lang) })}
              </p>
              <CopyField value={created.link.url} label={t("admin.invitations.link")} />
            </div>
          )
        }
      >
        <label className="field wide">
          <span className="req">{t("admin.email")}</span>
          <input
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            maxLength={254}
          />
        </label>
        <label className="field">
          <span className="req">{t("admin.role")}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        {role === "agency" && (
          <AgencySelect
            tenant={tenant}
            value={agencyCode}
            onChange={setAgencyCode}
            label={t("admin.agency")}
            required
          />
        )}
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t("admin.working") : t("admin.invitations.send")}
        </button>
      </CreateForm>
      <ListOf
        title={t("admin.invitations.list")}
        announce={announce}
        failure={revoke.isError ? revoke.error : null}
        query={list}
      >
        {(rows) => (
          <DataTable
            caption={t("admin.invitations.list")}
            className="admin-table"
            stack
            empty={t("admin.invitations.none")}
            rows={rows}
            rowKey={(inv) => inv.id}
            columns={[
              { key: "email", head: t("admin.email"), rowHeader: true, className: "person", cell: (inv) => inv.email },
              { key: "role", head: t("admin.role"), cell: (inv) => t(`roles.${inv.role}`) },
              { key: "agency", head: t("admin.agency"), className: "mono", cell: (inv) => inv.agencyCode ?? "–" },
              {
                key: "status",
                head: t("admin.status"),
                cell: (inv) => (
                  <span className={`status-badge ${inviteStatusTone(inv.status)}`}>
                    {t(`admin.invitations.status.${inv.status}`)}
                  </span>
                ),
              },
              {
                key: "sent",
                head: t("admin.invitations.sent"),
                className: "nowrap",
                cell: (inv) => fmtDateTime(inv.createdAt, lang),
              },
              {
                key: "expires",
                head: t("admin.invitations.expires"),
                className: "nowrap",
                cell: (inv) => fmtDateTime(inv.expiresAt, lang),
              },
              revokeColumn<Invitation>({
                head: t("admin.actions"),
                text: t("admin.revoke"),
                can: (inv) => inv.status === "pending",
                label: (inv) => t("admin.invitations.revokeOf", { email: inv.email }),
                confirm: (inv) => t("admin.invitations.confirmRevoke", { email: inv.email }),
                busy: revoke.isPending,
                onRevoke: (inv) => revoke.mutate(inv),
              }),
            ]}
          />
        )}
      </ListOf>
    </>
  );
}

// ───────────────────────────── agencies ─────────────────────────────

const PAGE = 200;

function Agencies({ tenant }: { tenant: string }) {
  const { t, lang } = useT();
  const [params, patch] = useUrlParams();
  const q = params.get("q") ?? "";
  const deferredQ = useDeferredValue(q.trim());
  const agencies = useAgencies(tenant, deferredQ);
  const [editing, setEditing] = useState<AgencyListItem | "new" | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [announce, setAnnounce] = useState("");
  const editBtn = useRef<HTMLButtonElement | null>(null);
  const setQ = (v: string) => patch({ q: v });
  const rows = agencies.data ?? [];
  return (
    <>
      <div className="panel-head">
        <h2>{t("admin.agencies.title")}</h2>
        <button
          type="button"
          className="primary"
          onClick={(e) => {
            editBtn.current = e.currentTarget;
            setAnnounce("");
            setEditing("new");
          }}
        >
          {t("admin.agencies.add")}
        </button>
      </div>
      <Announce text={announce} />
      {editing && (
        <AgencyForm
          tenant={tenant}
          agency={editing === "new" ? null : editing}
          onDone={(saved, created) => {
            setEditing(null);
            if (saved)
              setAnnounce(
                t(created ? "admin.agencies.created" : "admin.agencies.updated", {
                  name: saved.nameTh,
                  code: saved.code,
                }),
              );
            editBtn.current?.focus();
          }}
        />
      )}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field grow">
          {t("admin.agencies.search")}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
      </form>
      {agencies.isPending ? (
        <Loading />
      ) : agencies.isError ? (
        <QueryError error={agencies.error} retry={() => agencies.refetch()} />
      ) : rows.length === 0 ? (
        <Empty>{q ? t("admin.agencies.noMatch") : t("admin.agencies.none")}</Empty>
      ) : (
        <>
          <p className="count" aria-live="polite">
            {t("admin.agencies.count", { count: rows.length })}
          </p>
          <DataTable
            caption={t("admin.agencies.title")}
            className="admin-table agencies-table"
            stack
            rows={rows.slice(0, shown)}
            rowKey={(a) => a.code}
            columns={[
              { key: "code", head: t("admin.agencies.code"), className: "mono", cell: (a) => a.code },
              {
                key: "name",
                head: t("common.name"),
                rowHeader: true,
                className: "person",
                cell: (a) => (
                  <>
                    {a.nameTh}
                    {a.nameEn && (
                      <span className="hint block" lang="en">
                        {a.nameEn}
                      </span>
                    )}
                  </>
                ),
              },
              { key: "type", head: t("common.type"), cell: (a) => t(`types.${a.type}`) },
              { key: "size", head: t("common.size"), cell: (a) => a.size ?? "–" },
              { key: "district", head: t("common.district"), cell: (a) => a.district ?? "–" },
              {
                key: "latest",
                head: t("admin.agencies.latest"),
                num: true,
                cell: (a) => (
                  <div>
                    {fmtScore(a.latestTotal, lang)}
                    {a.latestYear && <span className="hint block">{a.latestYear}</span>}
                  </div>
                ),
              },
              {
                key: "rating",
                head: t("common.rating"),
                cell: (a) => (a.rating ? <RatingBadge rating={a.rating.key} /> : "–"),
              },
              {
                key: "actions",
                head: t("admin.actions"),
                hideHead: true,
                label: false,
                className: "row-actions",
                cell: (a) => (
                  <button
                    type="button"
                    aria-label={t("admin.agencies.editOf", { name: a.nameTh })}
                    onClick={(e) => {
                      editBtn.current = e.currentTarget;
                      setAnnounce("");
                      setEditing(a);
                    }}
                  >
                    {t("admin.edit")}
                  </button>
                ),
              },
            ]}
          />
          {rows.length > shown && (
            <button type="button" className="more" onClick={() => setShown((n) => n + PAGE)}>
              {t("admin.showMore", { count: rows.length - shown })}
            </button>
          )}
        </>
      )}
    </>
  );
}

function AgencyForm({
  tenant,
  agency,
  onDone,
}: {
  tenant: string;
  agency: AgencyListItem | null;
  onDone: (saved: Agency | null, created: boolean) => void;
}) {
  const { t } = useT();
  const invalidate = useInvalidateData();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [v, setV] = useState({
    code: agency?.code ?? "",
    nameTh: agency?.nameTh ?? "",
    nameEn: agency?.nameEn ?? "",
    type: agency?.type ?? "sao",
    size: agency?.size ?? "",
    district: agency?.district ?? "",
    website: agency?.website ?? "",
  });
  useEffect(() => heading.current?.focus(), []);
  // PUT creates or updates: a "new" agency must not silently overwrite an existing one.
  const all = useAgencies(tenant).data ?? [];
  const clash = agency === null ? all.find((a) => a.code === v.code.trim()) : undefined;
  const save = useMutation({
    mutationFn: () => {
      const body = {
        nameTh: v.nameTh.trim(),
        nameEn: v.nameEn.trim() || null,
        type: v.type,
        size: v.size || null,
        district: v.district.trim() || null,
        website: v.website.trim() || null,
      };
      return apiSend<Agency>("PUT", `/api/tenants/${tenant}/agencies/${encodeURIComponent(v.code.trim())}`, body);
    },
    onSuccess: (saved) => {
      void invalidate();
      onDone(saved, agency === null);
    },
  });
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setV((old) => ({ ...old, [k]: e.target.value }));
  return (
    <form
      className="section-card agency-form"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!clash) save.mutate();
      }}
    >
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {agency ? t("admin.agencies.editTitle", { name: agency.nameTh }) : t("admin.agencies.newTitle")}
      </h3>
      <div className="form-grid">
        <label className="field">
          <span className="req">{t("admin.agencies.code")}</span>
          <input
            required
            value={v.code}
            onChange={set("code")}
            readOnly={agency !== null}
            pattern="[A-Za-z0-9._\-]{1,40}"
            maxLength={40}
            aria-describedby={`${id}-code`}
          />
          <span id={`${id}-code`} className="hint">
            {agency ? t("admin.agencies.codeFixed") : t("admin.agencies.codeHint")}
          </span>
        </label>
        <label className="field wide">
          <span className="req">{t("admin.agencies.nameTh")}</span>
          <input required minLength={2} maxLength={200} value={v.nameTh} onChange={set("nameTh")} lang="th" />
        </label>
        <label className="field wide">
          {t("admin.agencies.nameEn")}
          <input maxLength={200} value={v.nameEn} onChange={set("nameEn")} lang="en" />
        </label>
        <label className="field">
          <span className="req">{t("common.type")}</span>
          <select value={v.type} onChange={set("type")}>
            {TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`types.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t("common.size")}
          <select value={v.size} onChange={set("size")}>
            <option value="">{t("admin.unknown")}</option>
            {["S", "M", "L"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t("common.district")}
          <input maxLength={120} value={v.district} onChange={set("district")} />
        </label>
        <label className="field wide">
          {t("admin.agencies.website")}
          <input type="url" maxLength={500} value={v.website} onChange={set("website")} placeholder="https://" />
        </label>
      </div>
      {clash && (
        <p className="kit-error" role="alert">
          {t("admin.agencies.clash", { code: clash.code, name: clash.nameTh })}
        </p>
      )}
      {save.isError && <ErrorLine error={save.error} />}
      <p className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t("admin.working") : t("admin.save")}
        </button>
        <button type="button" onClick={() => onDone(null, false)}>
          {t("admin.cancel")}
        </button>
      </p>
    </form>
  );
}

// ───────────────────────────── API tokens ─────────────────────────────

function tokenState(tk: ApiToken): "active" | "expired" | "revoked" {
  if (tk.revokedAt) return "revoked";
  return new Date(tk.expiresAt).getTime() < Date.now() ? "expired" : "active";
}

function Tokens() {
  const { t, lang } = useT();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ["tokens"],
    queryFn: () => apiGet<ApiToken[]>("/api/tokens"),
    retry: retryServerErrors,
  });
  const [name, setName] = useState("");
  const [days, setDays] = useState(90);
  const [shownToken, setShownToken] = useState<CreatedToken | null>(null);
  const [announce, setAnnounce] = useState("");
  const create = useMutation({
    mutationFn: () => apiSend<CreatedToken>("POST", "/api/tokens", { name: name.trim(), expiresInDays: days }),
    onMutate: () => setAnnounce(""),
    onSuccess: (tk) => {
      setShownToken(tk);
      setName("");
      return client.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (tk: ApiToken) => apiSend<void>("DELETE", `/api/tokens/${tk.id}`),
    onMutate: () => setAnnounce(""),
    onSuccess: (_r, tk) => {
      setAnnounce(t("admin.tokens.revoked", { name: tk.name }));
      if (shownToken?.id === tk.id) setShownToken(null);
      return client.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const origin = typeof window !== "undefined" ? window.location.origin : "";
  return (
    <>
      <h2>{t("admin.tokens.title")}</h2>
      <p className="hint">{t("admin.tokens.hint")}</p>
      <CreateForm
        title={t("admin.tokens.new")}
        onSubmit={() => create.mutate()}
        error={create.isError ? create.error : null}
        result={
          shownToken && (
            <div className="created-box secret" role="status">
              <p>
                <strong>{t("admin.tokens.createdTitle", { name: shownToken.name })}</strong>
              </p>
              <p className="notice">
                <span aria-hidden="true">⚠ </span>
                {t("admin.tokens.once")}
              </p>
              <CopyField value={shownToken.token} label={t("admin.tokens.value")} />
              <p className="hint">{t("admin.tokens.usage")}</p>
              <pre className="usage mono">
                curl -H "Authorization: Bearer {shownToken.token.slice(0, 6)}…" {origin}/api/session
              </pre>
              <button type="button" onClick={() => setShownToken(null)}>
                {t("admin.tokens.doneCopy")}
              </button>
            </div>
          )
        }
      >
        <label className="field wide">
          <span className="req">{t("admin.tokens.name")}</span>
          <input
            required
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t("admin.tokens.namePlaceholder")}
          />
        </label>
        <label className="field">
          {t("admin.tokens.validFor")}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[30, 90, 180, 365].map((d) => (
              <option key={d} value={d}>
                {t("admin.tokens.days", { count: d })}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={create.isPending || !name.trim()}>
          {create.isPending ? t("admin.working") : t("admin.tokens.create")}
        </button>
      </CreateForm>
      <ListOf
        title={t("admin.tokens.list")}
        announce={announce}
        failure={revoke.isError ? revoke.error : null}
        query={list}
      >
        {(rows) => (
          <DataTable
            caption={t("admin.tokens.list")}
            className="admin-table"
            stack
            empty={t("admin.tokens.none")}
            rows={rows}
            rowKey={(tk) => tk.id}
            columns={[
              {
                key: "name",
                head: t("admin.tokens.name"),
                rowHeader: true,
                className: "person",
                cell: (tk) => tk.name,
              },
              {
                key: "status",
                head: t("admin.status"),
                cell: (tk) => {
                  const state = tokenState(tk);
                  return (
                    <div>
                      <span
                        className={`status-badge ${state === "active" ? "ok" : state === "expired" ? "warn" : "muted"}`}
                      >
                        {t(`admin.tokens.state.${state}`)}
                      </span>
                      {tk.revokedAt && <span className="hint block">{fmtDateTime(tk.revokedAt, lang)}</span>}
                    </div>
                  );
                },
              },
              {
                key: "created",
                head: t("admin.tokens.createdAt"),
                className: "nowrap",
                cell: (tk) => fmtDateTime(tk.createdAt, lang),
              },
              {
                key: "expires",
                head: t("admin.tokens.expiresAt"),
                className: "nowrap",
                cell: (tk) => fmtDateTime(tk.expiresAt, lang),
              },
              {
                key: "used",
                head: t("admin.tokens.lastUsed"),
                className: "nowrap",
                cell: (tk) => (tk.lastUsedAt ? fmtDateTime(tk.lastUsedAt, lang) : t("admin.tokens.never")),
              },
              revokeColumn<ApiToken>({
                head: t("admin.actions"),
                text: t("admin.revoke"),
                can: (tk) => tokenState(tk) === "active",
                label: (tk) => t("admin.tokens.revokeOf", { name: tk.name }),
                confirm: (tk) => t("admin.tokens.confirmRevoke", { name: tk.name }),
                busy: revoke.isPending,
                onRevoke: (tk) => revoke.mutate(tk),
              }),
            ]}
          />
        )}
      </ListOf>
    </>
  );
}

// ───────────────────────────── audit log ─────────────────────────────

const AUDIT_PAGE = 50;

function Audit({ tenant }: { tenant: string }) {
  const { t, lang } = useT();
  const [params, set] = useUrlParams();
  const filters = {
    action: params.get("action") ?? "",
    entity: params.get("entity") ?? "",
    actor: params.get("actor") ?? "",
  };
  const [actor, setActor] = useState(filters.actor);
  const log = useInfiniteQuery({
    queryKey: ["audit", tenant, filters],
    queryFn: ({ pageParam }) =>
      apiGet<AuditPage>(
        `/api/tenants/${tenant}/audit${qs({
          action: filters.action,
          entity: filters.entity,
          actor: filters.actor.trim(),
          before: pageParam,
          limit: AUDIT_PAGE,
        })}`,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    retry: retryServerErrors,
  });
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  const actionLabel = (a: string) => t(`admin.audit.actions.${a.replace(".", "_")}`, { defaultValue: a });
  return (
    <>
      <h2>{t("admin.audit.title")}</h2>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          set({ actor: actor.trim() });
        }}
      >
        <FilterSelect
          label={t("admin.audit.action")}
          value={filters.action}
          options={AUDIT_FILTER_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) }))}
          onChange={(action) => set({ action })}
        />
        <FilterSelect
          label={t("admin.audit.entity")}
          value={filters.entity}
          options={AUDIT_FILTER_ENTITIES.map((a) => ({ value: a, label: t(`admin.audit.entities.${a}`) }))}
          onChange={(entity) => set({ entity })}
        />
        <label className="field grow">
          {t("admin.audit.actor")}
          <input
            type="search"
            value={actor}
            onChange={(e) => setActor(e.target.value)}
            placeholder="name@example.go.th"
          />
        </label>
        <button type="submit">{t("admin.audit.apply")}</button>
        {(filters.action || filters.entity || filters.actor) && (
          <button
            type="button"
            onClick={() => {
              setActor("");
              set({ action: "", entity: "", actor: "" });
            }}
          >
            {t("admin.audit.clear")}
          </button>
        )}
      </form>
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <QueryError error={log.error} retry={() => log.refetch()} />
      ) : entries.length === 0 ? (
        <Empty>{t("admin.audit.none")}</Empty>
      ) : (
        <>
          <p className="count" aria-live="polite">
            {log.hasNextPage
              ? t("admin.audit.shownMore", { count: entries.length })
              : t("admin.audit.shown", { count: entries.length })}
          </p>
          <DataTable
            caption={t("admin.audit.title")}
            className="admin-table audit-table"
            stack
            rows={entries}
            rowKey={(e) => e.id}
            columns={[
              { key: "when", head: t("admin.audit.when"), className: "nowrap", cell: (e) => fmtDateTime(e.at, lang) },
              {
                key: "actor",
                head: t("admin.audit.actor"),
                className: "actor",
                cell: (e) => e.actor.email ?? e.actor.label ?? "–",
              },
              {
                key: "action",
                head: t("admin.audit.action"),
                cell: (e) => (
                  <div>
                    {actionLabel(e.action)}
                    <span className="hint block mono">{e.action}</span>
                  </div>
                ),
              },
              {
                key: "entity",
                head: t("admin.audit.entity"),
                cell: (e) => (
                  <div>
                    {t(`admin.audit.entities.${e.entity}`, { defaultValue: e.entity })}
                    {e.entityId && <EntityId entry={e} />}
                  </div>
                ),
              },
              {
                key: "change",
                head: t("admin.audit.change"),
                className: "change-cell",
                cell: (e) => <AuditChange entry={e} />,
              },
            ]}
          />
          {log.hasNextPage && (
            <button
              type="button"
              className="more"
              onClick={() => log.fetchNextPage()}
              disabled={log.isFetchingNextPage}
            >
              {log.isFetchingNextPage ? t("common.loading") : t("admin.audit.older")}
            </button>
          )}
        </>
      )}
    </>
  );
}

/** An entry's entity id; an import batch as its file name and short id (the 16-digit id stays in the title). */
function EntityId({ entry }: { entry: AuditEntry }) {
  const id = entry.entityId ?? "";
  if (entry.entity !== "import" || !/^\d+$/.test(id)) return <span className="hint block mono">{id}</span>;
  const file = isRecord(entry.after) && typeof entry.after.fileName === "string" ? entry.after.fileName : null;
  return (
    <span className="hint block" title={`#${id}`}>
      {file && <span className="mono">{file} · </span>}
      <span className="mono">#{shortBatchId(id)}</span>
    </span>
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value in one short line: JSON, cut at 40 characters (the full JSON is one click away). */
function short(v: unknown): string {
  if (v === undefined || v === null) return "–";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** The fields an entry changed, "key: before → after", and the full JSON in a disclosure. */
function AuditChange({ entry }: { entry: AuditEntry }) {
  const { t } = useT();
  const { before, after } = entry;
  if (before == null && after == null) return <span className="hint">–</span>;
  const lines: { key: string; from?: unknown; to?: unknown; changed: boolean }[] = [];
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      const changed = JSON.stringify(b[key]) !== JSON.stringify(a[key]);
      if (before != null && after != null && !changed) continue;
      lines.push({ key, from: b[key], to: a[key], changed });
    }
  }
  const shownLines = lines.slice(0, 8);
  const diff = before != null && after != null;
  return (
    <div className={`audit-change${diff ? " diff" : ""}`}>
      {lines.length > 0 ? (
        <ul>
          {shownLines.map((l) => (
            <li key={l.key}>
              <code>{l.key}</code>:{" "}
              {before != null && l.from !== undefined && (
                <>
                  <del>{short(l.from)}</del>
                  <span aria-hidden="true"> → </span>
                  <span className="sr-only"> {t("admin.audit.to")} </span>
                </>
              )}
              {l.to !== undefined ? <ins>{short(l.to)}</ins> : <em>{t("admin.audit.removed")}</em>}
            </li>
          ))}
          {lines.length > shownLines.length && <li className="hint">…</li>}
        </ul>
      ) : (
        <span className="mono">
          {short(before)} → {short(after)}
        </span>
      )}
      <details>
        <summary>{t("admin.audit.json")}</summary>
        <pre className="mono">{JSON.stringify({ before, after }, null, 2)}</pre>
      </details>
    </div>
  );
}
