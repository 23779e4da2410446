import { SessionResponseSchema, SignInRequestSchema } from "@prongsai/contracts";
import type { App } from "../app";
import { requirePrincipal } from "../auth/middleware";
import { clientIp } from "../auth/throttle";
import { sessionBody, signIn, signOut, signOutEverywhere } from "../services/session";
import { deps, forwardCookies } from "./context";
import { defineRoute, problem, protectedErrors } from "./define";

const json = (schema: typeof SessionResponseSchema, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const signInRoute = defineRoute(
  { kind: "public" },
  {
    method: "post",
    path: "/api/session",
    tags: ["session"],
    summary: "Sign in with email and password (sets an HttpOnly session cookie)",
    request: { body: { required: true, content: { "application/json": { schema: SignInRequestSchema } } } },
    responses: {
      200: json(SessionResponseSchema, "Signed in"),
      400: problem("Malformed request"),
      401: problem("Wrong email or password"),
      403: problem("Foreign Origin"),
      429: problem("Too many failed attempts for this account or IP"),
    },
  },
);

const getSessionRoute = defineRoute(
  { kind: "user" },
  {
    method: "get",
    path: "/api/session",
    tags: ["session"],
    summary: "Who am I: the user and their memberships",
    responses: { 200: json(SessionResponseSchema, "The current session"), 401: protectedErrors[401] },
  },
);

const signOutRoute = defineRoute(
  { kind: "user" },
  {
    method: "delete",
    path: "/api/session",
    tags: ["session"],
    summary: "Sign out (this browser)",
    responses: { 204: { description: "Signed out" }, 401: protectedErrors[401], 403: problem("Foreign Origin") },
  },
);

const signOutEverywhereRoute = defineRoute(
  { kind: "user" },
  {
    method: "post",
    path: "/api/session/revoke-all",
    tags: ["session"],
    summary: "Sign out everywhere: ends every session of this user",
    responses: {
      204: { description: "All sessions ended" },
      401: protectedErrors[401],
      403: problem("Foreign Origin"),
    },
  },
);

export function registerSessionRoutes(app: App) {
  app.openapi(signInRoute, async (c) => {
    const { email, password } = c.req.valid("json");
    const result = await signIn({ ...deps(c), ip: clientIp(c.req.raw) }, email, password);
    forwardCookies(c, result.headers);
    return c.json(result.body, 200);
  });
  app.openapi(getSessionRoute, async (c) => c.json(sessionBody(await requirePrincipal(c)), 200));
  app.openapi(signOutRoute, async (c) => {
    forwardCookies(c, await signOut(c.env, c.req.raw));
    return c.body(null, 204);
  });
  app.openapi(signOutEverywhereRoute, async (c) => {
    forwardCookies(c, await signOutEverywhere(deps(c), await requirePrincipal(c)));
    return c.body(null, 204);
  });
}
