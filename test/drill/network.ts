import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * The drill's hosts: one Linux network namespace each, joined by a bridge in the root
 * namespace (which has an address too, for the drill's client and checker). Names carry a
 * random tag so two drills on one machine never share a namespace, bridge or subnet.
 * Partitions are policy-routing rules that drop a host's incoming packets for one port
 * (`ip rule … blackhole` matches on the input path too, where a drop is silent: a cut link
 * looks like one, with no reset and no error, until it heals).
 */
export interface Host {
  name: string;
  /** The namespace (`ip netns`). */
  ns: string;
  address: string;
  /** The host's end of its veth pair, inside the namespace. */
  dev: string;
}

export interface DrillNetwork {
  tag: string;
  /** The root namespace's address on the bridge. */
  gateway: string;
  hosts: Map<string, Host>;
  host(name: string): Host;
  /** Drops tcp traffic between `a` and port `port` of `b` both ways, silently. */
  cut(a: Host, b: Host, port: number): void;
  heal(a: Host, b: Host, port: number): void;
  /** Removes every namespace, veth and the bridge; safe to call twice and after a partial setup. */
  teardown(): void;
}

export function ip(args: string[]): string {
  try {
    return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`ip ${args.join(' ')}: ${(e.stderr || e.message).trim()}`);
  }
}

/** Fails loudly (what the drill needs is missing) rather than skipping. */
export function checkPrerequisites(): void {
  if (process.getuid?.() !== 0) throw new Error('the fault drill needs root (network namespaces, veth pairs, a bridge)');
  try {
    ip(['-V']);
  } catch (err) {
    throw new Error(`the fault drill needs iproute2's ip command: ${(err as Error).message}`);
  }
}

/** A /24 in 10.200-249.x.0 not yet routed on this machine. */
function freeSubnet(): string {
  const routes = ip(['-4', 'route', 'show']);
  for (let i = 0; i < 200; i++) {
    const subnet = `10.${200 + (randomBytes(1)[0]! % 50)}.${randomBytes(1)[0]!}`;
    if (!routes.includes(`${subnet}.`)) return subnet;
  }
  throw new Error('no free 10.2xx.y.0/24 subnet for the drill network');
}

export function createNetwork(hostNames: string[]): DrillNetwork {
  checkPrerequisites();
  const tag = randomBytes(2).toString('hex');
  const subnet = freeSubnet();
  const bridge = `msd${tag}br`;
  const gateway = `${subnet}.1`;
  const hosts = new Map<string, Host>();
  const made: { netns: string[]; links: string[] } = { netns: [], links: [bridge] };
  const net: DrillNetwork = {
    tag,
    gateway,
    hosts,
    host(name) {
      const h = hosts.get(name);
      if (!h) throw new Error(`no drill host ${name}`);
      return h;
    },
    cut(a, b, port) {
      for (const rule of partitionRules(a, b, port)) ip(['-n', rule.ns, 'rule', 'add', ...rule.args]);
    },
    heal(a, b, port) {
      for (const rule of partitionRules(a, b, port)) ip(['-n', rule.ns, 'rule', 'del', ...rule.args]);
    },
    teardown() {
      for (const ns of made.netns) quietly(['netns', 'del', ns]);
      for (const link of made.links) quietly(['link', 'del', link]);
      made.netns = [];
      made.links = [];
    },
  };
  try {
    ip(['link', 'add', bridge, 'type', 'bridge']);
    ip(['addr', 'add', `${gateway}/24`, 'dev', bridge]);
    ip(['link', 'set', bridge, 'up']);
    hostNames.forEach((name, i) => {
      const ns = `msd${tag}-${name}`;
      const outer = `msd${tag}${i}`;
      const dev = 'eth0';
      ip(['netns', 'add', ns]);
      made.netns.push(ns);
      ip(['link', 'add', outer, 'type', 'veth', 'peer', 'name', dev, 'netns', ns]);
      made.links.push(outer);
      ip(['link', 'set', outer, 'master', bridge]);
      ip(['link', 'set', outer, 'up']);
      const address = `${subnet}.${10 + i}`;
      ip(['-n', ns, 'addr', 'add', `${address}/24`, 'dev', dev]);
      ip(['-n', ns, 'link', 'set', 'lo', 'up']);
      ip(['-n', ns, 'link', 'set', dev, 'up']);
      // Packets for the host itself match the local table first (rule 0), before any drop: move
      // that lookup behind the partition rules (CUT_PREF), as policy-routing firewalls do.
      ip(['-n', ns, 'rule', 'add', 'pref', '1000', 'lookup', 'local']);
      ip(['-n', ns, 'rule', 'del', 'pref', '0']);
      hosts.set(name, { name, ns, address, dev });
    });
  } catch (err) {
    net.teardown();
    throw err;
  }
  return net;
}

const CUT_PREF = '100';

/** The two input-path drops of a partition: `b`'s port as seen by `a`, and `a`'s packets as seen by `b`. */
function partitionRules(a: Host, b: Host, port: number): Array<{ ns: string; args: string[] }> {
  return [
    { ns: b.ns, args: ['pref', CUT_PREF, 'from', a.address, 'to', b.address, 'ipproto', 'tcp', 'dport', String(port), 'iif', b.dev, 'blackhole'] },
    { ns: a.ns, args: ['pref', CUT_PREF, 'from', b.address, 'to', a.address, 'ipproto', 'tcp', 'sport', String(port), 'iif', a.dev, 'blackhole'] },
  ];
}

function quietly(args: string[]): void {
  try {
    ip(args);
  } catch {
    // already gone
  }
}
