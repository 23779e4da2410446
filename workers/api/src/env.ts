/** Bindings of the Worker, as declared in wrangler.toml. */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  /** Secret for session signing (better-auth). Locally from .dev.vars; in production `wrangler secret put`. */
  AUTH_SECRET?: string;
}
