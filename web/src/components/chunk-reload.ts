/**
 * A deploy renames every JavaScript chunk. A tab that still runs the old index.html asks for chunks that are gone;
 * the Worker's single-page fallback answers them with index.html, and the page breaks ("Failed to fetch
 * dynamically imported module"). Vite announces that as a `vite:preloadError` event: reload once to get the new
 * index.html, but never in a loop: a second failure within a minute is left to ChunkErrorBoundary, which says so
 * in words.
 */
export const RELOAD_KEY = "prongsai.chunkReloadAt";
export const RELOAD_WINDOW_MS = 60_000;

interface Store {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Whether to reload now, noting the time when so. False when the last reload for a missing chunk was less than
 * RELOAD_WINDOW_MS ago (it did not help), and when there is no storage to remember it in (no guard, no reload).
 */
export function claimReload(store: Store | null, now: number): boolean {
  if (!store) return false;
  try {
    const last = Number(store.getItem(RELOAD_KEY) ?? "");
    // A time in the future means the clock moved: do not let it block reloads for good.
    if (last > 0 && now >= last && now - last < RELOAD_WINDOW_MS) return false;
    store.setItem(RELOAD_KEY, String(now));
    return true;
  } catch {
    return false; // storage refused (private mode, quota): better a message than a loop
  }
}

/** A failed dynamic import or CSS preload, in the words of Chromium, Firefox, Safari and Vite. */
export function isChunkError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS|ChunkLoadError/i.test(
    text,
  );
}

let reloading = false;
/** True once a reload has been started (the page is about to go: show nothing alarming meanwhile). */
export const isReloading = () => reloading;

function sessionStore(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}

/** Listens for Vite's preload errors: the first one reloads the page; a repeat is left to the error boundary. */
export function installChunkReload(win: Window) {
  // The event is never prevented: Vite then throws the import's own error, which ChunkErrorBoundary shows as a
  // quiet "loading" while a reload is under way and as a message otherwise. (Prevented, the import would resolve
  // to undefined and React would fail on it with an unrelated TypeError.)
  win.addEventListener("vite:preloadError", () => {
    if (reloading || !claimReload(sessionStore(win), Date.now())) return;
    reloading = true;
    win.location.reload();
  });
}

/** Forget the last reload (the reader asks for one by hand). */
export function forgetReload(win: Window) {
  try {
    sessionStore(win)?.removeItem(RELOAD_KEY);
  } catch {
    // nothing to forget
  }
}
