import { formatNumber } from '../format';

export interface ChartPoint {
  label: string;
  value: number;
}

const WIDTH = 720;
const HEIGHT = 220;
const PADDING = { top: 12, right: 12, bottom: 28, left: 48 };

/**
 * Whole-number ticks from 0 to at least `max`, 2 to 5 intervals of 1, 2 or 5 × 10ⁿ: counts never read 0, 2, 3
 * (halves rounded) or 0, 0.5, 1.
 */
export function integerTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  for (let magnitude = 1; top / step > 5; magnitude *= 10)
    step =
      [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => top / candidate <= 5) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let tick = 0; tick < top + step; tick += step) ticks.push(tick);
  return ticks;
}

/** A bar chart in plain SVG: the dashboard stays small without a charting library. */
export function BarChart(props: { points: ChartPoint[]; title: string }) {
  const { points } = props;
  const ticks = integerTicks(Math.max(0, ...points.map((point) => point.value)));
  // The scale ends at the top tick, so the highest bar never pokes above the last grid line.
  const max = ticks[ticks.length - 1];
  const plotWidth = WIDTH - PADDING.left - PADDING.right;
  const plotHeight = HEIGHT - PADDING.top - PADDING.bottom;
  const slot = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(1, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={props.title}>
        {ticks.map((tick) => {
          const y = PADDING.top + plotHeight - (tick / max) * plotHeight;
          return (
            <g key={tick}>
              <line x1={PADDING.left} x2={WIDTH - PADDING.right} y1={y} y2={y} class="grid" />
              <text x={PADDING.left - 6} y={y + 4} text-anchor="end" class="axis y-tick">
                {formatNumber(tick)}
              </text>
            </g>
          );
        })}
        {points.map((point, index) => {
          const height = (point.value / max) * plotHeight;
          const x = PADDING.left + index * slot + (slot - barWidth) / 2;
          return (
            <g key={point.label}>
              <rect x={x} y={PADDING.top + plotHeight - height} width={barWidth} height={height} class="bar">
                <title>
                  {point.label}: {formatNumber(point.value)}
                </title>
              </rect>
              {index % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={HEIGHT - 8} text-anchor="middle" class="axis">
                  {point.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption class="visually-hidden">{props.title}</figcaption>
    </figure>
  );
}
