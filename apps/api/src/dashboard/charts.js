// Chart options for Apache ECharts, built from plain data: the dashboard's figures are
// ECharts series (graph on a cartesian grid, lines, parallel coordinates), not hand-drawn SVG.

const STATUS_COLOURS = {
  completed: '#16a34a',
  running: '#2563eb',
  queued: '#9ca3af',
  failed: '#dc2626',
  cancelled: '#d97706',
  pruned: '#d97706',
};
const pct = (v) => (v == null ? '' : `${(v * 100).toFixed(2)}%`);

/** A "save as PNG" button on a figure: the path and learning curves go into reports as images. */
const saveAsImage = (name) => ({ right: 10, feature: { saveAsImage: { name, title: 'save as PNG', pixelRatio: 2, backgroundColor: '#fff' } } });

/** The error a trial is plotted at: its best, or its best epoch so far while it trains. */
export function trialError(trial, live) {
  return trial.bestValError ?? live?.bestSoFar ?? live?.valError ?? null;
}

/**
 * Edges of the model-space path as [{from, to, label}], whatever the path endpoint names
 * its fields (it is young: accept source/target, parentId/childId and similar spellings).
 */
export function pathEdges(path) {
  const edges = path?.edges ?? [];
  return edges
    .map((e) => ({
      from: e.from ?? e.source ?? e.parentId ?? e.parentTrialId ?? e.parent,
      to: e.to ?? e.target ?? e.childId ?? e.trialId ?? e.child,
      label: e.label ?? e.change ?? (Array.isArray(e.changes) ? e.changes.map((c) => c.label ?? c).join(', ') : '') ?? '',
    }))
    .filter((e) => e.from && e.to);
}

/** Exploration order by trial id: the path's own order when it gives one, else trial order. */
export function explorationOrder(trials, path) {
  const order = new Map();
  const given = path?.order ?? path?.nodes?.map((n) => n.trialId ?? n.id);
  if (Array.isArray(given))
    given.forEach((id, i) => {
      order.set(typeof id === 'object' ? (id.trialId ?? id.id) : id, i + 1);
    });
  for (const t of [...trials].sort((a, b) => a.index - b.index)) if (!order.has(t.id)) order.set(t.id, order.size + 1);
  return order;
}

/** The chain of edges from the root to the best trial (the path that led to it). */
export function bestPathEdges(edges, bestId) {
  const parentOf = new Map(edges.map((e) => [e.to, e]));
  const onPath = new Set();
  for (let id = bestId, guard = 0; id && parentOf.has(id) && guard < 10_000; guard++) {
    const e = parentOf.get(id);
    onPath.add(`${e.from}>${e.to}`);
    id = e.from;
  }
  return onPath;
}

export function pathOption({ trials, live, path, bestId }) {
  const order = explorationOrder(trials, path);
  const plotted = trials.filter((t) => trialError(t, live.get(t.id)) != null);
  const ids = new Set(plotted.map((t) => t.id));
  const edges = pathEdges(path).filter((e) => ids.has(e.from) && ids.has(e.to));
  const best = bestPathEdges(edges, bestId);
  // Past a handful of trials full labels overlap: then nodes read "#N" (the table and the
  // tooltip give names) and only the edges on the path to the best model keep their change.
  const crowded = plotted.length > 8;
  return {
    animation: false,
    tooltip: {
      formatter: (p) => (p.dataType === 'edge' ? p.data.change : `${p.data.label.formatter}<br/>${p.data.statusText}<br/>val error ${pct(p.data.value[1])}`),
    },
    toolbox: saveAsImage('model-space-path'),
    grid: { left: 60, right: 20, top: 30, bottom: 45 },
    xAxis: { type: 'value', name: 'exploration order', nameLocation: 'middle', nameGap: 28, minInterval: 1, min: 0 },
    yAxis: { type: 'value', name: 'val error', axisLabel: { formatter: (v) => `${(v * 100).toFixed(1)}%` }, scale: true },
    series: [
      {
        id: 'path',
        type: 'graph',
        coordinateSystem: 'cartesian2d',
        symbolSize: 12,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 7,
        data: plotted.map((t) => ({
          name: t.id,
          value: [order.get(t.id), trialError(t, live.get(t.id))],
          statusText: t.status,
          label: { show: true, position: 'top', formatter: crowded ? `#${t.index + 1}` : `#${t.index + 1} ${t.name}`, fontSize: 10 },
          itemStyle: {
            color: STATUS_COLOURS[t.status] ?? '#6b7280',
            borderColor: t.id === bestId ? '#111827' : '#fff',
            borderWidth: t.id === bestId ? 3 : 1,
          },
        })),
        links: edges.map((e) => {
          const onBest = best.has(`${e.from}>${e.to}`);
          return {
            source: e.from,
            target: e.to,
            change: e.label,
            label: { show: !crowded || onBest, formatter: e.label, fontSize: 9 },
            lineStyle: { width: onBest ? 3 : 1, color: onBest ? '#dc2626' : '#9ca3af', curveness: 0.1 },
          };
        }),
      },
    ],
  };
}

export function curvesOption({ trials, epochsByTrial }) {
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: pct },
    // A plain legend wraps onto more lines, so every curve stays named in a saved image.
    legend: { type: 'plain', top: 0, left: 10, right: 50 },
    toolbox: saveAsImage('learning-curves'),
    grid: { left: 60, right: 20, top: 45 + 22 * Math.ceil(trials.length / 1.5), bottom: 40 },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26, minInterval: 1, min: 1 },
    yAxis: { type: 'value', name: 'val error', scale: true, axisLabel: { formatter: (v) => `${(v * 100).toFixed(1)}%` } },
    series: trials.map((t) => ({
      id: t.id,
      name: `#${t.index + 1} ${t.name}`,
      type: 'line',
      showSymbol: true,
      data: (epochsByTrial.get(t.id) ?? []).map((e) => [e.epoch, e.valError]),
    })),
  };
}

function leaves(value, prefix, out) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) out[prefix] = Array.isArray(value) ? value.join(',') : value;
  return out;
}

/** Parallel coordinates: one axis per parameter that differs between trials, then the error. */
export function parallelOption({ trials }) {
  const done = trials.filter((t) => t.bestValError != null);
  const rows = done.map((t) => leaves({ model: t.model, training: t.training }, '', {}));
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => new Set(rows.map((r) => JSON.stringify(r[k] ?? null))).size > 1).sort();
  const axes = keys.map((k, dim) => {
    const values = rows.map((r) => r[k]);
    const numeric = values.every((v) => typeof v === 'number');
    return numeric
      ? { dim, name: k.replace(/^(model|training)\./, ''), type: 'value', scale: true }
      : { dim, name: k.replace(/^(model|training)\./, ''), type: 'category', data: [...new Set(values.map((v) => String(v ?? '—')))] };
  });
  axes.push({ dim: keys.length, name: 'val error %', type: 'value', scale: true });
  const data = done.map((t, i) => [...keys.map((k, d) => (axes[d].type === 'value' ? rows[i][k] : String(rows[i][k] ?? '—'))), +(t.bestValError * 100).toFixed(3)]);
  const errors = data.map((r) => r[r.length - 1]);
  return {
    animation: false,
    tooltip: {},
    toolbox: saveAsImage('parallel-coordinates'),
    title: done.length ? undefined : { text: 'no completed trial yet', left: 'center', top: 'middle', textStyle: { color: '#9ca3af', fontSize: 13 } },
    parallelAxis: axes,
    parallel: { left: 60, right: 80, top: 40, bottom: 30 },
    visualMap: errors.length
      ? {
          show: true,
          dimension: keys.length,
          min: Math.min(...errors),
          max: Math.max(...errors),
          inRange: { color: ['#16a34a', '#facc15', '#dc2626'] },
          right: 0,
          top: 'middle',
          itemHeight: 120,
          text: ['worse', 'better'],
        }
      : undefined,
    series: [{ type: 'parallel', lineStyle: { width: 2, opacity: 0.8 }, data }],
  };
}
