// The modelspace dashboard: a sweeps list, a sweep page (results table, model-space path,
// learning curves, parallel coordinates, live from the sweep's Server-Sent Events) and a
// trial page where a person draws a digit and the trial's trained model reads it.
import { curvesOption, parallelOption, pathOption } from './charts.js';
// packages/core/src/progress.ts, served without its types: the CLI's watch computes the same ETA.
import { EPOCH_WINDOW, formatDuration, formatEpochTime, sweepEta, trialEta } from './progress.js';
import { trialPage } from './trial.js';
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
    trials: new Map(),
    table: { columns: [], rows: [], trialIds: [] },
    epochs: new Map(), // trialId -> [{epoch, valError, ...}]
    live: new Map(), // trialId -> latest epoch event while training
    path: null,
    bestId: null,
    selected: null, // trial ids whose learning curves are shown; null = automatic
    sort: { col: -1, dir: 1 },
    epochEvents: 0,
  };
  app.innerHTML = `
    <p><a href="#/">← all sweeps</a></p>
    <h1 id="sweep-title">Sweep</h1>
    <div class="summary" id="sweep-summary"></div>
    <div class="panel"><b>Live</b> <span class="muted" id="live-state">connecting…</span><ul id="live-log"></ul></div>
    <h2>Results</h2>
    <div class="table-wrap"><table id="results-table"><thead></thead><tbody></tbody></table></div>
    <div class="grid">
      <div><h2>Path through model space</h2><div class="panel"><div id="path-chart" class="chart"></div></div>
        <p class="muted" id="path-note"></p></div>
      <div><h2>Learning curves</h2><div class="panel"><div id="curves-chart" class="chart"></div></div>
        <p class="muted">Tick trials in the table to choose the curves.</p></div>
    </div>
    <h2>Parameters against error</h2><div class="panel"><div id="parallel-chart" class="chart"></div></div>`;
  const charts = {
    path: echarts.init(document.getElementById('path-chart')),
    curves: echarts.init(document.getElementById('curves-chart')),
    parallel: echarts.init(document.getElementById('parallel-chart')),
  };
  const onResize = () => {
    for (const c of Object.values(charts)) c.resize();
  };
  window.addEventListener('resize', onResize);
  teardown.push(() => {
    window.removeEventListener('resize', onResize);
    for (const c of Object.values(charts)) c.dispose();
  });

  const load = async () => {
    const [sweep, trials, table, epochs, best] = await Promise.all([
      call(client.GET('/sweeps/{id}', byId(id))),
      call(client.GET('/sweeps/{id}/trials', { params: { path: { id }, query: { limit: 10000 } } })),
      call(client.GET('/sweeps/{id}/table', byId(id))),
      call(client.GET('/sweeps/{id}/epochs', byId(id))),
      call(client.GET('/sweeps/{id}/best', byId(id))).catch(() => ({ trial: null })),
    ]);
    state.sweep = sweep;
    state.trials = new Map(trials.items.map((t) => [t.id, t]));
    state.table = table;
    for (const { trialId, epochs: list } of epochs.items) state.epochs.set(trialId, list);
    for (const [trialId, t] of state.trials) if (t.status !== 'running') state.live.delete(trialId);
    state.bestId = best.trial?.id ?? null;
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
    renderSummary();
    renderTable();
    renderCharts();
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

  function sortedRows() {
    const { rows, trialIds } = state.table;
    const pairs = rows.map((r, i) => ({ cells: r.slice(1), id: trialIds[i] }));
    const { col, dir } = state.sort;
    if (col < 0) return pairs;
    const num = (s) => (s === '' ? NaN : Number(s));
    return pairs.sort((a, b) => {
      const x = a.cells[col];
      const y = b.cells[col];
      const nx = num(x);
      const ny = num(y);
      if (!Number.isNaN(nx) && !Number.isNaN(ny)) return (nx - ny) * dir;
      if (x === '' || y === '') return x === '' ? 1 : -1; // empty cells last
      return String(x).localeCompare(String(y)) * dir;
    });
  }

  function renderTable() {
    const table = document.getElementById('results-table');
    const columns = state.table.columns.slice(1); // the first is the trial id
    const selected = curveTrialIds();
    table.tHead.innerHTML = `<tr><th title="show its learning curve">curve</th>${columns
      .map((c, i) => `<th data-col="${i}" class="${state.sort.col === i ? (state.sort.dir > 0 ? 'sorted-asc' : 'sorted-desc') : ''}">${esc(c)}</th>`)
      .join('')}<th title="draw a digit for the trial's trained model">model</th></tr>`;
    table.tBodies[0].innerHTML = sortedRows()
      .map(({ cells, id: trialId }) => {
        const t = state.trials.get(trialId);
        const live = state.live.get(trialId);
        const waiting = t?.status === 'queued' && t.waitingReason ? ` <span class="muted">${esc(t.waitingReason)}</span>` : '';
        const eta = live && t ? trialEta(progressInput(t)) : null;
        const etaNote = eta ? ` · ${formatEpochTime(eta.secondsPerEpoch)}/epoch · ≤ ${formatDuration(eta.etaSeconds)} left` : '';
        const liveNote = live ? ` <span class="muted">epoch ${live.epoch}/${live.maxEpochs} · ${pct(live.valError)}${etaNote}</span>` : waiting;
        return `<tr data-trial-id="${esc(trialId)}" class="${trialId === state.bestId ? 'best' : ''}">
          <td><input type="checkbox" data-curve="${esc(trialId)}" ${selected.includes(trialId) ? 'checked' : ''}></td>
          ${cells.map((c, i) => (columns[i] === 'Status' ? `<td><span class="badge ${esc(t?.status)}">${esc(c)}</span>${liveNote}</td>` : `<td>${esc(c)}</td>`)).join('')}
          <td>${t?.status === 'completed' ? `<a class="try-it" href="#/trials/${esc(trialId)}">try it</a>` : ''}</td></tr>`;
      })
      .join('');
    for (const th of table.tHead.querySelectorAll('th[data-col]')) {
      th.addEventListener('click', () => {
        const col = Number(th.dataset.col);
        state.sort = { col, dir: state.sort.col === col ? -state.sort.dir : 1 };
        renderTable();
      });
    }
    for (const box of table.tBodies[0].querySelectorAll('input[data-curve]')) {
      box.addEventListener('change', () => {
        const set = new Set(curveTrialIds());
        box.checked ? set.add(box.dataset.curve) : set.delete(box.dataset.curve);
        state.selected = set;
        renderCharts();
      });
    }
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
    charts.parallel.setOption(parallelOption({ trials }), { notMerge: true });
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
