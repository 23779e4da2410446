/** Bindings of the Worker, as declared in wrangler.toml. */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  DEMO_MODE?: string;
}
