import { z } from "zod";

/** One check of one evidence URL (link health). Kept with its history; the latest is shown. */
export const LinkProblemSchema = z
  .enum([
    "invalid_url",
    "http_error",
    "timeout",
    "redirect_loop",
    "too_many_redirects",
    "wrong_content_type",
    "unreachable",
    "off_site",
  ])
  .meta({ id: "LinkProblem" });

export const LinkCheckSchema = z
  .object({
    url: z.string(),
    checkedAt: z.string(),
    ok: z.boolean(),
    httpStatus: z.number().int().nullable().describe("status of the last response, after redirects"),
    finalUrl: z.string().nullable(),
    redirects: z.number().int(),
    elapsedMs: z.number().int().nullable(),
    contentType: z.string().nullable(),
    onSite: z.boolean().nullable().describe("the final page is on the agency's own website (host or a subdomain)"),
    problem: LinkProblemSchema.nullable(),
  })
  .meta({ id: "LinkCheck" });
export type LinkCheck = z.infer<typeof LinkCheckSchema>;
