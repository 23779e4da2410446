// The platform page's form rules, kept pure for tests: the same checks as the API's CreateTenantRequest
// (packages/contracts/src/auth.ts; a test feeds both the same inputs), and the API's refusals turned into
// problems of named fields.
import { ApiError } from "../api/client";
import { problemList, problemText } from "../api/problem-text";
import type { Lang } from "../format";

export interface TenantDraft {
  slug: string;
  name: string;
  nameEn: string;
  adminEmail: string;
}
export type Field = keyof TenantDraft;
const FIELDS: readonly Field[] = ["slug", "name", "nameEn", "adminEmail"];

/** Keys of t("platform.problem.…"). */
export type ProblemKey =
  | "slugRequired"
  | "slugFormat"
  | "slugTaken"
  | "nameRequired"
  | "nameLength"
  | "nameEnLength"
  | "emailRequired"
  | "emailFormat";

/** One problem of the form: the field it belongs to (null: the whole request) and its words. */
export interface FormProblem {
  field: Field | null;
  /** A key of t("platform.problem.…") with its values, or text already in the reader's language. */
  key?: ProblemKey;
  values?: Record<string, string>;
  text?: string;
}

/** TenantSlugSchema of the contracts. */
const SLUG = /^[a-z0-9][a-z0-9-]{1,39}$/;
/** zod 4's `z.email()` pattern (what CreateTenantRequest checks); the API lower-cases after checking. */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** What is sent: names trimmed (as the API trims), no empty English name, the email trimmed. */
export function requestOf(d: TenantDraft): { slug: string; name: string; nameEn?: string; adminEmail: string } {
  const nameEn = d.nameEn.trim();
  return {
    slug: d.slug.trim(),
    name: d.name.trim(),
    ...(nameEn ? { nameEn } : {}),
    adminEmail: d.adminEmail.trim(),
  };
}

/** The form's own check before sending: one problem per field at most, in the fields' order. */
export function checkDraft(d: TenantDraft): FormProblem[] {
  const r = requestOf(d);
  const out: FormProblem[] = [];
  if (!r.slug) out.push({ field: "slug", key: "slugRequired" });
  else if (!SLUG.test(r.slug)) out.push({ field: "slug", key: "slugFormat" });
  // Lengths as zod counts them (UTF-16 code units; Thai letters are one each).
  if (!r.name) out.push({ field: "name", key: "nameRequired" });
  else if (r.name.length < 2 || r.name.length > 200) out.push({ field: "name", key: "nameLength" });
  if ((r.nameEn ?? "").length > 200) out.push({ field: "nameEn", key: "nameEnLength" });
  if (!r.adminEmail) out.push({ field: "adminEmail", key: "emailRequired" });
  else if (r.adminEmail.length > 254 || !EMAIL.test(r.adminEmail))
    out.push({ field: "adminEmail", key: "emailFormat" });
  return out;
}

const FIELD_KEY: Record<Field, ProblemKey> = {
  slug: "slugFormat",
  name: "nameLength",
  nameEn: "nameEnLength",
  adminEmail: "emailFormat",
};

/**
 * The API's refusal as problems of named fields. A 400 lists `errors[]` by field path (zod's words are English,
 * so each known field gets its rule in the reader's language); a 409 means the slug is taken; anything else is a
 * problem of the whole request in the API's own (Thai or English) words, or `fallback`.
 */
export function apiProblems(error: unknown, lang: Lang, slug: string, fallback: string): FormProblem[] {
  if (!(error instanceof ApiError)) return [{ field: null, text: fallback }];
  const p = error.problem;
  if (error.status === 409) return [{ field: "slug", key: "slugTaken", values: { slug } }];
  if (error.status === 400 && Array.isArray(p.errors) && p.errors.length > 0) {
    const out: FormProblem[] = [];
    for (const e of problemList(error, lang)) {
      const field = FIELDS.find((f) => f === e.path) ?? null;
      if (field && out.some((o) => o.field === field)) continue;
      out.push(
        field
          ? { field, key: FIELD_KEY[field] }
          : { field: null, text: e.path ? `${e.path}: ${e.message}` : e.message },
      );
    }
    return out;
  }
  return [{ field: null, text: problemText(error, lang, fallback) }];
}
