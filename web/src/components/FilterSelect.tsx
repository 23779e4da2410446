import { useT } from "../i18n";

export interface FilterOption {
  value: string;
  label: string;
}

/** A labelled filter: "all" (the empty value, no filter) and then the options. */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
}) {
  const { t } = useT();
  return (
    <label className="field">
      {label}
      <select value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("common.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Values that are their own labels (districts, sizes, ratings). */
export const plainOptions = (values: readonly string[]): FilterOption[] =>
  values.map((value) => ({ value, label: value }));
