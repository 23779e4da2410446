/** Formatting in one place: two decimals, Thai or English digits grouping, Buddhist Era years. */
export type Lang = "th" | "en";

const score = {
  th: new Intl.NumberFormat("th-TH", { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/** A score with exactly two decimals ("88.98"); an en dash when unknown. */
export function fmtScore(value: number | null | undefined, lang: Lang = "th"): string {
  return value === null || value === undefined ? "–" : score[lang].format(value);
}

/** A change with its sign ("+1.25", "−0.40"); unknown → en dash. */
export function fmtDelta(value: number | null | undefined, lang: Lang = "th"): string {
  if (value === null || value === undefined) return "–";
  if (value === 0) return score[lang].format(0);
  return `${value > 0 ? "+" : "−"}${score[lang].format(Math.abs(value))}`;
}

/** A percentage with two decimals ("94.17 %"). */
export function fmtPercent(value: number | null | undefined, lang: Lang = "th"): string {
  return value === null || value === undefined ? "–" : `${score[lang].format(value)} %`;
}

/** Fiscal years are Buddhist Era in data and API: "ปีงบประมาณ 2568" / "FY 2568 (BE)". */
export function fmtYear(year: number, lang: Lang = "th"): string {
  return lang === "th" ? `พ.ศ. ${year}` : `${year} BE`;
}

/** A timestamp in the Buddhist calendar for Thai readers. */
export function fmtDateTime(iso: string, lang: Lang = "th"): string {
  const d = new Date(iso);
  return new Intl.DateTimeFormat(lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Bangkok",
  }).format(d);
}

/** A day in Bangkok, in words: "20 พฤศจิกายน 2569" (Buddhist Era) for Thai readers, "20 November 2026" in English. */
export function fmtDate(date: Date | string, lang: Lang = "th"): string {
  return new Intl.DateTimeFormat(lang === "th" ? "th-TH-u-ca-buddhist" : "en-GB", {
    dateStyle: "long",
    timeZone: "Asia/Bangkok",
  }).format(new Date(date));
}

export const thaiCollator = new Intl.Collator("th");

/** The usual Thai abbreviations of local agency types, for narrow screens: "องค์การบริหารส่วนตำบลหนองบอน" → "อบต.หนองบอน". */
const SHORT_PREFIXES: [string, string][] = [
  ["องค์การบริหารส่วนจังหวัด", "อบจ."],
  ["องค์การบริหารส่วนตำบล", "อบต."],
  ["เทศบาลนคร", "ทน."],
  ["เทศบาลเมือง", "ทม."],
  ["เทศบาลตำบล", "ทต."],
];

export function shortName(name: string): string {
  for (const [long, short] of SHORT_PREFIXES) if (name.startsWith(long)) return short + name.slice(long.length);
  return name;
}

/** A name in the UI's language: the English one in English when there is one, else the Thai. */
export function localName(th: string, en: string | null | undefined, lang: Lang): string {
  return lang === "en" && en ? en : th;
}
