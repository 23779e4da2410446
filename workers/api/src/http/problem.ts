import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

const TYPE_BASE = "https://prongsai.app/problems/";

/** An error that the API reports as RFC 9457 problem+json. Services throw it; routes never format errors. */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

export const notFound = (detail: string, extra?: Record<string, unknown>) =>
  new ProblemError(404, "not-found", "Not found", detail, extra);

export const badRequest = (detail: string, errors?: { path: string; message: string }[]) =>
  new ProblemError(400, "invalid-request", "Invalid request", detail, errors ? { errors } : {});

export function problemResponse(c: Context, err: ProblemError): Response {
  const body = {
    type: TYPE_BASE + err.slug,
    title: err.title,
    status: err.status,
    ...(err.detail ? { detail: err.detail } : {}),
    instance: new URL(c.req.url).pathname,
    requestId: c.get("requestId" as never) as string | undefined,
    ...err.extra,
  };
  return c.body(JSON.stringify(body), err.status, { "content-type": "application/problem+json; charset=utf-8" });
}
