import { useRouteError } from "react-router";
import { useT } from "../i18n";
import { ChunkFailed, ReloadButton } from "./ChunkErrorBoundary";
import { isChunkError, isReloading } from "./chunk-reload";
import { Loading } from "./States";

/**
 * The router's error page for anything a page threw, in place of react-router's developer screen: a page whose
 * code could not load (also outside the signed-in layout, e.g. the invitation page) or any other failure, in
 * words, with a reload and a way home. The error itself is kept for whoever supports the user.
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useT();
  // A reload is on its way (chunk-reload.ts): whatever failed meanwhile is moot.
  if (isReloading()) return <Loading />;
  if (isChunkError(error)) {
    return (
      <main id="main" className="signin route-error">
        <ChunkFailed />
      </main>
    );
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (
    <main id="main" className="signin route-error">
      <div className="state error" role="alert">
        <strong>{t("app.crashTitle")}</strong>
        <p>{t("app.crashText")}</p>
        <p className="route-error-actions">
          <ReloadButton /> <a href="/">{t("app.crashHome")}</a>
        </p>
        <details>
          <summary>{t("app.crashDetails")}</summary>
          <code>{detail}</code>
        </details>
      </div>
    </main>
  );
}
