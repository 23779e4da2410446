// The platform page registers its strings when its chunk loads (t("platform.…")): only operators open it, so
// its strings stay out of everyone's first download.
import i18n from "../i18n";
import { en, th } from "../i18n/pages/platform";

i18n.addResourceBundle("th", "translation", { platform: th }, true, true);
i18n.addResourceBundle("en", "translation", { platform: en }, true, true);
