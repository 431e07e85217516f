import { minuteTime } from './dom.js';

/** Chart.js 4, loaded by its UMD build from the dashboard server (no CDN: the desks may be offline). */
const Chart = /** @type {any} */ (globalThis).Chart;

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
const assigned = new Map();

/** Each series keeps its colour for the life of the page, whatever else comes and goes. */
export function colourFor(label) {
  let colour = assigned.get(label);
  if (!colour) {
    colour = PALETTE[assigned.size % PALETTE.length];
    assigned.set(label, colour);
  }
  return colour;
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

/** Ticks on whole minutes (every `stepMinutes`), so the axis reads 10:05, 10:10, … */
function minuteTicks(stepMinutes) {
  return (axis) => {
    const step = stepMinutes * 60_000;
    const first = Math.ceil(axis.min / step) * step;
    const ticks = [];
    for (let value = first; value <= axis.max; value += step) ticks.push({ value });
    axis.ticks = ticks;
  };
}

/**
 * A line chart over time, x in epoch milliseconds.
 * @param {HTMLCanvasElement} canvas
 * @param {{ unit: string, stacked?: boolean, integer?: boolean, legend?: boolean }} options
 */
export function timeLineChart(canvas, options) {
  return new Chart(canvas, {
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
          ticks: { callback: (value) => minuteTime(value), maxRotation: 0 },
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
            title: (items) => (items[0] ? minuteTime(items[0].parsed.x) : ''),
            label: (item) => `${item.dataset.label}: ${formatNumber(item.parsed.y)} ${options.unit}`,
          },
        },
      },
    },
  });
}

/**
 * Replaces the chart's series, keeping each one's colour and whether the user hid it.
 * @param {any} chart
 * @param {{ label: string, points: [number, number][], colour?: string, dashed?: boolean }[]} series
 * @param {{ from: number, to: number, stepMinutes?: number }} window
 */
export function setLines(chart, series, window) {
  const previous = new Map(chart.data.datasets.map((dataset) => [dataset.label, dataset]));
  chart.data.datasets = series.map((entry) => {
    const colour = entry.colour ?? colourFor(entry.label);
    const dataset = previous.get(entry.label) ?? {
      label: entry.label,
      borderColor: colour,
      backgroundColor: colour,
    };
    dataset.borderDash = entry.dashed ? [6, 4] : [];
    dataset.data = entry.points.map(([x, y]) => ({ x, y }));
    return dataset;
  });
  chart.options.scales.x.min = window.from;
  chart.options.scales.x.max = window.to;
  chart.options.scales.x.afterBuildTicks = minuteTicks(window.stepMinutes ?? 5);
  chart.update('none');
}

/**
 * Stacked bars, one bar per minute.
 * @param {HTMLCanvasElement} canvas
 * @param {{ unit: string }} options
 */
export function minuteBarChart(canvas, options) {
  return new Chart(canvas, {
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
 * @param {any} chart
 * @param {number[]} minutes start of each minute, epoch ms
 * @param {{ label: string, values: number[], colour?: string, line?: boolean }[]} series
 */
export function setBars(chart, minutes, series) {
  const previous = new Map(chart.data.datasets.map((dataset) => [dataset.label, dataset]));
  chart.data.labels = minutes.map((minute) => minuteTime(minute));
  chart.data.datasets = series.map((entry) => {
    const colour = entry.colour ?? colourFor(entry.label);
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
 */
export function categoryBarChart(canvas, options) {
  return new Chart(canvas, {
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

/** @param {any} chart @param {{ label: string, value: number, colour?: string }[]} bars */
export function setCategoryBars(chart, bars) {
  chart.data.labels = bars.map((bar) => bar.label);
  const dataset = chart.data.datasets[0];
  dataset.data = bars.map((bar) => bar.value);
  dataset.backgroundColor = bars.map((bar) => bar.colour ?? colourFor(bar.label));
  chart.update('none');
}

export function formatNumber(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2).replace(/\.?0+$/, '') || '0';
}
