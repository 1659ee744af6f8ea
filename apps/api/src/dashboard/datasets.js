/**
 * The datasets page (#/datasets): the project's uploaded datasets from GET /datasets, with
 * their shape, split, size and how many sweeps use them. Delete (DELETE /datasets/:id) is
 * offered only for a dataset no sweep uses, as the API allows; uploads are the CLI's and
 * curl's (docs/datasets.md): a browser form would hold a whole file in the page.
 */
const size = (bytes) => (bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

export function datasetRow(d, esc) {
  const s = d.shape;
  const used = d.sweeps > 0;
  const remove = used
    ? `<button disabled title="${esc(`used by ${d.sweeps} sweep(s): delete them first`)}">Delete</button>`
    : `<button data-delete="${esc(d.id)}" data-name="${esc(d.name)}">Delete</button>`;
  return `<tr data-dataset-id="${esc(d.id)}"><td>${esc(d.name)}</td><td>${s.height}x${s.width}x${s.channels}</td><td>${s.classes}</td>
    <td>${esc(d.dtype)}</td><td>${d.counts.train} / ${d.counts.val} / ${d.counts.test}</td><td>${size(d.sizeBytes)}</td>
    <td>${d.sweeps}</td><td title="${esc(d.sha256)}"><code>${esc(d.sha256.slice(0, 12))}</code></td>
    <td>${new Date(d.createdAt).toLocaleString()}</td><td>${remove}</td></tr>`;
}

export async function datasetsPage(app, { client, call, esc }) {
  app.innerHTML = `<h1>Datasets</h1>
    <p class="muted">Upload with <code>modelspace datasets upload</code> or curl (docs/datasets.md); a sweep names one in <code>training.dataset</code>.</p>
    <p id="datasets-message" class="error"></p>
    <div class="table-wrap"><table id="datasets-table"><thead><tr>
    <th>Name</th><th>Shape (HxWxC)</th><th>Classes</th><th>Type</th><th>Train / val / test</th><th>Size</th><th>Sweeps</th><th>sha256</th><th>Uploaded</th><th></th>
    </tr></thead><tbody></tbody></table></div>`;
  const tbody = app.querySelector('tbody');
  const message = app.querySelector('#datasets-message');
  const load = async () => {
    try {
      const { items } = await call(client.GET('/datasets'));
      tbody.innerHTML = items.length
        ? items.map((d) => datasetRow(d, esc)).join('')
        : '<tr><td colspan="10" class="muted">No uploaded dataset: sweeps train on mnist or fashion-mnist.</td></tr>';
    } catch (err) {
      tbody.innerHTML = `<tr><td colspan="10" class="error">${esc(err.message)}</td></tr>`;
    }
  };
  tbody.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-delete]');
    if (!button || !confirm(`Delete dataset "${button.dataset.name}"?`)) return;
    message.textContent = '';
    try {
      await call(client.DELETE('/datasets/{id}', { params: { path: { id: button.dataset.delete } } }));
    } catch (err) {
      message.textContent = err.message;
    }
    await load();
  });
  await load();
}
