// A worker's link to the database host, as a TCP relay that can be made slow and lossy.
// The kernel here has no netem qdisc (tc says "Specified qdisc kind is unknown"), so the
// drill's 200 ms ± 50 ms latency and 5% loss are applied here instead: every chunk the
// worker sends waits 150-250 ms (in order, as on a link), and 5% of them wait one TCP
// retransmission timeout more (what a lost segment costs a TCP connection: its bytes arrive,
// late). Partitions are not made here but in the kernel (network.ts), on these ports.
//
// argv[2]: JSON [{ link, listenHost, listenPort, targetHost, targetPort }]
// stdin: JSON lines { link, delayMs, jitterMs, loss, seed } to degrade a link, { link, clear: true } to restore it.
import { createServer, connect } from 'node:net';
import { createInterface } from 'node:readline';

const routes = JSON.parse(process.argv[2]);
/** link → { delayMs, jitterMs, loss, random } while degraded. */
const degraded = new Map();
const RETRANSMIT_MS = 600;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pipes `from` into `to`, holding each chunk as the link's state says, keeping their order. */
function relay(link, from, to) {
  let releaseAt = 0;
  from.on('data', (chunk) => {
    const d = degraded.get(link);
    if (!d) {
      if (releaseAt <= Date.now()) return void to.write(chunk);
    }
    const base = d ? d.delayMs + (d.random() * 2 - 1) * d.jitterMs + (d.random() < d.loss ? RETRANSMIT_MS : 0) : 0;
    releaseAt = Math.max(releaseAt, Date.now() + base);
    setTimeout(() => to.writable && to.write(chunk), releaseAt - Date.now());
  });
}

for (const r of routes) {
  const server = createServer((client) => {
    const upstream = connect(r.targetPort, r.targetHost);
    relay(r.link, client, upstream);
    // Replies are not held: the worker's egress is the degraded side, as netem on its interface would be.
    upstream.on('data', (chunk) => client.writable && client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });
  server.listen(r.listenPort, r.listenHost, () => process.stdout.write(`link ${r.link} listening on ${r.listenHost}:${r.listenPort}\n`));
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const m = JSON.parse(line);
  if (m.clear) degraded.delete(m.link);
  else degraded.set(m.link, { delayMs: m.delayMs, jitterMs: m.jitterMs, loss: m.loss, random: mulberry32(m.seed) });
  process.stdout.write(`link ${m.link} ${m.clear ? 'restored' : `degraded ${JSON.stringify(m)}`}\n`);
});
