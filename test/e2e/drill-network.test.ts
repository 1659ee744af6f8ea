import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { createNetwork, ip } from '../drill/network.ts';

// The fault drill's network (test/drill/network.ts): hosts in namespaces on a bridge, and a
// partition that really cuts one host from one port of another, silently (a dropped packet,
// not an error), both ways, while every other path stays open; healed, it works again; torn
// down, nothing is left. Needs root and iproute2, as CI has: without them it fails loudly.
test('a partition silently cuts one host from one port of another, heals, and the network leaves nothing behind', async () => {
  const net = createNetwork(['db', 'w1', 'w2']);
  const [db, w1, w2] = ['db', 'w1', 'w2'].map((h) => net.host(h));
  const server = spawn('ip', ['netns', 'exec', db!.ns, 'redis-server', '--port', '6399', '--bind', db!.address, '--protected-mode', 'no', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let out = '';
    server.stdout!.on('data', (d) => (out += d));
    for (let i = 0; i < 100 && !out.includes('Ready to accept connections'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(out, /Ready to accept connections/);
    // `timeout` exits 124 when the client hangs: a packet that vanished, as on a cut link.
    const ping = (from: string | null) => {
      const argv = ['timeout', '3', 'redis-cli', '-h', db!.address, '-p', '6399', 'ping'];
      const r = from ? spawnSync('ip', ['netns', 'exec', from, ...argv], { encoding: 'utf8' }) : spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
      return r.status === 0 ? r.stdout.trim() : `exit ${r.status}`;
    };
    assert.equal(ping(w1!.ns), 'PONG');
    net.cut(w1!, db!, 6399);
    assert.equal(ping(w1!.ns), 'exit 124', 'the cut host hangs, as on a dead link');
    assert.equal(ping(w2!.ns), 'PONG', 'another host still reaches it');
    assert.equal(ping(null), 'PONG', 'so does the root namespace');
    net.heal(w1!, db!, 6399);
    assert.equal(ping(w1!.ns), 'PONG');
  } finally {
    server.kill('SIGKILL');
    net.teardown();
  }
  assert.ok(!ip(['netns', 'list']).includes(`msd${net.tag}`), 'no namespace left');
  assert.ok(!ip(['link', 'show']).includes(`msd${net.tag}`), 'no bridge or veth left');
});
