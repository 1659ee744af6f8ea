// Chart options for the sweep page's analyses, built from plain data as charts.js's are:
// importance (bars), slices (objective against each parameter), a contour of a chosen pair
// (binned mean of the objective), the timeline of attempts (one lane per worker slot) and
// the comparison's overlaid learning curves. Apache ECharts draws them all.
import { formatValue, trialValues } from './parameter-table.js';

/** Above this many points a scatter is drawn from a seeded sample of them (the best always kept): docs/sweeps.md. */
export const SAMPLE_ABOVE = 2000;

const saveAsImage = (name) => ({ right: 10, feature: { saveAsImage: { name, title: 'save as PNG', pixelRatio: 2, backgroundColor: '#fff' } } });
const muted = (text) => ({ text, left: 'center', top: 'middle', textStyle: { color: '#9ca3af', fontSize: 13, fontWeight: 'normal', width: 520, overflow: 'break' } });
const pctAxis = { formatter: (v) => `${(v * 100).toFixed(1)}%` };
const pct = (v) => (v == null ? '' : `${(v * 100).toFixed(2)}%`);

/** Outcome → colour, for the timeline (and its legend). */
export const OUTCOME_COLOURS = {
  running: '#2563eb',
  completed: '#16a34a',
  pruned: '#d97706',
  failed: '#dc2626',
  retried: '#f87171',
  'handed back': '#a855f7',
  lost: '#111827',
  cancelled: '#9ca3af',
};

/** A seeded, order-keeping sample of `k` items that always holds those `keep` says to. */
export function sample(items, k, keep = () => false) {
  if (items.length <= k) return items;
  let a = 0x2545f491;
  const rng = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const chosen = new Set(items.filter(keep));
  const rest = items.filter((x) => !chosen.has(x));
  for (let i = 0; i < rest.length && chosen.size < k; i++) {
    const j = i + Math.floor(rng() * (rest.length - i));
    [rest[i], rest[j]] = [rest[j], rest[i]];
    chosen.add(rest[i]);
  }
  return items.filter((x) => chosen.has(x));
}

/** Main effects as bars, then the pairs whose joint effect is at least 2% of the variance. */
export function importanceOption(answer) {
  if (answer?.status !== 'ok') {
    const text = !answer ? 'importance: loading…' : answer.status === 'too-few-trials' ? `Too few trials for importance: ${answer.reason}.` : `No importance: ${answer.reason}.`;
    return { animation: false, title: muted(text), toolbox: saveAsImage('importance'), xAxis: { show: false }, yAxis: { show: false }, series: [] };
  }
  const bars = [
    ...answer.parameters.map((p) => ({ name: p.label, value: p.mainEffect, std: p.std, importance: p.importance, kind: 'alone' })),
    ...answer.interactions
      .filter((i) => i.share >= 0.02)
      .slice(0, 3)
      .map((i) => ({ name: i.label, value: i.share, kind: 'jointly' })),
  ].reverse(); // ECharts draws the first category at the bottom
  return {
    animation: false,
    title: { text: `share of ${answer.objective} variance (fANOVA, ${answer.used} trials)`, left: 10, top: 0, textStyle: { fontSize: 12, fontWeight: 'normal', color: '#6b7280' } },
    tooltip: {
      formatter: (p) =>
        p.data.kind === 'alone'
          ? `${p.name}<br/>alone: ${(p.value * 100).toFixed(1)}% ± ${(p.data.std * 100).toFixed(1)}<br/>importance (normalised): ${(p.data.importance * 100).toFixed(1)}%`
          : `${p.name}<br/>jointly, beyond their own effects: ${(p.value * 100).toFixed(1)}%`,
    },
    toolbox: saveAsImage('importance'),
    grid: { left: 10, right: 60, top: 30, bottom: 30, containLabel: true },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } },
    yAxis: { type: 'category', data: bars.map((b) => b.name) },
    series: [
      {
        type: 'bar',
        data: bars.map((b) => ({ ...b, itemStyle: { color: b.kind === 'alone' ? '#2563eb' : '#93c5fd' } })),
        label: { show: true, position: 'right', formatter: (p) => `${(p.value * 100).toFixed(1)}%` },
      },
    ],
  };
}

/** Where a parameter's values go on an axis: log, linear, or categories in first-seen order. */
function axisFor(column, values) {
  if (column.kind === 'numeric') return { type: column.log ? 'log' : 'value', scale: true, name: column.label, nameLocation: 'middle', nameGap: 22 };
  const data = [...new Set(values.map((v) => formatValue(v)))].sort();
  return { type: 'category', data, name: column.label, nameLocation: 'middle', nameGap: 22 };
}

/** The x value of a trial on a parameter's axis; inactive values are left out (undefined). */
function coordinate(column, v) {
  if (v === undefined) return undefined;
  return column.kind === 'numeric' ? v : formatValue(v);
}

/** One small scatter per parameter (four to a row): the objective of each completed trial against the parameter's value. */
export function slicesOption({ columns, trials, objectiveOf, objective }) {
  const done = trials.filter((t) => objectiveOf(t) != null);
  if (!columns.length || !done.length) return { animation: false, title: muted(done.length ? 'no parameter varies over this sweep' : 'no completed trial yet'), series: [] };
  const best = Math.min(...done.map(objectiveOf));
  const drawn = sample(done, SAMPLE_ABOVE, (t) => objectiveOf(t) === best);
  const perRow = Math.min(4, columns.length);
  const rows = Math.ceil(columns.length / perRow);
  const grids = [];
  const xAxis = [];
  const yAxis = [];
  const series = [];
  columns.forEach((c, i) => {
    const col = i % perRow;
    const row = Math.floor(i / perRow);
    grids.push({ left: `${(col * 100) / perRow + 4}%`, width: `${100 / perRow - 6}%`, top: `${(row * 100) / rows + 6}%`, height: `${100 / rows - 16}%` });
    const values = drawn.map((t) => trialValues(t)[c.name]).filter((v) => v !== undefined);
    xAxis.push({ gridIndex: i, ...axisFor(c, values) });
    yAxis.push({ gridIndex: i, type: 'value', scale: true, axisLabel: pctAxis, name: i % perRow === 0 ? objective : '' });
    series.push({
      type: 'scatter',
      name: c.label,
      xAxisIndex: i,
      yAxisIndex: i,
      symbolSize: 6,
      large: drawn.length > 500,
      itemStyle: { color: '#2563eb', opacity: 0.6 },
      data: drawn.map((t) => [coordinate(c, trialValues(t)[c.name]), objectiveOf(t), t.index]).filter((d) => d[0] !== undefined),
    });
  });
  return {
    animation: false,
    toolbox: saveAsImage('slices'),
    tooltip: { formatter: (p) => `#${p.data[2] + 1}<br/>${p.seriesName} ${formatValue(p.data[0])}<br/>${objective} ${pct(p.data[1])}` },
    title:
      done.length > drawn.length ? { text: `a sample of ${drawn.length} of ${done.length} trials`, right: 40, top: 0, textStyle: { fontSize: 11, color: '#6b7280' } } : undefined,
    grid: grids,
    xAxis,
    yAxis,
    series,
  };
}

/** Up to `n` bins of a parameter's values: each category, or equal steps (on log10 when log-scaled). */
function binsFor(column, values, n = 10) {
  if (column.kind === 'categorical' || new Set(values).size <= n) {
    const labels = [...new Set(values.map((v) => formatValue(v)))].sort((a, b) => (column.kind === 'numeric' ? Number(a) - Number(b) : a.localeCompare(b)));
    return { labels, of: (v) => labels.indexOf(formatValue(v)) };
  }
  const t = (v) => (column.log ? Math.log10(v) : v);
  const lo = Math.min(...values.map(t));
  const hi = Math.max(...values.map(t));
  const step = (hi - lo) / n;
  const back = (x) => (column.log ? 10 ** x : x);
  const labels = Array.from({ length: n }, (_, i) => `${formatValue(back(lo + i * step))}–${formatValue(back(lo + (i + 1) * step))}`);
  return { labels, of: (v) => Math.min(n - 1, Math.floor((t(v) - lo) / step)) };
}

/** The mean objective in each cell of a grid over two parameters (a binned contour: no interpolation between trials). */
export function contourOption({ a, b, trials, objectiveOf, objective }) {
  const done = trials.filter((t) => objectiveOf(t) != null && trialValues(t)[a?.name] !== undefined && trialValues(t)[b?.name] !== undefined);
  if (!a || !b || done.length < 2) return { animation: false, title: muted(!a || !b ? 'pick two parameters' : 'fewer than two completed trials have both parameters'), series: [] };
  const xb = binsFor(
    a,
    done.map((t) => trialValues(t)[a.name]),
  );
  const yb = binsFor(
    b,
    done.map((t) => trialValues(t)[b.name]),
  );
  const cells = new Map();
  for (const t of done) {
    const k = `${xb.of(trialValues(t)[a.name])},${yb.of(trialValues(t)[b.name])}`;
    const c = cells.get(k) ?? { sum: 0, n: 0 };
    c.sum += objectiveOf(t);
    c.n += 1;
    cells.set(k, c);
  }
  const data = [...cells].map(([k, c]) => [...k.split(',').map(Number), c.sum / c.n, c.n]);
  const means = data.map((d) => d[2]);
  return {
    animation: false,
    toolbox: saveAsImage(`contour-${a.label}-${b.label}`),
    tooltip: { formatter: (p) => `${a.label} ${xb.labels[p.data[0]]}<br/>${b.label} ${yb.labels[p.data[1]]}<br/>mean ${objective} ${pct(p.data[2])} (${p.data[3]} trials)` },
    grid: { left: 10, right: 90, top: 20, bottom: 50, containLabel: true },
    xAxis: { type: 'category', data: xb.labels, name: a.label, nameLocation: 'middle', nameGap: 32, splitArea: { show: true } },
    yAxis: { type: 'category', data: yb.labels, name: b.label, splitArea: { show: true } },
    visualMap: {
      dimension: 2, // the mean, not the count
      min: Math.min(...means),
      max: Math.max(...means),
      calculable: true,
      right: 0,
      top: 'middle',
      itemHeight: 140,
      inRange: { color: ['#16a34a', '#facc15', '#dc2626'] },
      text: ['worse', 'better'],
      formatter: (v) => pct(v),
    },
    series: [{ type: 'heatmap', data, label: { show: data.length <= 60, formatter: (p) => (p.data[2] * 100).toFixed(1), fontSize: 9 } }],
  };
}

/**
 * Lanes for the timeline: each worker's attempts packed into as few slots as never overlap
 * (the first slot free at an attempt's start), which is its concurrency as it was used:
 * the worker does not record which slot ran what.
 */
export function timelineLanes(attempts, nowMs) {
  const byWorker = new Map();
  for (const a of [...attempts].sort((x, y) => Date.parse(x.startedAt) - Date.parse(y.startedAt))) {
    const w = a.workerId ?? 'unknown worker';
    if (!byWorker.has(w)) byWorker.set(w, []);
    byWorker.get(w).push(a);
  }
  const lanes = [];
  const bars = [];
  for (const w of [...byWorker.keys()].sort()) {
    const ends = []; // per slot, when its last attempt ended
    for (const a of byWorker.get(w)) {
      const start = Date.parse(a.startedAt);
      const end = a.endedAt ? Date.parse(a.endedAt) : nowMs;
      let slot = ends.findIndex((e) => e <= start);
      if (slot < 0) slot = ends.push(0) - 1;
      ends[slot] = end;
      bars.push({ a, lane: `${w} · ${slot + 1}`, start, end });
    }
    ends.forEach((_e, i) => {
      lanes.push(`${w} · ${i + 1}`);
    });
  }
  return { lanes, bars };
}

/** One bar per attempt, from claim to end, in its worker slot's lane, coloured by outcome; a resumed attempt (attempt > 1) is hatched. */
export function timelineOption({ attempts, now }) {
  if (!attempts.length) return { animation: false, title: muted('no trial has started yet'), series: [] };
  const nowMs = Date.parse(now);
  const { lanes, bars } = timelineLanes(attempts, nowMs);
  const laneIndex = new Map(lanes.map((l, i) => [l, i]));
  const outcome = (a) => a.outcome ?? 'running';
  const outcomes = Object.keys(OUTCOME_COLOURS).filter((o) => bars.some((b) => outcome(b.a) === o));
  return {
    animation: false,
    toolbox: saveAsImage('timeline'),
    legend: { top: 0, left: 10, data: outcomes },
    tooltip: {
      formatter: (p) => {
        const { a, start, end } = p.data.bar;
        return `#${a.index + 1} ${a.name}<br/>attempt ${a.attempt} on ${a.workerId ?? '?'}<br/>${outcome(a)} · ${((end - start) / 1000).toFixed(1)} s`;
      },
    },
    dataZoom: [
      { type: 'inside', filterMode: 'weakFilter' },
      { type: 'slider', height: 18, bottom: 6, filterMode: 'weakFilter' },
    ],
    grid: { left: 10, right: 20, top: 30, bottom: 50, containLabel: true },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: lanes, inverse: true },
    series: outcomes.map((o) => ({
      type: 'custom',
      name: o,
      itemStyle: { color: OUTCOME_COLOURS[o] },
      encode: { x: [1, 2], y: 0 },
      renderItem: (params, api) => {
        const lane = api.value(0);
        const [x0, y] = api.coord([api.value(1), lane]);
        const [x1] = api.coord([api.value(2), lane]);
        const h = api.size([0, 1])[1] * 0.7;
        const shape = echarts.graphic.clipRectByRect(
          { x: x0, y: y - h / 2, width: Math.max(1, x1 - x0), height: h },
          { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height },
        );
        const resumed = api.value(3) > 1;
        return (
          shape && {
            type: 'rect',
            shape,
            style: { fill: OUTCOME_COLOURS[o], stroke: resumed ? '#111827' : '#fff', lineWidth: resumed ? 1.5 : 0.5, lineDash: resumed ? [3, 2] : null },
          }
        );
      },
      data: bars.filter((b) => outcome(b.a) === o).map((b) => ({ value: [laneIndex.get(b.lane), b.start, b.end, b.a.attempt], bar: b })),
    })),
  };
}

/** Learning curves of the compared trials on one chart, the same colours as their columns in the comparison table. */
export function compareCurvesOption({ trials, epochsByTrial, colours }) {
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: pct },
    legend: { top: 0, left: 10, right: 50 },
    toolbox: saveAsImage('compare-curves'),
    grid: { left: 60, right: 20, top: 50, bottom: 40 },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26, minInterval: 1, min: 1 },
    yAxis: { type: 'value', name: 'val error', scale: true, axisLabel: pctAxis },
    series: trials.map((t, i) => ({
      id: t.id,
      name: `#${t.index + 1}`,
      type: 'line',
      showSymbol: true,
      itemStyle: { color: colours[i] },
      data: (epochsByTrial.get(t.id) ?? []).map((e) => [e.epoch, e.valError]),
    })),
  };
}
