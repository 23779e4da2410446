import { useNavigate } from "react-router";
import { setLanguage, useT } from "../i18n";
import { useSignOut } from "../session";

/**
 * The buttons every signed-in screen has at the end of its top bar: language (ไทย/English), light/dark theme and
 * sign out. Shared by the tenant layout, the platform page and the "no province yet" page.
 */
export function AccountTools() {
  const { t, lang } = useT();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <>
      <button type="button" onClick={() => setLanguage(lang === "th" ? "en" : "th")} lang={lang === "th" ? "en" : "th"}>
        {t("nav.language")}
      </button>
      <button
        type="button"
        aria-label={t("nav.theme")}
        onClick={() => {
          const dark = document.documentElement.dataset.theme !== "dark";
          document.documentElement.dataset.theme = dark ? "dark" : "light";
          localStorage.setItem("prongsai.theme", dark ? "dark" : "light");
        }}
      >
        ◐
      </button>
      <button
        type="button"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSettled: () => navigate("/signin") })}
      >
        {t("nav.signOut")}
      </button>
    </>
  );
}
