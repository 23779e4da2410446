import { useT } from "../i18n";

/** Placeholder until this page is built (issue 6). */
export default function Weak() {
  const { t } = useT();
  return <p className="state">{t("common.empty")}</p>;
}
