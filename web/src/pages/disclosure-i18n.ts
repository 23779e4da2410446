// The Disclosure pages register their strings when they load (t("disclosure.…")), so the strings travel with
// the lazy page chunk instead of the first download. Imported by every Disclosure page before it renders.
import i18n from "../i18n";
import { en, th } from "../i18n/pages/disclosure";

i18n.addResourceBundle("th", "translation", { disclosure: th }, true, true);
i18n.addResourceBundle("en", "translation", { disclosure: en }, true, true);
