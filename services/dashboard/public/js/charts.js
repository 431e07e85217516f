import { minuteTime } from './dom.js';

/**
 * The part of Chart.js 4 these pages touch. The page loads its UMD build, which sets the global
 * `Chart` (the package's own types describe the module build, and these pages need little of it).
 * @typedef {object} ChartDataset
 * @property {string} [label]
 * @property {unknown[]} [data]
 * @property {string} [type]
 * @property {string} [borderColor]
 * @property {string | string[]} [backgroundColor]
 * @property {number[]} [borderDash]
 * @property {number} [borderWidth]
 * @property {number} [pointRadius]
 * @property {string} [stack]
 * @property {number} [order]
 *
 * @typedef {{ min: number, max: number, ticks: { value: number }[] }} ChartAxis
 * @typedef {{ min?: number, max?: number, afterBuildTicks?: (axis: ChartAxis) => void }} ChartScale
 *
 * @typedef {object} ChartInstance
 * @property {{ labels?: string[], datasets: ChartDataset[] }} data
 * @property {{ scales: Record<string, ChartScale>, plugins: Record<string, unknown> }} options
 * @property {(mode?: 'none') => void} update
 * @property {() => void} destroy
 *
 * @typedef {object} ChartTooltipItem
 * @property {{ x: number, y: number }} parsed
 * @property {{ label?: string }} dataset
 *
 * @typedef {{ family: string, size: number }} ChartFont
 * @typedef {object} ChartDefaults
 * @property {ChartFont} font
 * @property {string} color
 * @property {string} borderColor
 * @property {boolean} animation
 * @property {boolean} maintainAspectRatio
 * @property {{ legend: { labels: { boxWidth: number, boxHeight: number } },
 *   tooltip: { mode: string, intersect: boolean } }} plugins
 *
 * @typedef {{ new (canvas: HTMLCanvasElement, config: object): ChartInstance, defaults: ChartDefaults }} ChartClass
 */

/** Chart.js 4, loaded by its UMD build from the dashboard server (no CDN: the desks may be offline). */
const Chart = /** @type {{ Chart?: ChartClass }} */ (globalThis).Chart;

/** @type {Record<string, string>} */
export const SEVERITY_COLOURS = { CRITICAL: '#7f1d1d', HIGH: '#dc2626', MEDIUM: '#f59e0b', LOW: '#64748b' };
const PALETTE = [
  '#2563eb',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#ea580c',
  '#475569',
  '#0d9488',
  '#9333ea',
  '#b91c1c',
  '#1d4ed8',
  '#a16207',
];
/** @type {Map<string, string>} */
const assigned = new Map();

/**
 * Each series keeps its colour for the life of the page, whatever else comes and goes.
 * @param {string} label
 * @returns {string}
 */
export function colourFor(label) {
  let colour = assigned.get(label);
  if (!colour) {
    colour = PALETTE[assigned.size % PALETTE.length] ?? '#475569';
    assigned.set(label, colour);
  }
  return colour;
}

/**
 * The charts need Chart.js: without it the page cannot draw them, and says so where it fails.
 * @returns {ChartClass}
 */
function chartClass() {
  if (!Chart) throw new TypeError('Chart.js did not load: the charts cannot be drawn');
  return Chart;
}

if (Chart) {
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#475569';
  Chart.defaults.borderColor = '#e2e8f0';
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  Chart.defaults.plugins.legend.labels.boxHeight = 12;
  Chart.defaults.plugins.tooltip.mode = 'index';
  Chart.defaults.plugins.tooltip.intersect = false;
}

/**
 * Ticks on whole minutes (every `stepMinutes`), so the axis reads 10:05, 10:10, …
 * @param {number} stepMinutes
 * @returns {(axis: ChartAxis) => void}
 */
function minuteTicks(stepMinutes) {
  return (axis) => {
    const step = stepMinutes * 60_000;
    const first = Math.ceil(axis.min / step) * step;
    /** @type {{ value: number }[]} */
    const ticks = [];
    for (let value = first; value <= axis.max; value += step) ticks.push({ value });
    axis.ticks = ticks;
  };
}

/**
 * A line chart over time, x in epoch milliseconds.
 * @param {HTMLCanvasElement} canvas
 * @param {{ unit: string, stacked?: boolean, integer?: boolean, legend?: boolean }} options
 * @returns {ChartInstance}
 */
export function timeLineChart(canvas, options) {
  const ChartJs = chartClass();
  return new ChartJs(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      parsing: false,
      normalized: true,
      spanGaps: false,
      elements: { point: { radius: 0, hitRadius: 6 }, line: { borderWidth: 2, tension: 0.2 } },
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          afterBuildTicks: minuteTicks(5),
          ticks: { callback: (/** @type {number} */ value) => minuteTime(value), maxRotation: 0 },
          grid: { display: false },
        },
        y: {
          beginAtZero: true,
          stacked: Boolean(options.stacked),
          title: { display: true, text: options.unit },
          ticks: options.integer ? { precision: 0 } : {},
        },
      },
      plugins: {
        legend: { display: options.legend !== false, position: 'bottom' },
        tooltip: {
          mode: 'nearest',
          callbacks: {
            title: (/** @type {ChartTooltipItem[]} */ items) =>
              items[0] ? minuteTime(items[0].parsed.x) : '',
            label: (/** @type {ChartTooltipItem} */ item) =>
              `${item.dataset.label}: ${formatNumber(item.parsed.y)} ${options.unit}`,
          },
        },
      },
    },
  });
}

/**
 * Replaces the chart's series, keeping each one's colour and whether the user hid it.
 * @param {ChartInstance} chart
 * @param {{ label: string, points: [number, number][], colour?: string, dashed?: boolean }[]} series
 * @param {{ from: number, to: number, stepMinutes?: number }} window
 */
export function setLines(chart, series, window) {
  const previous = new Map(chart.data.datasets.map((dataset) => [dataset.label, dataset]));
  chart.data.datasets = series.map((entry) => {
    const colour = entry.colour ?? colourFor(entry.label);
    /** @type {ChartDataset} */
    const dataset = previous.get(entry.label) ?? {
      label: entry.label,
      borderColor: colour,
      backgroundColor: colour,
    };
    dataset.borderDash = entry.dashed ? [6, 4] : [];
    dataset.data = entry.points.map(([x, y]) => ({ x, y }));
    return dataset;
  });
  const x = chart.options.scales['x'];
  if (x) {
    x.min = window.from;
    x.max = window.to;
    x.afterBuildTicks = minuteTicks(window.stepMinutes ?? 5);
  }
  chart.update('none');
}

/**
 * Stacked bars, one bar per minute.
 * @param {HTMLCanvasElement} canvas
 * @param {{ unit: string }} options
 * @returns {ChartInstance}
 */
export function minuteBarChart(canvas, options) {
  const ChartJs = chartClass();
  return new ChartJs(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      scales: {
        x: {
          stacked: true,
          grid: { display: false },
          ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 16 },
        },
        y: {
          stacked: true,
          beginAtZero: true,
          ticks: { precision: 0 },
          title: { display: true, text: options.unit },
        },
      },
      plugins: { legend: { position: 'bottom' } },
      datasets: { bar: { categoryPercentage: 0.9, barPercentage: 1 } },
    },
  });
}

/**
 * @param {ChartInstance} chart
 * @param {number[]} minutes start of each minute, epoch ms
 * @param {{ label: string, values: number[], colour?: string, line?: boolean }[]} series
 */
export function setBars(chart, minutes, series) {
  const previous = new Map(chart.data.datasets.map((dataset) => [dataset.label, dataset]));
  chart.data.labels = minutes.map((minute) => minuteTime(minute));
  chart.data.datasets = series.map((entry) => {
    const colour = entry.colour ?? colourFor(entry.label);
    /** @type {ChartDataset} */
    const dataset =
      previous.get(entry.label) ??
      (entry.line
        ? {
            type: 'line',
            label: entry.label,
            borderColor: colour,
            backgroundColor: colour,
            borderWidth: 2,
            pointRadius: 0,
            stack: 'line',
            order: -1,
          }
        : { label: entry.label, backgroundColor: colour, borderWidth: 0 });
    dataset.data = entry.values;
    return dataset;
  });
  chart.update('none');
}

/**
 * Horizontal bars, one per category.
 * @param {HTMLCanvasElement} canvas
 * @param {{ unit: string }} options
 * @returns {ChartInstance}
 */
export function categoryBarChart(canvas, options) {
  const ChartJs = chartClass();
  return new ChartJs(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [{ label: options.unit, data: [], backgroundColor: [] }] },
    options: {
      indexAxis: 'y',
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: options.unit } },
        y: { grid: { display: false } },
      },
      plugins: { legend: { display: false } },
    },
  });
}

/**
 * @param {ChartInstance} chart
 * @param {{ label: string, value: number, colour?: string }[]} bars
 */
export function setCategoryBars(chart, bars) {
  chart.data.labels = bars.map((bar) => bar.label);
  const dataset = chart.data.datasets[0];
  if (!dataset) return;
  dataset.data = bars.map((bar) => bar.value);
  dataset.backgroundColor = bars.map((bar) => bar.colour ?? colourFor(bar.label));
  chart.update('none');
}

/** @param {number | null | undefined} value */
export function formatNumber(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2).replace(/\.?0+$/, '') || '0';
}
