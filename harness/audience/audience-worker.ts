/**
 * A worker thread's share of an audience: its viewers' players, their
 * figures in per-group histograms, a tick a second to the audience (counts,
 * the second's latency samples), the histograms at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LeanFlvPlayer, RtmpPlayer } from '../media';
import { Histogram } from './histogram';
import { GroupFigures, ViewerStats } from './viewer-stats';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (!port) throw new Error('[live-harness] Failed to run an audience worker: it was not started as a worker thread. Start it through Audience.');

const groups = Array.from({ length: setup.groups }, () => new GroupFigures());
let window = new Histogram();
const stats: ViewerStats[] = [];
const players: Array<{ close(): void }> = [];
const timers: NodeJS.Timeout[] = [];
let joined = 0;
let left = 0;
let stopped = false;

const post = (m: FromWorker): void => port.postMessage(m);

function join(plan: WorkerSetup['viewers'][number]): void {
  if (stopped) return;
  const s = new ViewerStats(plan.index, plan.group, groups[plan.group], { add: (v: number) => window.add(v) }, setup.stallMs);
  stats.push(s);
  const events = {
    onLocal: (address: string, localPort: number) => post({ type: 'local', index: plan.index, address, port: localPort }),
    // Each tag is read at once and kept nowhere: borrowed, not copied.
    onTagView: (tag: Parameters<ViewerStats['tag']>[0], wallMs: number) => {
      const was = s.joined;
      s.tag(tag, wallMs);
      if (!was && s.joined) joined++;
    },
    onEnd: () => {
      if (s.left) return;
      s.left = true;
      left++;
    },
  };
  const player =
    plan.protocol === 'rtmp' ? new RtmpPlayer(plan.url, events, setup.connectTimeoutMs) : new LeanFlvPlayer(plan.url, events, setup.connectTimeoutMs);
  players.push(player);
  player.start();
}

for (const plan of setup.viewers) timers.push(setTimeout(() => join(plan), plan.joinAtMs));

const ticker = setInterval(() => {
  const now = Date.now();
  let stalled = 0;
  for (const s of stats) if (s.tick(now, setup.tickMs)) stalled++;
  post({ type: 'tick', joined, left, stalled, window: window.toJSON() });
  joined = 0;
  left = 0;
  window = new Histogram();
}, setup.tickMs);

port.on('message', (m: ToWorker) => {
  const now = Date.now();
  if (m.type === 'mark') {
    for (const s of stats) s.mark(now);
    return;
  }
  stopped = true;
  clearInterval(ticker);
  for (const t of timers) clearTimeout(t);
  for (const s of stats) s.finish(now);
  const viewers = stats.map((s) => s.keepUp(now));
  for (const p of players) p.close();
  post({ type: 'final', joined, left, groups: groups.map((g) => g.toJSON()), viewers });
  port.close();
});
