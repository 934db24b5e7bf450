/**
 * An accessible horizontal bar chart in inline SVG: role="img" named by its <title> and
 * described by a <desc> that states every number; each bar also carries its series name and
 * value as text (never colour alone). Always shown with a data table of the same numbers.
 */
import { useId } from 'react';

/** One group of bars (e.g. an organisation), one value per series (null: no data). */
export interface BarGroup {
  label: string;
  values: (number | null)[];
}

/** Props of {@link BarChart}. */
export interface BarChartProps {
  title: string;
  /** Series names, in the order of each group's values (e.g. ["Trung vị", "Phân vị 90"]). */
  series: string[];
  groups: BarGroup[];
  /** The text of one value (e.g. "3 giờ 20 phút"). */
  format(value: number | null): string;
  /** Shown instead of the chart when no group has a value (the table still lists every group). */
  emptyText: string;
}

const ROW = 22;
const GROUP_LABEL = 22;
const GROUP_GAP = 12;
const CLASSES = ['rr-bar-a', 'rr-bar-b', 'rr-bar-c'];

/** The chart. */
export function BarChart({ title, series, groups: all, format, emptyText }: BarChartProps) {
  const id = useId();
  // Groups without any value stay in the table only.
  const groups = all.filter((g) => g.values.some((v) => v !== null));
  if (groups.length === 0) return <p className="muted rr-chart-empty">{emptyText}</p>;
  const max = Math.max(1, ...groups.flatMap((g) => g.values.map((v) => v ?? 0)));
  const groupHeight = GROUP_LABEL + series.length * ROW + GROUP_GAP;
  const height = Math.max(groupHeight * groups.length, 30);
  const desc = groups.map((g) => `${g.label}: ${g.values.map((v, i) => `${series[i]} ${format(v)}`).join(', ')}`).join('; ');
  return (
    <figure className="rr-chart">
      <svg role="img" aria-labelledby={`${id}-t ${id}-d`} width="100%" height={height} className="rr-chart-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{desc}</desc>
        {groups.map((g, gi) => {
          const top = gi * groupHeight;
          return (
            <g key={gi}>
              <text x="0" y={top + 15} className="rr-chart-label">
                {g.label}
              </text>
              {g.values.map((v, si) => {
                const y = top + GROUP_LABEL + si * ROW;
                const pct = v === null ? 0 : Math.max(0.5, (v / max) * 100);
                const text = `${series[si]}: ${format(v)}`;
                const inside = pct > 50;
                return (
                  <g key={si}>
                    {v !== null ? <rect x="0" y={y} width={`${pct}%`} height={ROW - 6} className={CLASSES[si % CLASSES.length]} /> : null}
                    <text x={inside ? `${pct - 1}%` : `${pct + (v === null ? 0 : 1)}%`} y={y + ROW - 10} textAnchor={inside ? 'end' : 'start'} className={inside ? 'rr-chart-value rr-chart-value-in' : 'rr-chart-value'}>
                      {text}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
