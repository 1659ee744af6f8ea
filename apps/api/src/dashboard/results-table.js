// The sweep page's results table: the trial number, name and error columns stay put
// (sticky) while the rest scrolls sideways, any column sorts, a state filter narrows the
// rows, and search trials show only the parameters that vary over the sweep in their name.
import { shortTrialName } from './parameter-table.js';

/** The table shows at most this many rows (sort or filter to reach the others): a 10,000-row table is no use to a person and slow to draw. */
export const MAX_ROWS = 500;
/** At most this many trials are compared at once. */
export const MAX_COMPARED = 4;

/** Columns first, in this order; the rest follow in the API's order. The first four are sticky. */
const FIRST = ['Model', 'Name', 'Val error %', 'Test error %', 'Status'];
const STICKY = { Model: 'c-idx', Name: 'c-name', 'Val error %': 'c-val', 'Test error %': 'c-test' };
const HEADINGS = { Model: '#' };

/** The table's columns in display order, each with its index in the API's rows. */
export function displayColumns(apiColumns) {
  const named = apiColumns.slice(1).map((name, i) => ({ name, at: i + 1 })); // the first is the trial id
  const first = FIRST.map((n) => named.find((c) => c.name === n)).filter(Boolean);
  return [...first, ...named.filter((c) => !FIRST.includes(c.name))];
}

function compareCells(x, y) {
  const nx = x === '' ? Number.NaN : Number(x);
  const ny = y === '' ? Number.NaN : Number(y);
  if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
  if (x === '' || y === '') return x === '' ? 1 : y === '' ? -1 : 0; // empty cells last
  return String(x).localeCompare(String(y));
}

/** Rows after the state filter and the sort: [{id, row}] (row as the API gives it, id first). */
export function visibleRows({ table, trials, filter, sort }) {
  let rows = table.rows.map((row, i) => ({ id: table.trialIds[i], row }));
  if (filter !== 'all') rows = rows.filter((r) => trials.get(r.id)?.status === filter);
  if (sort.at > 0) rows.sort((a, b) => compareCells(a.row[sort.at], b.row[sort.at]) * sort.dir);
  return rows;
}

/**
 * Draws the table. `view` holds what the page knows (table, trials, columns, live notes,
 * best id, the curve and compare selections); `on` gets the person's actions.
 */
export function renderResultsTable(tableEl, noteEl, view, on) {
  const { esc } = view;
  const columns = displayColumns(view.table.columns);
  const rows = visibleRows(view);
  const shown = rows.slice(0, MAX_ROWS);
  tableEl.tHead.innerHTML = `<tr><th class="c-curve" title="show its learning curve">curve</th><th class="c-cmp" title="compare (two to four trials)">cmp</th>${columns
    .map((c) => {
      const sorted = view.sort.at === c.at ? (view.sort.dir > 0 ? 'sorted-asc' : 'sorted-desc') : '';
      return `<th data-at="${c.at}" class="${STICKY[c.name] ?? ''} ${sorted}">${esc(HEADINGS[c.name] ?? c.name)}</th>`;
    })
    .join('')}<th title="draw a digit for the trial's trained model">model</th></tr>`;
  tableEl.tBodies[0].innerHTML = shown
    .map(({ id, row }) => {
      const t = view.trials.get(id);
      return `<tr data-trial-id="${esc(id)}" class="${id === view.bestId ? 'best' : ''}">
        <td class="c-curve"><input type="checkbox" data-curve="${esc(id)}" ${view.curves.includes(id) ? 'checked' : ''}></td>
        <td class="c-cmp"><input type="checkbox" data-compare="${esc(id)}" ${view.compared.includes(id) ? 'checked' : ''}></td>
        ${columns.map((c) => cell(c, row[c.at], t, view)).join('')}
        <td>${t?.status === 'completed' ? `<a class="try-it" href="#/trials/${esc(id)}">try it</a>` : ''}</td></tr>`;
    })
    .join('');
  noteEl.textContent = rows.length > shown.length ? `showing ${shown.length} of ${rows.length} trials: sort or filter to see the others` : `${rows.length} trials`;
  for (const th of tableEl.tHead.querySelectorAll('th[data-at]')) th.addEventListener('click', () => on.sort(Number(th.dataset.at)));
  for (const box of tableEl.tBodies[0].querySelectorAll('input[data-curve]')) box.addEventListener('change', () => on.curve(box.dataset.curve, box.checked));
  for (const box of tableEl.tBodies[0].querySelectorAll('input[data-compare]'))
    box.addEventListener('change', () => {
      if (!on.compare(box.dataset.compare, box.checked)) box.checked = false; // a fifth is refused
    });

  function cell(c, text, t, v) {
    const cls = STICKY[c.name] ?? '';
    if (c.name === 'Name' && t) {
      const short = shortTrialName(t, v.parameterColumns);
      return `<td class="${cls}" title="${esc(t.name)}">${esc(short)}</td>`;
    }
    if (c.name === 'Status') {
      const live = v.liveNote(t);
      return `<td><span class="badge ${esc(t?.status)}">${esc(text)}</span>${live}</td>`;
    }
    if (c.name === 'Val error %' || c.name === 'Test error %') return `<td class="${cls} num">${esc(text)}</td>`;
    return `<td class="${cls}">${esc(text)}</td>`;
  }
}

/** The state filter's options: every state present, with its count. */
export function stateFilterHtml(trials, filter, esc) {
  const counts = new Map();
  for (const t of trials.values()) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const options = [['all', `all states (${trials.size})`], ...[...counts].sort().map(([s, n]) => [s, `${s} (${n})`])];
  return options.map(([v, label]) => `<option value="${esc(v)}" ${v === filter ? 'selected' : ''}>${esc(label)}</option>`).join('');
}
