import { Component, type ReactNode } from "react";
import { useT } from "../i18n";
import { forgetReload, isChunkError, isReloading } from "./chunk-reload";
import { Loading } from "./States";

/** Reloads the page on purpose, clearing the automatic-reload guard first (chunk-reload.ts). */
export function ReloadButton() {
  const { t } = useT();
  return (
    <button
      type="button"
      onClick={() => {
        forgetReload(window);
        window.location.reload();
      }}
    >
      {t("app.chunkReload")}
    </button>
  );
}

/** What a reader sees when a page's code could not be loaded even after one reload: words and a way out. */
export function ChunkFailed() {
  const { t } = useT();
  return (
    <div className="state error chunk-failed" role="alert">
      <strong>{t("app.chunkTitle")}</strong>
      <p>{t("app.chunkText")}</p>
      <ReloadButton />
    </div>
  );
}

/**
 * Catches a page whose code failed to load (components/chunk-reload.ts reloads once first). Any other error is
 * passed on to the router's own error handling. A new `resetKey` (another page) clears the error.
 */
export class ChunkErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error !== null) this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // A reload is on its way: whatever failed meanwhile is moot.
    if (isReloading()) return <Loading />;
    if (isChunkError(error)) return <ChunkFailed />;
    throw error;
  }
}
