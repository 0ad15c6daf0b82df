/**
 * Progress a person reads. On a terminal: one status line, rewritten in
 * place — the scenario, its current step, time elapsed and an estimate of
 * what is left. Elsewhere (CI logs, a pipe): plain lines, no escape codes.
 * Either way, as each scenario ends: ✓ / ✗ / - with its name and time, the
 * whole failure text of a failed one (never cut), the mock warnings of every
 * one (passing ones too), and at the end a summary that counts flaky
 * scenarios under --repeat and says what an interrupt left unrun.
 */
import { parseDuration } from '../assert';
import { repeatCounts } from './json-reporter';
import type { ReportFolder } from './report-folder';
import type { ReportedScenario, Reporter, RunEnd, RunStart, ScenarioRef } from './reporter';
import type { PerformedStep, Scenario } from '../runner';
import { scenarioWarnings } from './warnings';

/** Where the `line` reporter writes: a terminal (isTTY: the status line is rewritten in place) or a pipe/file. */
export interface LineStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** the terminal's width, when a TTY */
  readonly columns?: number;
}

export interface LineReporterOptions {
  readonly stream: LineStream;
  /** override the stream's own isTTY */
  readonly isTTY?: boolean;
  /** the run's report folder: the summary names it */
  readonly reportFolder?: ReportFolder;
  /** ms clock; default performance.now (tests give their own) */
  readonly now?: () => number;
  /** how often the status line's clock is redrawn on a TTY, ms; default 500; 0: only on events */
  readonly refreshMs?: number;
}

const ESC = '\u001b[';
const CLEAR_LINE = `\r${ESC}2K`;
const COLOUR = { green: `${ESC}32m`, red: `${ESC}31m`, yellow: `${ESC}33m`, dim: `${ESC}2m`, reset: `${ESC}0m` } as const;
// interrupted: Ctrl-C stopped it; it neither passed nor failed
const MARK = { passed: '✓', failed: '✗', 'not-applicable': '-', interrupted: '!' } as const;
const MARK_COLOUR = { passed: COLOUR.green, failed: COLOUR.red, 'not-applicable': COLOUR.dim, interrupted: COLOUR.yellow } as const;

type Clock = ReportedScenario['clock'];

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

function describeAction(a: unknown): string {
  if (typeof a === 'string') return a;
  if (a && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    if (typeof o.fault === 'string') return o.fault;
    return Object.keys(o).join('+');
  }
  return String(a);
}

function needsRealMedia(s: Scenario): boolean {
  return (s.needs ?? []).includes('real-media');
}

function storyMs(s: Scenario): number {
  try {
    return parseDuration(s.duration);
  } catch {
    return 0;
  }
}

export class LineReporter implements Reporter {
  private readonly stream: LineStream;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly refreshMs: number;
  private run: RunStart | undefined;
  private runStartedMs = 0;
  private current: { ref: ScenarioRef; startedMs: number; step?: PerformedStep; index: number } | undefined;
  private finished: ReportedScenario[] = [];
  private statusShown = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: LineReporterOptions) {
    this.stream = options.stream;
    this.tty = options.isTTY ?? options.stream.isTTY === true;
    this.now = options.now ?? (() => performance.now());
    this.refreshMs = options.refreshMs ?? 500;
  }

  /** attempts due in all: scenarios × repeat */
  private get total(): number {
    return (this.run?.scenarios.length ?? 0) * (this.run?.repeat ?? 1);
  }

  onRunStart(run: RunStart): void {
    this.run = run;
    this.runStartedMs = this.now();
    this.finished = [];
    const repeat = run.repeat ?? 1;
    this.write(
      `Running ${run.scenarios.length} ${run.scenarios.length === 1 ? 'scenario' : 'scenarios'}${repeat > 1 ? ` × ${repeat} attempts` : ''} on ${run.target}, seed ${run.seed ?? 'random'}`,
    );
    if (this.tty && this.refreshMs > 0) {
      this.timer = setInterval(() => this.drawStatus(), this.refreshMs);
      // never what keeps a process alive; under jsdom (a reporter in a jest dom test) a timer is a number, with no unref
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  onScenarioStart(ref: ScenarioRef): void {
    this.current = { ref, startedMs: this.now(), index: this.finished.length + 1 };
    if (this.tty) this.drawStatus();
    else this.write(`[${this.current.index}/${this.total || '?'}] ${this.label(ref.scenario.name, ref.attempt, ref.repeat)}`);
  }

  onStep(scenario: Scenario, step: PerformedStep): void {
    if (this.current && this.current.ref.scenario === scenario) this.current.step = step;
    if (this.tty) this.drawStatus();
  }

  onScenarioEnd(r: ReportedScenario): void {
    this.finished.push(r);
    this.current = undefined;
    const mark = this.tty ? `${MARK_COLOUR[r.status]}${MARK[r.status]}${COLOUR.reset}` : MARK[r.status];
    const span =
      r.status === 'not-applicable'
        ? `not applicable: ${r.failures[0] ?? 'the target cannot run it'}`
        : r.status === 'interrupted'
          ? `interrupted after ${formatMs(r.wallMs)}; ${formatMs(r.virtualMs)} ${r.clock === 'real' ? 'real media' : 'virtual'}`
          : `${formatMs(r.wallMs)}; ${formatMs(r.virtualMs)} ${r.clock === 'real' ? 'real media' : 'virtual'}`;
    const lines = [`${mark} ${this.label(r.name, r.attempt, r.repeat)}  (${span})`];
    if (r.status === 'failed' || r.status === 'interrupted') for (const line of r.failures.join('\n\n').split('\n')) lines.push(`    ${line}`);
    for (const w of scenarioWarnings(r)) lines.push(this.tty ? `    ${COLOUR.yellow}warning${COLOUR.reset} ${w}` : `    warning ${w}`);
    this.write(lines.join('\n'));
  }

  onRunEnd(end: RunEnd): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearStatus();
    const results = end.results;
    const n = (s: ReportedScenario['status']): number => results.filter((r) => r.status === s).length;
    const parts = [`${n('passed')} passed`, `${n('failed')} failed`];
    if (n('not-applicable')) parts.push(`${n('not-applicable')} not applicable`);
    if (n('interrupted')) parts.push(`${n('interrupted')} interrupted`);
    const repeat = this.run?.repeat ?? 1;
    const counts = repeat > 1 ? repeatCounts(results) : [];
    const flaky = counts.filter((c) => c.flaky);
    if (repeat > 1) parts.push(`${flaky.length} flaky`);
    const notRun = Math.max(0, this.total - results.length);
    const lines: string[] = [];
    if (repeat > 1)
      for (const c of counts)
        lines.push(
          `${c.flaky ? 'flaky ' : ''}${c.name}: passed ${c.passed}/${c.attempts}${c.notApplicable ? `, ${c.notApplicable} not applicable` : ''}${c.interrupted ? `, ${c.interrupted} interrupted` : ''}`,
        );
    let summary = `${parts.join(', ')} (${formatMs(this.now() - this.runStartedMs)})`;
    if (end.interrupted) summary += `; interrupted, ${notRun} not run`;
    lines.push(summary);
    if (this.options.reportFolder?.started) lines.push(`reports: ${this.options.reportFolder.runDir}`);
    this.write(lines.join('\n'));
  }

  private label(name: string, attempt: number | undefined, repeat: number | undefined): string {
    return repeat !== undefined && repeat > 1 ? `${name} (attempt ${attempt ?? 1}/${repeat})` : name;
  }

  /** A line (or lines) that stay: the status line is cleared first and drawn again beneath. */
  private write(text: string): void {
    this.clearStatus();
    this.stream.write(`${text}\n`);
    if (this.tty && this.current) this.drawStatus();
  }

  private clearStatus(): void {
    if (!this.statusShown) return;
    this.stream.write(CLEAR_LINE);
    this.statusShown = false;
  }

  /**
   * Estimated ms left: the story-ms still to play (the current scenario's
   * remainder and every scenario not yet started, per clock) at the pace
   * finished scenarios of that clock kept (wall ms per story ms). Real media
   * plays at least in real time, so it counts at 1:1 before any has finished;
   * a virtual scenario with no finished one to go by leaves it unknown.
   */
  remainingMs(): number | undefined {
    const run = this.run;
    if (!run) return undefined;
    const pace = (clock: Clock): number | undefined => {
      // a scenario that did not play its whole story (not applicable, interrupted) says nothing of the pace
      const done = this.finished.filter((r) => r.clock === clock && (r.status === 'passed' || r.status === 'failed'));
      const story = done.reduce((t, r) => t + r.virtualMs, 0);
      if (story > 0) return done.reduce((t, r) => t + r.wallMs, 0) / story;
      return clock === 'real' ? 1 : undefined;
    };
    // the clock a scenario without needs ran on in this run (the CLI's --clock may put them all on real media)
    const plainClock: Clock =
      this.finished
        .filter((r) => {
          const s = this.scenarioOf(r);
          return s !== undefined && !needsRealMedia(s);
        })
        .at(-1)?.clock ?? 'virtual';
    const clockOf = (s: Scenario): Clock => (needsRealMedia(s) ? 'real' : plainClock);
    const repeat = run.repeat ?? 1;
    const queue = run.scenarios.flatMap((ref) => Array.from({ length: repeat }, () => ref.scenario));
    const startedCount = this.finished.length + (this.current ? 1 : 0);
    let left = 0;
    for (const s of queue.slice(startedCount)) {
      const p = pace(clockOf(s));
      if (p === undefined) return undefined;
      left += storyMs(s) * p;
    }
    if (this.current) {
      const s = this.current.ref.scenario;
      const p = pace(clockOf(s));
      if (p === undefined) return undefined;
      left += Math.max(0, storyMs(s) * p - (this.now() - this.current.startedMs));
    }
    return left;
  }

  private scenarioOf(r: ReportedScenario): Scenario | undefined {
    return this.run?.scenarios.find((ref) => ref.scenario.name === r.name && ref.file === r.file)?.scenario;
  }

  /** The status line: only on a TTY, cut to the terminal's width (it is redrawn; nothing in it is only there). */
  private drawStatus(): void {
    if (!this.tty || !this.current) return;
    const { ref, step, index } = this.current;
    const parts = [`[${index}/${this.total || '?'}] ${this.label(ref.scenario.name, ref.attempt, ref.repeat)}`];
    if (step) {
      const steps = ref.scenario.timeline?.length ?? 0;
      parts.push(`step ${step.index + 1}/${steps} at ${formatMs(step.tMs)}: ${step.actions.map(describeAction).join(', ') || 'checkpoint'}`);
    }
    parts.push(`${formatMs(this.now() - this.runStartedMs)} elapsed`);
    const left = this.remainingMs();
    parts.push(left === undefined ? 'estimating time left' : `~${formatMs(left)} left`);
    let line = parts.join(' · ');
    const width = this.stream.columns ?? 80;
    if (line.length > width - 1) line = `${line.slice(0, Math.max(0, width - 2))}…`;
    this.stream.write(`${CLEAR_LINE}${COLOUR.dim}${line}${COLOUR.reset}`);
    this.statusShown = true;
  }
}
