import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { problemText } from "../api/problem-text";
import type { Session } from "../api/types";
import { useT } from "../i18n";
import { landingOf, safeNext, useSession, useSignIn } from "../session";

export function SignIn() {
  const { t, lang } = useT();
  const { data: session } = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [params] = useSearchParams();
  // Only our own signed-in pages are valid targets (never an outside URL).
  const next = safeNext(params.get("next"));
  // Signed in: where the session lands (an operator without memberships on /platform); an account with neither
  // memberships nor operator rights goes home, which says so (never this form again).
  const target = (s: Session) => next ?? landingOf(s) ?? "/";
  if (session) return <Navigate to={target(session)} replace />;
  // The API's words in the UI's language; no answer at all is a connection problem, not a wrong password.
  const error = signIn.error
    ? problemText(signIn.error, lang, signIn.error instanceof ApiError ? t("auth.failed") : t("common.network"))
    : null;
  return (
    <main id="main" className="signin">
      <h1>
        {t("app.name")} <small lang="en">Prongsai</small>
      </h1>
      <p>{t("app.tagline")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          signIn.mutate(
            { email, password },
            {
              onSuccess: (s) => navigate(target(s)),
            },
          );
        }}
      >
        <h2>{t("auth.title")}</h2>
        <label>
          {t("auth.email")}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t("auth.password")}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={signIn.isPending}>
          {t("auth.submit")}
        </button>
        <p className="hint">{t("auth.demo")}</p>
      </form>
    </main>
  );
}
