import type { InvitationPreviewSchema } from "@prongsai/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { z } from "zod";
import { apiGet, apiSend } from "../api/client";
import type { Session } from "../api/types";
import { Brand } from "../components/Brand";
import { Loading } from "../components/States";
import { fmtDateTime } from "../format";
import { setLanguage, useT } from "../i18n";
import { homeOf, useSession } from "../session";
import { pickLang, problemList, problemText, statusOf } from "./page-kit";
import "./AcceptInvite.css";

type Preview = z.infer<typeof InvitationPreviewSchema>;

/** The page an invitation link opens: a new person sets a password, an existing one confirms theirs. */
export default function AcceptInvite() {
  const { token = "" } = useParams();
  const { t, lang } = useT();
  const preview = useQuery({
    queryKey: ["invitation", token],
    queryFn: () => apiGet<Preview>(`/api/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });
  return (
    <main id="main" className="signin invite-page">
      <div className="invite-top">
        <Brand as="p" />
        <button
          type="button"
          onClick={() => setLanguage(lang === "th" ? "en" : "th")}
          lang={lang === "th" ? "en" : "th"}
        >
          {t("nav.language")}
        </button>
      </div>
      <h1>{t("invite.title")}</h1>
      {preview.isPending ? (
        <Loading />
      ) : preview.isError ? (
        <Unusable error={preview.error} />
      ) : (
        <AcceptForm token={token} preview={preview.data} />
      )}
    </main>
  );
}

/** 404 (unknown link), 410 (used, expired, revoked) or another failure, in words, with a way on. */
function Unusable({ error }: { error: unknown }) {
  const { t, lang } = useT();
  const status = statusOf(error);
  const text =
    status === 404
      ? t("invite.notFound")
      : status === 410
        ? problemText(error, lang, t("invite.gone"))
        : problemText(error, lang, t("invite.network"));
  return (
    <div className="invite-card">
      <div className="kit-error" role="alert">
        <strong>{status === 404 || status === 410 ? t("invite.unusable") : t("common.error")}</strong>
        <p>{text}</p>
      </div>
      <p>{status === 404 || status === 410 ? t("invite.askAgain") : null}</p>
      <p>
        <Link to="/signin">{t("invite.toSignIn")}</Link>
      </p>
    </div>
  );
}

function AcceptForm({ token, preview }: { token: string; preview: Preview }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const id = useId();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const existing = preview.accountExists;
  const accept = useMutation({
    mutationFn: () =>
      apiSend<Session>("POST", `/api/invitations/${encodeURIComponent(token)}`, {
        password,
        ...(!existing && name.trim() ? { name: name.trim() } : {}),
      }),
    onSuccess: (body) => {
      client.clear();
      client.setQueryData(["session"], body);
      const joined = body.memberships.find((m) => m.tenant === preview.tenant);
      navigate(joined ? homeOf(joined) : "/", { replace: true });
    },
  });
  const status = statusOf(accept.error);
  const passwordProblems = status === 400 ? problemList(accept.error, lang) : [];
  const errorText = !accept.isError
    ? null
    : status === 401
      ? t("invite.wrongPassword")
      : status === 400
        ? problemText(accept.error, lang, t("invite.policy"))
        : problemText(accept.error, lang, t("invite.network"));
  const role = t(`roles.${preview.role}`);
  const signedInElsewhere = session && session.user.email.toLowerCase() !== preview.email.toLowerCase();
  const describedBy = [`${id}-pw-hint`, accept.isError ? `${id}-err` : ""].filter(Boolean).join(" ");
  return (
    <form
      className="invite-card"
      onSubmit={(e) => {
        e.preventDefault();
        if (!existing && password !== repeat) {
          setMismatch(true);
          return;
        }
        setMismatch(false);
        accept.mutate();
      }}
    >
      <p className="invite-for">
        {preview.agencyCode
          ? t("invite.forAgency", { tenant: preview.tenantName, role, agency: preview.agencyCode })
          : t("invite.for", { tenant: preview.tenantName, role })}
      </p>
      <dl className="invite-facts">
        <div>
          <dt>{t("invite.email")}</dt>
          <dd>{preview.email}</dd>
        </div>
        <div>
          <dt>{t("invite.expires")}</dt>
          <dd>{fmtDateTime(preview.expiresAt, lang)}</dd>
        </div>
      </dl>
      {signedInElsewhere && (
        <p className="notice" role="note">
          {t("invite.signedInAs", { email: session.user.email })}
        </p>
      )}
      <p className="hint">{existing ? t("invite.existingHint") : t("invite.newHint")}</p>
      {/* The email as a hidden username field, so password managers save the right account. */}
      <input type="email" name="username" autoComplete="username" value={preview.email} readOnly hidden />
      {!existing && (
        <label>
          {t("invite.name")}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="name"
            maxLength={120}
            aria-describedby={`${id}-name-hint`}
          />
          <span id={`${id}-name-hint`} className="hint">
            {t("invite.nameHint")}
          </span>
        </label>
      )}
      <label>
        <span className="req">{existing ? t("invite.currentPassword") : t("invite.newPassword")}</span>
        <input
          type="password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete={existing ? "current-password" : "new-password"}
          minLength={existing ? 1 : 10}
          maxLength={256}
          aria-invalid={passwordProblems.length > 0 || status === 401 || undefined}
          aria-describedby={describedBy}
        />
        <span id={`${id}-pw-hint`} className="hint">
          {existing ? t("invite.currentPasswordHint") : t("invite.policyHint")}
        </span>
      </label>
      {!existing && (
        <label>
          <span className="req">{t("invite.repeatPassword")}</span>
          <input
            type="password"
            required
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            autoComplete="new-password"
            maxLength={256}
            aria-invalid={mismatch || undefined}
            aria-describedby={mismatch ? `${id}-mismatch` : undefined}
          />
        </label>
      )}
      {mismatch && (
        <p id={`${id}-mismatch`} className="kit-error" role="alert">
          {t("invite.mismatch")}
        </p>
      )}
      {errorText && (
        <div id={`${id}-err`} className="kit-error" role="alert">
          <p>{errorText}</p>
          {passwordProblems.length > 0 && (
            <ul>
              {passwordProblems.map((p) => (
                <li key={p.message}>{pickLang(p.message, lang)}</li>
              ))}
            </ul>
          )}
          {status === 409 && (
            <p>
              <Link to="/signin">{t("invite.toSignIn")}</Link>
            </p>
          )}
        </div>
      )}
      <button type="submit" className="primary" disabled={accept.isPending}>
        {accept.isPending ? t("invite.joining") : existing ? t("invite.join") : t("invite.create")}
      </button>
    </form>
  );
}
