// The trial page: the trial's numbers, and a canvas where a person draws a digit in white on
// black; each finished stroke is turned into a 28x28 MNIST-like image and sent to
// POST /trials/:id/predict, and the page shows the predicted digit and the 10 probabilities.

const SIZE = 280; // the drawing canvas, 10x the model's 28x28
const SIDE = 28;
const DIGIT_BOX = 20; // MNIST digits fit a 20x20 box centred in the 28x28 frame

/**
 * A drawing as the model expects it: 784 integers 0..255, row-major, white on black. As MNIST
 * was made: the strokes' bounding box is scaled so its longer side spans 20 pixels, centred in
 * the 28x28 frame, and each output pixel is the mean of the canvas pixels it covers (an area
 * average, so thin strokes come out grey rather than vanishing). `grey` is one value per canvas
 * pixel, 0..255. Returns null for an empty drawing.
 */
export function toMnistPixels(grey, width, height) {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (grey[y * width + x] > 0) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  if (x1 < 0) return null;
  const box = Math.max(x1 - x0 + 1, y1 - y0 + 1);
  const cell = box / DIGIT_BOX; // canvas pixels per output pixel
  const left = (x0 + x1 + 1) / 2 - (SIDE / 2) * cell; // the frame, centred on the box's centre
  const top = (y0 + y1 + 1) / 2 - (SIDE / 2) * cell;
  const sum = new Float64Array(SIDE * SIDE);
  for (let y = y0; y <= y1; y++)
    for (let x = x0; x <= x1; x++) {
      const v = grey[y * width + x];
      if (!v) continue;
      const cx = Math.floor((x + 0.5 - left) / cell);
      const cy = Math.floor((y + 0.5 - top) / cell);
      if (cx >= 0 && cx < SIDE && cy >= 0 && cy < SIDE) sum[cy * SIDE + cx] += v;
    }
  return Array.from(sum, (s) => Math.min(255, Math.round(s / (cell * cell))));
}

/** Pointer events cover mouse, pen and touch alike; a stroke ends on release. */
function drawingPad(canvas, onStrokeEnd) {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const clear = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  };
  clear();
  ctx.strokeStyle = '#fff';
  ctx.fillStyle = '#fff';
  ctx.lineWidth = 22; // about MNIST's stroke width once scaled to 28x28
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  let last = null;
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    canvas.setPointerCapture(e.pointerId);
    last = at(e);
    ctx.beginPath();
    ctx.arc(last[0], last[1], ctx.lineWidth / 2, 0, 2 * Math.PI);
    ctx.fill(); // a tap leaves a dot
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!last) return;
    const p = at(e);
    ctx.beginPath();
    ctx.moveTo(...last);
    ctx.lineTo(...p);
    ctx.stroke();
    last = p;
  });
  const end = () => {
    if (!last) return;
    last = null;
    onStrokeEnd();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);
  return {
    clear: () => {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.fillStyle = '#fff';
    },
    grey: () => {
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const out = new Uint8Array(canvas.width * canvas.height);
      for (let i = 0; i < out.length; i++) out[i] = data[i * 4]; // white on black: red = grey
      return out;
    },
  };
}

/** What is sent, drawn 4x so a person sees what the model sees. */
function showInput(canvas, pixels) {
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(SIDE, SIDE);
  pixels.forEach((v, i) => {
    img.data.set([v, v, v, 255], i * 4);
  });
  ctx.putImageData(img, 0, 0);
}

export async function trialPage(app, id, { client, call, esc, pct, onLeave }) {
  let alive = true;
  onLeave(() => (alive = false));
  app.innerHTML = `<p><a href="#/" id="trial-back">← all sweeps</a></p><h1 id="trial-title">Trial</h1>
    <div class="summary" id="trial-summary"></div>
    <h2>Draw a digit</h2>
    <div class="panel predict">
      <div class="pad">
        <canvas id="digit-canvas" width="${SIZE}" height="${SIZE}" aria-label="drawing area: draw a digit 0 to 9"></canvas>
        <div class="pad-actions"><button type="button" id="clear-canvas">Clear</button>
          <span class="muted">model input</span><canvas id="digit-input" width="${SIDE}" height="${SIDE}"></canvas></div>
      </div>
      <div class="prediction">
        <p class="muted" id="predict-hint">Draw a digit with the mouse or a finger, white on black; each stroke asks the model.</p>
        <p class="error" id="predict-error" hidden></p>
        <div id="predict-result" hidden><span class="muted">Predicted</span> <span id="predict-digit"></span></div>
        <div id="predict-probs"></div>
      </div>
    </div>`;
  const $ = (sel) => app.querySelector(sel);

  try {
    const t = await call(client.GET('/trials/{id}', { params: { path: { id } } }));
    if (!alive) return;
    $('#trial-title').textContent = `#${t.index + 1} ${t.name}`;
    $('#trial-back').href = `#/sweeps/${t.sweepId}`;
    $('#trial-back').textContent = '← its sweep';
    $('#trial-summary').innerHTML =
      `<span>State <span class="badge ${esc(t.status)}">${esc(t.status)}</span>${t.waitingReason ? ` <span class="muted">${esc(t.waitingReason)}</span>` : ''}</span>
      <span>Best val error <b>${pct(t.bestValError)}</b></span><span>Test error <b>${pct(t.testError)}</b></span>
      <span><a href="/trials/${esc(t.id)}/model">download model</a></span>`;
    // A program's model is its own file: no drawing pad; its output instead, live.
    if (t.model?.kind === 'program') showProgramOutput(app, t, { esc, onLeave });
    // A model of an uploaded dataset takes that dataset's images, not a drawn 28x28 digit: the API, not the pad.
    else if (t.training?.dataset && !BUILT_IN_DATASETS.includes(t.training.dataset)) showUploadedDatasetNote(app, t, esc);
  } catch (err) {
    $('#trial-summary').innerHTML = `<span class="error">${esc(err.message)}</span>`;
  }

  let asked = 0; // replies to older drawings are dropped: only the newest one is shown
  const showError = (message) => {
    $('#predict-error').textContent = message;
    $('#predict-error').hidden = !message;
  };
  const reset = () => {
    showError('');
    $('#predict-result').hidden = true;
    $('#predict-digit').textContent = '';
    $('#predict-probs').innerHTML = '';
  };
  const show = ({ digit, probabilities }) => {
    $('#predict-digit').textContent = String(digit);
    $('#predict-result').hidden = false;
    $('#predict-probs').innerHTML = probabilities
      .map(
        (p, k) => `<div class="prob${k === digit ? ' top' : ''}" data-digit="${k}" data-p="${p}">
          <span class="k">${k}</span><span class="bar"><span style="width:${(p * 100).toFixed(1)}%"></span></span><span class="v">${(p * 100).toFixed(1)}%</span></div>`,
      )
      .join('');
  };
  const predict = async () => {
    const pixels = toMnistPixels(pad.grey(), SIZE, SIZE);
    if (!pixels) return;
    showInput($('#digit-input'), pixels);
    const mine = ++asked;
    try {
      const { predictions } = await call(client.POST('/trials/{id}/predict', { params: { path: { id } }, body: { images: [pixels] } })).catch((err) => {
        const issue = err.issues?.[0];
        throw issue ? new Error(`${err.message}: ${issue.field} ${issue.reason}`) : err;
      });
      if (!alive || mine !== asked) return;
      showError('');
      show(predictions[0]);
    } catch (err) {
      if (!alive || mine !== asked) return;
      reset();
      showError(`No prediction: ${err.message}`);
    }
  };
  const pad = drawingPad($('#digit-canvas'), () => void predict());
  $('#clear-canvas').addEventListener('click', () => {
    asked++; // a reply still on its way belongs to the drawing just wiped
    pad.clear();
    $('#digit-input').getContext('2d').clearRect(0, 0, SIDE, SIDE);
    reset();
  });
}

const BUILT_IN_DATASETS = ['mnist', 'fashion-mnist'];

/** In place of the drawing pad: how to ask a model of an uploaded dataset for predictions. */
function showUploadedDatasetNote(app, t, esc) {
  app.querySelector('.predict').previousElementSibling.textContent = 'Predictions';
  app.querySelector('.predict').outerHTML = `<div class="panel"><p class="muted" id="predict-uploaded">This model trained on the uploaded dataset
    <b>${esc(t.training.dataset)}</b>: it answers images of that dataset's shape, sent to <code>POST /trials/${esc(t.id)}/predict</code>
    (see docs/datasets.md), not a drawn digit.</p></div>`;
}

/** A program trial's captured output, followed live (GET /trials/:id/logs/events) until the trial ends. */
function showProgramOutput(app, t, { esc, onLeave }) {
  app.querySelector('.predict').previousElementSibling.remove(); // "Draw a digit"
  app.querySelector('.predict').outerHTML = `<h2>Output of ${esc(t.model.program)}</h2><div class="panel"><pre id="program-log" class="log"></pre></div>`;
  const pre = app.querySelector('#program-log');
  const events = new EventSource(`/trials/${encodeURIComponent(t.id)}/logs/events`);
  onLeave(() => events.close());
  events.addEventListener('log', (e) => {
    pre.textContent += JSON.parse(e.data)
      .lines.map((l) => `${l}\n`)
      .join('');
    pre.scrollTop = pre.scrollHeight;
  });
  events.addEventListener('end', () => events.close());
}
