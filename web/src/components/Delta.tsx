import { fmtDelta } from "../format";
import { useT } from "../i18n";

/** A change with an arrow and words, higher = better (colour is not the only signal). */
export function Delta({
  value,
  suffix = "",
  integer = false,
}: {
  value: number | null | undefined;
  suffix?: string;
  /** Counts change by whole numbers: "+1", not "+1.00". */
  integer?: boolean;
}) {
  const { t, lang } = useT();
  if (value === null || value === undefined) return <span className="delta">–</span>;
  const dir = value > 0 ? "up" : value < 0 ? "down" : "flat";
  const arrow = dir === "up" ? "▲" : dir === "down" ? "▼" : "■";
  const word = dir === "up" ? t("common.up") : dir === "down" ? t("common.down") : t("common.noChange");
  return (
    <span className={`delta ${dir}`}>
      <span aria-hidden="true">{arrow}</span>{" "}
      {integer ? `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value)}` : fmtDelta(value, lang)}
      {suffix}
      <span className="sr-only"> ({word})</span>
    </span>
  );
}

/** Rank change: positive = moved up the table. */
export function RankChange({ value }: { value: number | null | undefined }) {
  const { t } = useT();
  if (value === null || value === undefined) return <span className="delta">–</span>;
  const dir = value > 0 ? "up" : value < 0 ? "down" : "flat";
  return (
    <span className={`delta ${dir}`} title={`${t("common.rank")} ${value > 0 ? "+" : ""}${value}`}>
      <span aria-hidden="true">{dir === "up" ? "▲" : dir === "down" ? "▼" : "■"}</span> {Math.abs(value)}
      <span className="sr-only">
        {" "}
        ({dir === "up" ? t("common.up") : dir === "down" ? t("common.down") : t("common.noChange")})
      </span>
    </span>
  );
}
