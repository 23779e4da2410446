import { createApp } from "./app";
import type { Env } from "./env";
import { checkAllLinks } from "./services/link-health";

const app = createApp();

export default {
  fetch: app.fetch,
  // Cron Trigger (wrangler.toml [triggers]): link health of the open disclosure cycles' evidence URLs.
  scheduled(controller, env, ctx) {
    ctx.waitUntil(
      checkAllLinks(env, new Date(controller.scheduledTime)).then(
        (run) => console.log(JSON.stringify({ event: "link-check", cron: controller.cron, ...run })),
        (err: unknown) => {
          console.error("link-check failed", err);
          throw err;
        },
      ),
    );
  },
} satisfies ExportedHandler<Env>;
