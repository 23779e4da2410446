import type { Lang } from "../format";
import { ApiError } from "./client";

/**
 * The API writes its details in Thai with the English in brackets: "ไม่พบการนำเข้า #5 (No import 5.)".
 * Returns the part in the UI's language, or the whole text when it has no such shape.
 */
export function pickLang(text: string, lang: Lang): string {
  const m = /^(.*?[\u0E00-\u0E7F].*?)\s\(([A-Za-z`].*)\)\s*$/s.exec(text.trim());
  if (!m?.[1] || !m[2]) return text;
  return lang === "en" ? m[2] : m[1];
}

/** Words for any error thrown by apiGet/apiSend (or by fetch itself when the network is down). */
export function problemText(error: unknown, lang: Lang, fallback: string): string {
  if (error instanceof ApiError) {
    const p = error.problem;
    const own = lang === "en" ? p.messageEn : p.message;
    if (typeof own === "string" && own) return own;
    if (p.detail) return pickLang(p.detail, lang);
    return p.title ?? fallback;
  }
  return fallback;
}

/** The field problems of a 400 (`errors[]`), each in the UI's language. */
export function problemList(error: unknown, lang: Lang): { path: string; message: string }[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.problem.errors)) return [];
  return error.problem.errors.map((e) => ({ path: e.path, message: pickLang(e.message, lang) }));
}
