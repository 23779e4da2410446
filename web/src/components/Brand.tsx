import { useT } from "../i18n";

/** The product's name in the UI's language, with the other language's name beside it (marked for readers). */
export function Brand({ as: Tag = "span" }: { as?: "span" | "p" }) {
  const { t, lang } = useT();
  return (
    <Tag className="brand">
      {t("app.name")} <small lang={lang === "th" ? "en" : "th"}>{lang === "th" ? "Prongsai" : "โปร่งใส"}</small>
    </Tag>
  );
}
