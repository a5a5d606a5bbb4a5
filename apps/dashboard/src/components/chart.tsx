import { formatNumber } from '../format';

export interface ChartPoint {
  label: string;
  value: number;
}

const WIDTH = 720;
const HEIGHT = 220;
const PADDING = { top: 12, right: 12, bottom: 28, left: 48 };

/** A bar chart in plain SVG: the dashboard stays small without a charting library. */
export function BarChart(props: { points: ChartPoint[]; title: string }) {
  const { points } = props;
  const max = Math.max(1, ...points.map((point) => point.value));
  const plotWidth = WIDTH - PADDING.left - PADDING.right;
  const plotHeight = HEIGHT - PADDING.top - PADDING.bottom;
  const slot = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(1, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  const ticks = [0, 0.5, 1].map((share) => Math.round(max * share));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={props.title}>
        {ticks.map((tick) => {
          const y = PADDING.top + plotHeight - (tick / max) * plotHeight;
          return (
            <g key={tick}>
              <line x1={PADDING.left} x2={WIDTH - PADDING.right} y1={y} y2={y} class="grid" />
              <text x={PADDING.left - 6} y={y + 4} text-anchor="end" class="axis">
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
