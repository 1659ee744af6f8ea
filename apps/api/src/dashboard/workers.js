/**
 * The workers page (#/workers): every live worker from GET /workers, with the backend it trains
 * on shown first. A CPU worker that fell back from the native oneDNN kernels trains several
 * times slower (docs/deploy.md): its backend is flagged, as the worker's own start-up log does.
 */
const FAST_BACKENDS = new Set(['native', 'tensorflow']);

export function backendBadge(w, esc) {
  const name = w.backend ?? w.backendPreference ?? 'unknown';
  const slow = w.backend != null && !FAST_BACKENDS.has(w.backend) && !String(w.backend).startsWith('tensorflow');
  const title = slow
    ? 'fell back from the native kernels: several times slower (see docs/deploy.md)'
    : w.backend
      ? 'the backend of its latest trial'
      : 'no trial yet: its preference';
  return `<span class="badge ${slow ? 'failed' : 'completed'}" title="${esc(title)}">${esc(name)}</span>`;
}

export async function workersPage(app, { client, call, esc, onLeave }) {
  app.innerHTML = `<h1>Workers</h1><div class="table-wrap"><table id="workers-table"><thead><tr>
    <th>Backend</th><th>Worker</th><th>Host</th><th>Address</th><th>Slots</th><th>Pools</th><th>Programs</th><th>Training</th><th>Samples/s</th><th>Last seen</th>
    </tr></thead><tbody></tbody></table></div>`;
  const tbody = app.querySelector('tbody');
  const load = async () => {
    try {
      const { items } = await call(client.GET('/workers'));
      tbody.innerHTML = items.length
        ? items
            .map(
              (w) => `<tr data-worker-id="${esc(w.id)}"><td>${backendBadge(w, esc)}</td><td>${esc(w.id)}</td><td>${esc(w.hostname)}</td>
          <td>${esc(w.address ?? '')}</td><td>${esc(w.concurrency ?? '')}</td><td>${esc((w.pools ?? []).join(', '))}</td>
          <td>${esc((w.programs ?? []).map((p) => p.name).join(', '))}</td><td>${w.running.length}</td>
          <td>${w.samplesPerSec == null ? '' : Math.round(w.samplesPerSec).toLocaleString('en-US')}</td>
          <td>${w.lastSeen ? new Date(w.lastSeen).toLocaleTimeString() : ''}</td></tr>`,
            )
            .join('')
        : '<tr><td colspan="10" class="muted">No live worker: start one with `npm run worker`.</td></tr>';
    } catch (err) {
      tbody.innerHTML = `<tr><td colspan="10" class="error">${esc(err.message)}</td></tr>`;
    }
  };
  await load();
  const timer = setInterval(load, 5000);
  onLeave(() => clearInterval(timer));
}
