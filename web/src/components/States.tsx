import { ApiError } from "../api/client";
import { problemText } from "../api/problem-text";
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

/** Nothing matches the filters chosen (there is data): says so, with a way back to everything. */
export function NoMatch({ onClear }: { onClear: () => void }) {
  const { t } = useT();
  return (
    <div className="state" role="status">
      <p>{t("common.noMatch")}</p>
      <button type="button" onClick={onClear}>
        {t("common.clearFilters")}
      </button>
    </div>
  );
}

/**
 * An error in words a person understands, in the UI's language: the API's own message, or, when the request
 * never got an answer (fetch's "TypeError: Failed to fetch"), that the server could not be reached.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useT();
  const detail = problemText(error, lang, t("common.network"));
  return (
    <div className="state error" role="alert">
      <strong>{t("common.error")}</strong>
      <p>{detail}</p>
      {/* Trying again helps after a network or server failure, not after a refusal or a 404. */}
      {onRetry && !(error instanceof ApiError && error.status < 500) && (
        <button type="button" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}
