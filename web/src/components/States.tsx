import { ApiError } from "../api/client";
import { useT } from "../i18n";

export function Loading() {
  const { t } = useT();
  return (
    <p className="state" role="status" aria-live="polite">
      {t("common.loading")}
    </p>
  );
}

export function Empty({ children }: { children?: React.ReactNode }) {
  const { t } = useT();
  return <p className="state">{children ?? t("common.empty")}</p>;
}

/** An API error in words a person understands (the API's problem detail is already Thai + English). */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  const detail = error instanceof ApiError ? (error.problem.detail ?? error.problem.title) : String(error);
  return (
    <div className="state error" role="alert">
      <strong>{t("common.error")}</strong>
      <p>{detail}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}
