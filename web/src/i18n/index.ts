import i18n from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import type { Lang } from "../format";
import { en, th } from "./messages";
import * as admin from "./pages/admin";
import * as agencyProfile from "./pages/agencyProfile";
import * as importPage from "./pages/importPage";
import * as invite from "./pages/invite";
import * as movement from "./pages/movement";
import * as weak from "./pages/weak";

// Each page keeps its strings in i18n/pages/<page>.ts, under its own key (t("weak.title"), …).
const pages = { weak, movement, agencyProfile, importPage, admin, invite };
const thAll = { ...th, ...Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, v.th])) };
const enAll = { ...en, ...Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, v.en])) };

const saved = typeof localStorage !== "undefined" ? localStorage.getItem("prongsai.lang") : null;

void i18n.use(initReactI18next).init({
  resources: { th: { translation: thAll }, en: { translation: enAll } },
  lng: saved === "en" ? "en" : "th",
  fallbackLng: "th",
  interpolation: { escapeValue: false }, // React escapes
});

export function setLanguage(lang: Lang) {
  localStorage.setItem("prongsai.lang", lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** t() plus the current language for formatters. */
export function useT() {
  const { t, i18n: instance } = useTranslation();
  return { t, lang: (instance.language === "en" ? "en" : "th") as Lang };
}

export default i18n;
