// Strings of one page (Thai first, English second). Filled by that page's work.
export const th = {} as const;
export const en: Record<keyof typeof th, string> = {};
