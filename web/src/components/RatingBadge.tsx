import { useT } from "../i18n";

const LABELS: Record<string, { th: string; en: string; tone: string }> = {
  excellent: { th: "ผ่านดีเยี่ยม", en: "Excellent", tone: "top" },
  good: { th: "ผ่านดี", en: "Good", tone: "good" },
  pass: { th: "ผ่าน", en: "Pass", tone: "ok" },
  fail: { th: "ไม่ผ่าน", en: "Fail", tone: "bad" },
  AA: { th: "AA", en: "AA", tone: "top" },
  A: { th: "A", en: "A", tone: "good" },
  B: { th: "B", en: "B", tone: "ok" },
  C: { th: "C", en: "C", tone: "warn" },
  D: { th: "D", en: "D", tone: "bad" },
  E: { th: "E", en: "E", tone: "bad" },
  F: { th: "F", en: "F", tone: "bad" },
};

/** A rating as text plus colour (colour is never the only signal). */
export function RatingBadge({ rating }: { rating: string | null | undefined }) {
  const { lang } = useT();
  if (!rating) return <span className="badge">–</span>;
  const l = LABELS[rating] ?? { th: rating, en: rating, tone: "ok" };
  return <span className={`badge tone-${l.tone}`}>{l[lang]}</span>;
}

export function ratingText(rating: string | null | undefined, lang: "th" | "en"): string {
  if (!rating) return "–";
  return (LABELS[rating] ?? { th: rating, en: rating })[lang];
}

/** The ratings that occur in `rows`, best first (the order of the scale, not of the rows). */
export function ratingsIn(rows: readonly { rating: string | null }[]): string[] {
  const order = Object.keys(LABELS);
  const present = new Set(rows.flatMap((r) => (r.rating ? [r.rating] : [])));
  return [...present].sort((a, b) => {
    const x = order.indexOf(a);
    const y = order.indexOf(b);
    return (x < 0 ? order.length : x) - (y < 0 ? order.length : y) || a.localeCompare(b);
  });
}
