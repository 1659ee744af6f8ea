// The modelspace dashboard: a sweeps list, a sweep page (results table, comparison, model-space
// path, learning curves, importance, contour, slices, parallel coordinates, timeline, live
// from the sweep's Server-Sent Events) and a trial page where a person draws a digit and the
// trial's trained model reads it.
import { curvesOption, parallelOption, pathOption } from './charts.js';
import { compareCurvesOption, contourOption, importanceOption, SAMPLE_ABOVE, sample, slicesOption, timelineLanes, timelineOption } from './analysis-charts.js';
import { COMPARE_COLOURS, compareTableHtml } from './compare.js';
import { MAX_COMPARED, renderResultsTable, stateFilterHtml } from './results-table.js';
// packages/core/src/analysis/parameter-table.ts, served without its types: the API's importance reads the same table.
import { parameterColumns } from './parameter-table.js';
// packages/core/src/progress.ts, served without its types: the CLI's watch computes the same ETA.
import { EPOCH_WINDOW, formatDuration, formatEpochTime, sweepEta, trialEta } from './progress.js';
import { trialPage } from './trial.js';
import { workersPage } from './workers.js';
import { datasetsPage } from './datasets.js';
import { createModelspaceClient } from './client.js';

const app = document.getElementById('app');
const FINISHED = new Set(['completed', 'failed', 'cancelled', 'stopped']);
const pct = (v) => (v == null ? '—' : `${(v * 100).toFixed(2)}%`);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// @modelspace/client (generated from the API's OpenAPI document), bundled by the API: every data call goes through it.
const client = createModelspaceClient(location.origin);

/** The answer of one client call: its data, or an Error with the API's message (and its status and issues). */
async function call(request) {
  const { data, error, response } = await request;
  // No key (or a revoked one): the API wants one; ask for it (docs/security.md).
  if (response.status === 401) loginPage(error?.error?.message);
  if (!response.ok) throw Object.assign(new Error(error?.error?.message ?? `${response.status} ${response.statusText}`), { status: response.status, issues: error?.error?.issues });
  return data;
}
const byId = (id) => ({ params: { path: { id } } });

/**
 * The API key goes to POST /auth/login, which answers with an HttpOnly cookie: page scripts
 * never hold the key, and the event stream (EventSource cannot set headers) carries it too.
 */
function loginPage(reason) {
  if (document.getElementById('login-form')) return;
  leavePage();
  app.innerHTML = `<h1>Sign in</h1><form id="login-form" class="login">
    <p class="muted">${esc(reason ?? 'This API asks for a key.')} Paste an API key (<code>modelspace admin keys create</code> makes one).</p>
    <input name="key" type="password" autocomplete="off" placeholder="ms_…" size="60" required />
    <button type="submit">Sign in</button><p class="error" id="login-error"></p></form>`;
  const form = document.getElementById('login-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { error, response } = await client.POST('/auth/login', { body: { key: form.key.value.trim() } });
    if (!response.ok) {
      document.getElementById('login-error').textContent = error?.error?.message ?? `${response.status}`;
      return;
    }
    route();
  });
}

/** Whatever the current page set up (timers, event streams, charts) is undone on navigation. */
let teardown = [];
function leavePage() {
  for (const fn of teardown) fn();
  teardown = [];
}

function route() {
  leavePage();
  const trial = location.hash.match(/^#\/trials\/([\w-]+)/);
  const m = location.hash.match(/^#\/sweeps\/([\w-]+)/);
  if (trial) trialPage(app, trial[1], { client, call, esc, pct, onLeave: (fn) => teardown.push(fn) });
  else if (location.hash.startsWith('#/workers')) workersPage(app, { client, call, esc, onLeave: (fn) => teardown.push(fn) });
  else if (location.hash.startsWith('#/datasets')) datasetsPage(app, { client, call, esc });
  else if (m) sweepPage(m[1]);
  else sweepsPage();
}
window.addEventListener('hashchange', route);
route();
showNavForAuthMode();

/** Bull Board exists only without keys (it shows every project's jobs); sign-out only with them. */
async function showNavForAuthMode() {
  const answer = await client.GET('/auth/whoami').catch(() => null);
  const mode = answer?.response.ok ? answer.data.auth : 'required';
  document.getElementById('queues-link').hidden = mode !== 'off';
  document.getElementById('sign-out').hidden = mode === 'off';
}

// ---------------------------------------------------------------- sweeps list

async function sweepsPage() {
  app.innerHTML = `<h1>Sweeps</h1><div class="table-wrap"><table id="sweeps-table"><thead><tr>
    <th>Name</th><th>State</th><th>Trials</th><th>Best val error</th><th>Method</th><th>Created</th></tr></thead><tbody></tbody></table></div>`;
  const tbody = app.querySelector('tbody');
  const load = async () => {
    try {
      const { items } = await call(client.GET('/sweeps', { params: { query: { limit: 200 } } }));
      tbody.innerHTML = items.length
        ? items
            .map(
              (s) => `<tr data-sweep-id="${esc(s.id)}"><td><a href="#/sweeps/${esc(s.id)}">${esc(s.name)}</a></td>
          <td><span class="badge ${esc(s.status)}">${esc(s.status)}</span></td><td>${s.trialCounts?.total ?? ''}</td>
          <td>${pct(s.bestValError)}</td><td>${esc(s.method)}</td><td>${new Date(s.createdAt).toLocaleString()}</td></tr>`,
            )
            .join('')
        : '<tr><td colspan="6" class="muted">No sweeps yet: POST one to /sweeps or run `modelspace submit FILE`.</td></tr>';
    } catch (err) {
      tbody.innerHTML = `<tr><td colspan="6" class="error">${esc(err.message)}</td></tr>`;
    }
  };
  await load();
  const timer = setInterval(load, 5000);
  teardown.push(() => clearInterval(timer));
}

// ---------------------------------------------------------------- one sweep

function sweepPage(id) {
  const state = {
    sweep: null,
    space: null, // the search space (from the definition), for the parameters' kinds
    trials: new Map(),
    table: { columns: [], rows: [], trialIds: [] },
    parameterColumns: [], // the parameters that vary over the sweep (parameter-table.js)
    epochs: new Map(), // trialId -> [{epoch, valError, ...}]
    live: new Map(), // trialId -> latest epoch event while training
    path: null,
    importance: null,
    timeline: null,
    bestId: null,
    selected: null, // trial ids whose learning curves are shown; null = automatic
    compared: [], // trial ids ticked for comparison, in the order ticked
    sort: { at: -1, dir: 1 }, // `at`: the column's index in the API's rows
    filter: 'all',
    contour: { a: null, b: null },
    epochEvents: 0,
  };
  app.innerHTML = `
    <p><a href="#/">← all sweeps</a></p>
    <h1 id="sweep-title">Sweep</h1>
    <div class="summary" id="sweep-summary"></div>
    <div class="panel"><b>Live</b> <span class="muted" id="live-state">connecting…</span><ul id="live-log"></ul></div>
    <h2>Results</h2>
    <div class="table-tools"><label>State <select id="state-filter"></select></label> <span class="muted" id="table-note"></span>
      <span class="muted">Tick <b>curve</b> to draw a trial's learning curve, <b>cmp</b> to compare two to four trials.</span></div>
    <div class="table-wrap"><table id="results-table"><thead></thead><tbody></tbody></table></div>
    <div id="compare"><h2>Compare</h2><div class="panel"><p class="muted" id="compare-note"></p><div id="compare-table" class="table-scroll"></div>
      <div id="compare-chart" class="chart" hidden></div></div></div>
    <div class="grid">
      <div><h2>Path through model space</h2><div class="panel"><div id="path-chart" class="chart"></div></div>
        <p class="muted" id="path-note"></p></div>
      <div><h2>Learning curves</h2><div class="panel"><div id="curves-chart" class="chart"></div></div>
        <p class="muted">Tick trials in the table to choose the curves.</p></div>
    </div>
    <h2>What mattered</h2>
    <div class="grid">
      <div><h3>Importance</h3><div class="panel"><div id="importance-chart" class="chart"></div></div>
        <p class="muted" id="importance-note">Each parameter's share of the objective's variance over the completed trials, alone and (pale) jointly with another: fANOVA over a random forest, as Optuna computes it.</p></div>
      <div><h3>Contour</h3><div class="panel"><label>x <select id="contour-a"></select></label> <label>y <select id="contour-b"></select></label>
        <div id="contour-chart" class="chart"></div></div><p class="muted">Mean objective of the completed trials in each cell (binned, not interpolated).</p></div>
    </div>
    <h3>Slices</h3><div class="panel"><div id="slices-chart" class="chart tall"></div></div>
    <h2>Parameters against error</h2><div class="panel"><div id="parallel-chart" class="chart"></div></div>
    <h2>Where the time went</h2><div class="panel"><div id="timeline-chart" class="chart"></div></div>
    <p class="muted">One lane per worker slot, one bar per attempt from claim to end, coloured by outcome; a dashed outline is an attempt that resumed an earlier one.</p>`;
  const chartIds = ['path', 'curves', 'parallel', 'importance', 'contour', 'slices', 'timeline', 'compare'];
  const charts = Object.fromEntries(chartIds.map((k) => [k, echarts.init(document.getElementById(`${k}-chart`))]));
  const onResize = () => {
    for (const c of Object.values(charts)) c.resize();
  };
  window.addEventListener('resize', onResize);
  teardown.push(() => {
    window.removeEventListener('resize', onResize);
    for (const c of Object.values(charts)) c.dispose();
  });
  document.getElementById('state-filter').addEventListener('change', (e) => {
    state.filter = e.target.value;
    renderTable();
  });
  for (const axis of ['a', 'b'])
    document.getElementById(`contour-${axis}`).addEventListener('change', (e) => {
      state.contour[axis] = e.target.value;
      renderAnalysis();
    });

  /** The trial's value of the sweep objective (what importance, slices and contour are about). */
  const OBJECTIVE_FIELDS = { valError: 'bestValError', testError: 'testError', valLoss: 'bestValLoss' };
  const objectiveOf = (t) => (t.status === 'completed' ? (t[OBJECTIVE_FIELDS[state.sweep?.objective] ?? 'bestValError'] ?? null) : null);

  const load = async () => {
    const optional = (request) => call(request).catch(() => null); // an analysis that fails leaves the rest of the page working
    const [sweep, trials, table, epochs, best, importance, timeline, spec] = await Promise.all([
      call(client.GET('/sweeps/{id}', byId(id))),
      call(client.GET('/sweeps/{id}/trials', { params: { path: { id }, query: { limit: 10000 } } })),
      call(client.GET('/sweeps/{id}/table', byId(id))),
      call(client.GET('/sweeps/{id}/epochs', byId(id))),
      call(client.GET('/sweeps/{id}/best', byId(id))).catch(() => ({ trial: null })),
      optional(client.GET('/sweeps/{id}/importance', byId(id))),
      optional(client.GET('/sweeps/{id}/timeline', byId(id))),
      state.space === null ? optional(client.GET('/sweeps/{id}/spec', byId(id))) : null,
    ]);
    state.sweep = sweep;
    if (spec) state.space = spec.space ?? false;
    state.trials = new Map(trials.items.map((t) => [t.id, t]));
    state.table = table;
    state.parameterColumns = parameterColumns(trials.items, state.space || null);
    for (const { trialId, epochs: list } of epochs.items) state.epochs.set(trialId, list);
    for (const [trialId, t] of state.trials) if (t.status !== 'running') state.live.delete(trialId);
    state.bestId = best.trial?.id ?? null;
    state.importance = importance;
    state.timeline = timeline;
    state.path = await call(client.GET('/sweeps/{id}/path', byId(id))).catch(() => null);
    render();
  };

  let refreshTimer = null;
  const refreshSoon = () => {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => load().catch(showError), 600);
  };
  teardown.push(() => clearTimeout(refreshTimer));

  function showError(err) {
    document.getElementById('sweep-summary').innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }

  function render() {
    const started = performance.now();
    const parts = {};
    for (const [name, draw] of Object.entries({ summary: renderSummary, table: renderTable, charts: renderCharts, analysis: renderAnalysis })) {
      const t = performance.now();
      draw();
      parts[name] = Math.round(performance.now() - t);
    }
    // For people, tests and bench/dashboard-scale.ts: how often and how long the page drew its data.
    document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + 1);
    document.body.dataset.renderMs = String(Math.round(performance.now() - started));
    document.body.dataset.renderParts = JSON.stringify(parts);
  }

  function renderSummary() {
    const s = state.sweep;
    document.getElementById('sweep-title').textContent = s.name;
    const best = state.bestId ? state.trials.get(state.bestId) : null;
    const counts = Object.entries(s.trialCounts ?? {})
      .filter(([k, v]) => k !== 'total' && v)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ');
    document.getElementById('sweep-summary').innerHTML = `
      <span>State <span class="badge ${esc(s.status)}" id="sweep-status">${esc(s.status)}</span></span>
      <span>Method <b>${esc(s.method)}</b></span><span>Trials <b>${s.trialCounts?.total ?? 0}</b> (${esc(counts)})</span>
      ${sweepEtaHtml()}
      <span>Best <b id="best-so-far">${best ? `#${best.index + 1} ${esc(best.name)}: ${pct(best.bestValError)}` : '—'}</b></span>
      <span><a href="/sweeps/${id}/trials.csv">CSV</a> · <a href="/sweeps/${id}/trials.json">JSON</a> · <a href="/sweeps/${id}/table.md">Markdown</a></span>`;
  }

  /** A trial as core's ETA reads it: its epochs so far and the durations of the latest. */
  function progressInput(t) {
    const list = state.epochs.get(t.id) ?? [];
    return {
      status: t.status,
      epoch: list.length ? list[list.length - 1].epoch : 0,
      maxEpochs: t.training?.maxEpochs ?? 0,
      recentEpochMs: list.slice(-EPOCH_WINDOW).map((e) => e.durationMs),
    };
  }

  /** The time left for the trials created so far, were each to run to its last epoch. */
  function sweepEtaHtml() {
    if (FINISHED.has(state.sweep.status)) return '';
    const eta = sweepEta([...state.trials.values()].map(progressInput));
    if (!eta || eta.trialsLeft === 0) return '';
    const title = 'upper bound: early stopping or pruning may end trials sooner; trials not yet created are not counted';
    return `<span title="${title}">ETA <b id="sweep-eta">≤ ${esc(formatDuration(eta.etaSeconds))}</b> (${eta.trialsLeft} trials on ${eta.slots} slots)</span>`;
  }

  /** A running trial's epoch, error and time left; a queued one's reason for waiting. */
  function liveNote(t) {
    if (!t) return '';
    const live = state.live.get(t.id);
    if (!live) return t.status === 'queued' && t.waitingReason ? ` <span class="muted">${esc(t.waitingReason)}</span>` : '';
    const eta = trialEta(progressInput(t));
    const etaNote = eta ? ` · ${formatEpochTime(eta.secondsPerEpoch)}/epoch · ≤ ${formatDuration(eta.etaSeconds)} left` : '';
    return ` <span class="muted">epoch ${live.epoch}/${live.maxEpochs} · ${pct(live.valError)}${etaNote}</span>`;
  }

  function renderTable() {
    document.getElementById('state-filter').innerHTML = stateFilterHtml(state.trials, state.filter, esc);
    renderResultsTable(
      document.getElementById('results-table'),
      document.getElementById('table-note'),
      { ...state, curves: curveTrialIds(), liveNote, esc, pct },
      {
        sort: (at) => {
          state.sort = { at, dir: state.sort.at === at ? -state.sort.dir : 1 };
          renderTable();
        },
        curve: (trialId, on) => {
          const set = new Set(curveTrialIds());
          on ? set.add(trialId) : set.delete(trialId);
          state.selected = set;
          renderCharts();
        },
        compare: (trialId, on) => {
          if (on && state.compared.length >= MAX_COMPARED) {
            document.getElementById('compare-note').textContent = `At most ${MAX_COMPARED} trials at once: untick one first.`;
            return false;
          }
          state.compared = on ? [...state.compared, trialId] : state.compared.filter((x) => x !== trialId);
          renderCompare();
          return true;
        },
      },
    );
  }

  /** By default: the best trial and every trial training now, up to eight curves. */
  function curveTrialIds() {
    if (state.selected) return [...state.selected];
    const running = [...state.trials.values()].filter((t) => t.status === 'running').map((t) => t.id);
    const withCurves = [...state.trials.values()].filter((t) => state.epochs.get(t.id)?.length).map((t) => t.id);
    return [...new Set([state.bestId, ...running, ...withCurves].filter(Boolean))].slice(0, 8);
  }

  function renderCharts() {
    const trials = [...state.trials.values()].sort((a, b) => a.index - b.index);
    const pathEl = document.getElementById('path-chart');
    const option = pathOption({ trials, live: state.live, path: state.path, bestId: state.bestId });
    charts.path.setOption(option, { notMerge: true });
    // For people and tests: how many trials are drawn, and whether edges could be drawn.
    pathEl.dataset.points = String(option.series[0].data.length);
    pathEl.dataset.edges = String(option.series[0].links.length);
    document.getElementById('path-note').textContent = state.path
      ? 'Edges go from parent to child, labelled with the change; the path to the best model is highlighted.'
      : 'Trials in exploration order; parent → child edges appear once the sweep reports its path.';
    const selected = curveTrialIds()
      .map((tid) => state.trials.get(tid))
      .filter(Boolean);
    charts.curves.setOption(curvesOption({ trials: selected, epochsByTrial: state.epochs }), { notMerge: true });
    charts.parallel.setOption(parallelOption({ trials: sample(trials, SAMPLE_ABOVE, (t) => t.id === state.bestId) }), { notMerge: true });
    renderCompare();
  }

  /** Importance, contour, slices and timeline: they change when a trial ends, not at every epoch. */
  function renderAnalysis() {
    const trials = [...state.trials.values()].sort((a, b) => a.index - b.index);
    const objective = state.sweep.objective;
    const imp = document.getElementById('importance-chart');
    charts.importance.setOption(importanceOption(state.importance), { notMerge: true });
    imp.dataset.status = state.importance?.status ?? '';
    imp.dataset.bars = String(state.importance?.parameters?.length ?? 0);
    const columns = state.parameterColumns;
    const names = columns.map((c) => c.name);
    if (!names.includes(state.contour.a)) state.contour.a = state.importance?.parameters?.[0]?.name ?? names[0] ?? null;
    if (!names.includes(state.contour.b) || state.contour.b === state.contour.a) state.contour.b = names.find((n) => n !== state.contour.a) ?? null;
    for (const axis of ['a', 'b'])
      document.getElementById(`contour-${axis}`).innerHTML = columns
        .map((c) => `<option value="${esc(c.name)}" ${c.name === state.contour[axis] ? 'selected' : ''}>${esc(c.label)}</option>`)
        .join('');
    const byName = (n) => columns.find((c) => c.name === n) ?? null;
    charts.contour.setOption(contourOption({ a: byName(state.contour.a), b: byName(state.contour.b), trials, objectiveOf, objective }), { notMerge: true });
    const slices = slicesOption({ columns, trials, objectiveOf, objective });
    charts.slices.setOption(slices, { notMerge: true });
    document.getElementById('slices-chart').dataset.panels = String(slices.series.length);
    const timeline = state.timeline ?? { attempts: [], now: new Date().toISOString() };
    charts.timeline.setOption(timelineOption(timeline), { notMerge: true });
    const tl = document.getElementById('timeline-chart');
    tl.dataset.bars = String(timeline.attempts.length);
    tl.dataset.lanes = String(timelineLanes(timeline.attempts, Date.parse(timeline.now)).lanes.length);
  }

  function renderCompare() {
    const trials = state.compared.map((tid) => state.trials.get(tid)).filter(Boolean);
    const note = document.getElementById('compare-note');
    const tableEl = document.getElementById('compare-table');
    document.getElementById('compare').dataset.count = String(trials.length);
    const chartEl = document.getElementById('compare-chart');
    const wasHidden = chartEl.hidden;
    // Nothing to compare: no empty chart taking the page's room.
    chartEl.hidden = trials.length < 2;
    if (trials.length < 2) {
      note.textContent = trials.length ? 'Tick one to three more trials in the cmp column.' : 'Tick two to four trials in the cmp column to compare them.';
      tableEl.innerHTML = '';
      charts.compare.setOption(compareCurvesOption({ trials: [], epochsByTrial: state.epochs, colours: COMPARE_COLOURS }), { notMerge: true });
      return;
    }
    note.textContent = '';
    tableEl.innerHTML = compareTableHtml(trials, { esc, pct });
    if (wasHidden) charts.compare.resize(); // it was laid out while hidden
    charts.compare.setOption(compareCurvesOption({ trials, epochsByTrial: state.epochs, colours: COMPARE_COLOURS }), { notMerge: true });
  }

  function logLine(text) {
    const log = document.getElementById('live-log');
    const li = document.createElement('li');
    li.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
    log.prepend(li);
    while (log.children.length > 50) log.lastChild.remove();
  }

  // Live: the sweep's events. The browser's EventSource resumes with Last-Event-ID by itself.
  function connect() {
    const es = new EventSource(`/sweeps/${id}/events`);
    teardown.push(() => es.close());
    const liveState = document.getElementById('live-state');
    es.onopen = () => (liveState.textContent = 'connected');
    es.onerror = () => (liveState.textContent = es.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting…');
    es.addEventListener('epoch', (msg) => {
      const e = JSON.parse(msg.data);
      const list = state.epochs.get(e.trialId) ?? [];
      if (!list.some((x) => x.epoch === e.epoch)) list.push(e);
      list.sort((a, b) => a.epoch - b.epoch);
      state.epochs.set(e.trialId, list);
      const t = state.trials.get(e.trialId);
      const bestSoFar = Math.min(...list.map((x) => x.valError));
      if (!t || t.status === 'running' || t.status === 'queued') state.live.set(e.trialId, { ...e, bestSoFar });
      state.epochEvents += 1;
      document.body.dataset.epochEvents = String(state.epochEvents);
      logLine(`#${e.index + 1} ${e.name}: epoch ${e.epoch}/${e.maxEpochs}, val error ${pct(e.valError)}`);
      if (state.sweep) {
        renderTable();
        renderCharts();
      }
      refreshSoon();
    });
    es.addEventListener('trial', (msg) => {
      const e = JSON.parse(msg.data);
      logLine(`#${e.index + 1} ${e.name}: ${e.status}${e.error ? ` (${e.error})` : ''}`);
      refreshSoon();
    });
    es.addEventListener('sweep', (msg) => {
      const e = JSON.parse(msg.data);
      logLine(`sweep ${e.status}`);
      if (FINISHED.has(e.status)) {
        es.close();
        liveState.textContent = `sweep ${e.status}`;
      }
      refreshSoon();
    });
  }

  load().then(connect).catch(showError);
}
