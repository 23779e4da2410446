import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { problemText } from "../api/problem-text";
import { useT } from "../i18n";
import { homeOf, useSession, useSignIn } from "../session";

export function SignIn() {
  const { t, lang } = useT();
  const { data: session } = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [params] = useSearchParams();
  // Only our own tenant pages are valid targets (never an outside URL).
  const next = params.get("next");
  const target = (fallback: string) => (next && /^\/t\/[a-z0-9-]+\//.test(next) ? next : fallback);
  const first = session?.memberships[0];
  if (session && first) return <Navigate to={target(homeOf(first))} replace />;
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
              onSuccess: (s) => {
                const m = s.memberships[0];
                navigate(m ? target(homeOf(m)) : "/");
              },
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
