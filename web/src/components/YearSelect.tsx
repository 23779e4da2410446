import { useT } from "../i18n";

export function YearSelect({
  years,
  value,
  onChange,
  label,
}: {
  years: number[];
  value: number | undefined;
  onChange: (y: number) => void;
  label?: string;
}) {
  const { t } = useT();
  return (
    <label className="field">
      {label ?? t("common.year")}
      <select value={value ?? ""} onChange={(e) => onChange(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}
