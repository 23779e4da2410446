/**
 * Small pieces shared by the Import, Administration and invitation pages: API problems in the reader's language,
 * a polite "no access", a copy-to-clipboard field and the cache refresh after a write.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { problemList, problemText } from "../api/problem-text";
import { useT } from "../i18n";
import "./page-kit.css";

// Problems in the reader's language live in api/problem-text.ts (also used by components/States.tsx).
export { pickLang, problemList, problemText } from "../api/problem-text";

/** react-query `retry`: a refusal (4xx) is an answer, not a glitch; retry only network and server errors, once. */
export const retryServerErrors = (count: number, error: Error): boolean =>
  !(error instanceof ApiError && error.status < 500) && count < 1;

export const statusOf = (error: unknown): number | undefined => (error instanceof ApiError ? error.status : undefined);

/** The reader may not use this page (the API said 403): said politely, with no blame. */
export function NoAccess({ what }: { what?: string }) {
  const { t } = useT();
  return (
    <div className="state no-access" role="status">
      <strong>{t("admin.kit.noAccessTitle")}</strong>
      <p>{what ?? t("admin.kit.noAccess")}</p>
    </div>
  );
}

/** An error in words, announced to screen readers. */
export function ErrorLine({ error, fallback, title }: { error: unknown; fallback?: string; title?: string }) {
  const { t, lang } = useT();
  const list = problemList(error, lang);
  return (
    <div className="kit-error" role="alert">
      {title && <strong>{title}</strong>}
      <p>{problemText(error, lang, fallback ?? t("admin.kit.failed"))}</p>
      {list.length > 0 && (
        <ul>
          {list.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path && e.path !== "password" ? <code>{e.path}</code> : null} {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A read-only value (a link, a token) with a copy button; the text stays selectable when copying fails. */
export function CopyField({ value, label }: { value: string; label: string }) {
  const { t } = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      input.current?.select();
      setCopied("no");
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
        />
        <button type="button" onClick={copy}>
          {t("admin.kit.copy")}
        </button>
      </div>
      <span className="hint" role="status" aria-live="polite">
        {copied === "yes" ? t("admin.kit.copied") : copied === "no" ? t("admin.kit.copyFailed") : ""}
      </span>
    </div>
  );
}

/** After a write, every page's data may have changed: refetch all but the session. */
export function useInvalidateData() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "session" });
}
