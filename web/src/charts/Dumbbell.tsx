import { fmtScore, type Lang } from "../format";

export interface DumbbellRow {
  key: string;
  label: string;
  from: number;
  to: number;
}

/**
 * Year A → year B per row, in labelled groups: a hollow dot for A, a filled dot for B, the bar between them green when B is higher
 * (higher is better) and red when lower, with the pass mark as a dashed line. Drawn as plain SVG rows (a few dozen
 * at most); names stay HTML so long Thai names wrap or clip like text. Decorative: the page gives the same numbers
 * in tables.
 */
export function Dumbbell({
  groups,
  passMark,
  lang,
  fromLabel,
  toLabel,
}: {
  groups: { label: string; rows: DumbbellRow[] }[];
  passMark: number;
  lang: Lang;
  fromLabel: string;
  toLabel: string;
}) {
  const values = groups.flatMap((g) => g.rows.flatMap((r) => [r.from, r.to]));
  const lo = Math.max(0, Math.floor((Math.min(passMark, ...values) - 2) / 10) * 10);
  const hi = Math.min(100, Math.ceil((Math.max(passMark, ...values) + 1) / 10) * 10);
  const x = (v: number) => `${(((v - lo) / (hi - lo || 1)) * 96 + 2).toFixed(2)}%`;
  const ticks: number[] = [];
  for (let v = lo; v <= hi; v += 10) ticks.push(v);
  return (
    <div className="dumbbell" aria-hidden="true">
      <div className="dumbbell-row dumbbell-axis">
        <span className="dumbbell-key">
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" className="dot-from" />
          </svg>{" "}
          {fromLabel}{" "}
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" className="dot-to" />
          </svg>{" "}
          {toLabel}
        </span>
        <svg className="dumbbell-track" height="20" aria-hidden="true">
          {ticks.map((v) => (
            <text key={v} x={x(v)} y="14" textAnchor="middle">
              {v}
            </text>
          ))}
        </svg>
      </div>
      {groups.map((g) =>
        g.rows.length === 0 ? null : (
          <div key={g.label} className="dumbbell-group">
            <div className="dumbbell-group-label">{g.label}</div>
            {g.rows.map((r) => {
              const dir = r.to > r.from ? "up" : r.to < r.from ? "down" : "flat";
              return (
                <div key={r.key} className="dumbbell-row">
                  <span className="dumbbell-label" title={r.label}>
                    {r.label}
                  </span>
                  <svg className="dumbbell-track" height="22">
                    <title>{`${r.label}: ${fmtScore(r.from, lang)} → ${fmtScore(r.to, lang)}`}</title>
                    {ticks.map((v) => (
                      <line key={v} x1={x(v)} x2={x(v)} y1="0" y2="22" className="grid" />
                    ))}
                    <line x1={x(passMark)} x2={x(passMark)} y1="0" y2="22" className="pass" />
                    <line x1={x(r.from)} x2={x(r.to)} y1="11" y2="11" className={`bar ${dir}`} />
                    <circle cx={x(r.from)} cy="11" r="5" className="dot-from" />
                    <circle cx={x(r.to)} cy="11" r="5" className={`dot-to ${dir}`} />
                  </svg>
                </div>
              );
            })}
          </div>
        ),
      )}
    </div>
  );
}
