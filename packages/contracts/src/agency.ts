import { z } from "zod";

/** Agency types of Thai local administration, with the Thai names and abbreviations used in NACC lists. */
export const AGENCY_TYPES = {
  pao: { th: "องค์การบริหารส่วนจังหวัด", abbr: "อบจ.", en: "Provincial Administrative Organisation" },
  city: { th: "เทศบาลนคร", abbr: "ทน.", en: "City municipality" },
  town: { th: "เทศบาลเมือง", abbr: "ทม.", en: "Town municipality" },
  subdistrict: { th: "เทศบาลตำบล", abbr: "ทต.", en: "Subdistrict municipality" },
  sao: { th: "องค์การบริหารส่วนตำบล", abbr: "อบต.", en: "Subdistrict Administrative Organisation" },
  other: { th: "อื่น ๆ", abbr: "อื่น ๆ", en: "Other" },
} as const;
export type AgencyType = keyof typeof AGENCY_TYPES;
export const AgencyTypeSchema = z.enum(["pao", "city", "town", "subdistrict", "sao", "other"]).meta({
  id: "AgencyType",
  description: "pao=อบจ., city=เทศบาลนคร, town=เทศบาลเมือง, subdistrict=เทศบาลตำบล, sao=อบต.",
});
export const AgencySizeSchema = z.enum(["S", "M", "L"]).meta({ id: "AgencySize" });
