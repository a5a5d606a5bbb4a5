import type { Ref } from 'preact';
import { formatNumber } from '../format';

export interface ChartPoint {
  label: string;
  value: number;
  /** The same bucket of the previous period, drawn faint behind (comparison). */
  previous?: number;
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

/**
 * A bar chart in plain SVG: the dashboard stays small without a charting library. Colours are attributes as well
 * as classes, so the SVG drawn alone (the PNG export) looks the same.
 */
export function BarChart(props: { points: ChartPoint[]; title: string; svgRef?: Ref<SVGSVGElement> }) {
  const { points } = props;
  const ticks = integerTicks(Math.max(0, ...points.map((point) => Math.max(point.value, point.previous ?? 0))));
  // The scale ends at the top tick, so the highest bar never pokes above the last grid line.
  const max = ticks[ticks.length - 1];
  const plotWidth = WIDTH - PADDING.left - PADDING.right;
  const plotHeight = HEIGHT - PADDING.top - PADDING.bottom;
  const slot = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(1, slot * 0.7);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure class="chart">
      <svg
        ref={props.svgRef}
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={props.title}
        font-family="system-ui, sans-serif"
      >
        {ticks.map((tick) => {
          const y = PADDING.top + plotHeight - (tick / max) * plotHeight;
          return (
            <g key={tick}>
              <line x1={PADDING.left} x2={WIDTH - PADDING.right} y1={y} y2={y} class="grid" stroke="#e5e7eb" />
              <text x={PADDING.left - 6} y={y + 4} text-anchor="end" class="axis y-tick" fill="#6b7280" font-size="11">
                {formatNumber(tick)}
              </text>
            </g>
          );
        })}
        {points.map((point, index) => {
          const height = (point.value / max) * plotHeight;
          const x = PADDING.left + index * slot + (slot - barWidth) / 2;
          const previous = point.previous === undefined ? 0 : (point.previous / max) * plotHeight;
          return (
            <g key={index}>
              {point.previous !== undefined && (
                // The previous period's bucket: a wider, faint bar behind this one.
                <rect
                  x={PADDING.left + index * slot + (slot - barWidth / 0.7) / 2}
                  y={PADDING.top + plotHeight - previous}
                  width={barWidth / 0.7}
                  height={previous}
                  class="bar previous"
                  fill="#c7d2fe"
                  fill-opacity="0.6"
                >
                  <title>Previous period: {formatNumber(point.previous)}</title>
                </rect>
              )}
              <rect
                x={x}
                y={PADDING.top + plotHeight - height}
                width={barWidth}
                height={height}
                class="bar current"
                fill="#4f46e5"
              >
                <title>
                  {point.label}: {formatNumber(point.value)}
                </title>
              </rect>
              {index % labelEvery === 0 && (
                <text
                  x={x + barWidth / 2}
                  y={HEIGHT - 8}
                  text-anchor="middle"
                  class="axis"
                  fill="#6b7280"
                  font-size="11"
                >
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

/** The chart as a PNG file: the SVG drawn on a canvas at twice its size, on white. */
export async function chartPng(svg: SVGSVGElement): Promise<Blob> {
  const text = new XMLSerializer().serializeToString(svg);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = WIDTH * 2;
    canvas.height = HEIGHT * 2;
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be drawn'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
