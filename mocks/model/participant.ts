/**
 * What <live-pusher> and <live-player> share: WeChat's attribute rules
 * (insert-only, dynamic, staged until the next session), the step and
 * netstatus ticks, the reconnect rule, timers that die with the session that
 * set them, statechange events and the device subscription. A model adds what
 * it does with media and how it connects.
 */
import { type Component, defaultMessage, describeCode, errorCodes, PlayCode, PushCode } from '../codes';
import type { ConnectFailure, Link, StreamTarget } from '../link/types';
import type { Clock, Random, TimerHandle } from '../time';
import { type AttrSpec, applyRule, defaultsOf, PLAYER_ATTRS, type PlayerAttrs, PUSHER_ATTRS, type PusherAttrs } from './attributes';
import { type ClientProfile, supports } from './client';
import type { Device, DeviceChange } from './device';
import type { CallResult, ModelSink } from './events';
import { round, Window } from './netstatus';
import type { ModelParams } from './params';
import { ReconnectPolicy } from './reconnect';
import { type AttrWarning, normalizePlayerAttrs, normalizePusherAttrs } from './validate';

export interface ParticipantDeps {
  readonly id: string;
  readonly clock: Clock;
  readonly random: Random;
  readonly params: ModelParams;
  readonly client: ClientProfile;
  readonly link: Link;
  readonly device: Device;
  readonly sink: ModelSink;
}

type AttrsOf = { pusher: PusherAttrs; player: PlayerAttrs };

interface Tables<A> {
  readonly attrs: { readonly [N in keyof A]: AttrSpec };
  normalize(id: string, raw: Partial<A>, base: A, client: ClientProfile): { attrs: A; warnings: AttrWarning[] };
  /** the base reports the codes both tables name alike */
  readonly codes: SharedCodes;
}

/** A component's attribute table, validator and code table, by its name. */
const TABLES: { readonly [K in Component]: Tables<AttrsOf[K]> } = {
  pusher: { attrs: PUSHER_ATTRS, normalize: normalizePusherAttrs, codes: PushCode },
  player: { attrs: PLAYER_ATTRS, normalize: normalizePlayerAttrs, codes: PlayCode },
};

/** What the shared rules need to know of a model beyond its tables. */
export interface ParticipantRules<A> {
  /**
   * Bounds checked as a pair (min ≤ max): a change to either side re-reads
   * both, and the warning about the pair, given on `warnedOn`, shows
   * whichever side moved.
   */
  readonly pair: { readonly keys: readonly [keyof A & string, keyof A & string]; readonly warnedOn: keyof A & string };
  /** where a failed connect attempt reports other than the shared rule (DNS 3001, handshake 3002, else 3003) */
  readonly connectFailedCodes?: Partial<Record<ConnectFailure, number>>;
}

/** The codes LiteAV names alike for pusher and player: connected, connect failures, retry, give-up. */
export interface SharedCodes {
  readonly CONNECT_SUCC: number;
  readonly WARNING_DNS_FAIL: number;
  readonly WARNING_SHAKE_FAIL: number;
  readonly WARNING_SEVER_CONN_FAIL: number;
  readonly WARNING_RECONNECT: number;
  readonly ERR_NET_DISCONNECT: number;
}

type Key<A> = keyof A & string;

/** The phases every participant goes through; each model adds its own. */
type CommonPhase = 'idle' | 'connecting' | 'retry-wait' | 'gave-up';

/** A callback that counts only while its connection is the current one. */
export type Guard = <T extends unknown[]>(fn: (...args: T) => void) => (...args: T) => void;

export abstract class Participant<K extends Component, C extends { close(): void }, P extends string> {
  attrs: AttrsOf[K];
  protected phase: P | CommonPhase = 'idle';
  /** The session's connection, while it is opening or open. */
  protected conn: C | undefined;
  private raw: Partial<AttrsOf[K]> = {};
  private staged: Partial<AttrsOf[K]> = {};
  private inserted = false;
  /** Bumped when a session ends: what an older session scheduled is ignored when it comes due. */
  protected gen = 0;
  private pending: TimerHandle[] = [];
  private tickTimer: TimerHandle | undefined;
  private netTimer: TimerHandle | undefined;
  /** The steps of the current netstatus interval. */
  protected readonly window = new Window();
  protected readonly reconnect: ReconnectPolicy;
  private readonly tables: Tables<AttrsOf[K]>;
  private readonly unsubscribe: () => void;

  protected constructor(
    protected readonly d: ParticipantDeps,
    private readonly component: K,
    private readonly rules: ParticipantRules<AttrsOf[K]>,
  ) {
    this.tables = TABLES[component];
    this.attrs = defaultsOf<AttrsOf[K]>(this.tables.attrs);
    this.reconnect = new ReconnectPolicy(d.clock, d.params);
    this.unsubscribe = d.device.subscribe((c) => this.onDevice(c));
  }

  /** The element's first attributes are in: autopush / autoplay happen here. */
  protected abstract afterInsert(): void;
  /** Whether a session is under way, so that a 'restart' attribute waits for the next one (Q3, Q5, Q7). */
  protected abstract get inSession(): boolean;
  /** What to tell a page that changed an insert-only attribute (Q6); '' for nothing. */
  protected abstract insertOnlyRemedy(k: Key<AttrsOf[K]>): string;
  protected abstract onDevice(c: DeviceChange): void;
  /** One tick of media: dtMs is the time that really passed since the last. */
  protected abstract step(dtMs: number): void;
  /** One netstatus interval is over: report it. */
  protected abstract report(): void;
  /** Where to connect now, or undefined when there is nothing to connect. */
  protected abstract target(): StreamTarget | undefined;
  /** Open a connection over the link; `guard` wraps every callback of it. */
  protected abstract dial(target: StreamTarget, guard: Guard, connected: () => void): C;
  /** What the model forgets of a lost connection besides the connection itself. */
  protected onLoss(): void {}
  /** The last attempt failed: stop what the SDK stops. The gave-up status follows. */
  protected abstract giveUp(): void;
  /** What the model resets when a session ends, besides timers, connection and staged attributes. */
  protected abstract resetSession(): void;

  // ---------------------------------------------------------------- attributes

  insert(raw: Partial<AttrsOf[K]>): void {
    this.inserted = true;
    this.raw = { ...raw };
    const { attrs, warnings } = this.normalize(raw);
    for (const w of warnings) this.d.sink.warn(w.message, { attribute: w.attribute, value: w.value });
    this.attrs = attrs;
    this.afterInsert();
  }

  update(raw: Partial<AttrsOf[K]>): void {
    if (!this.inserted) return this.insert(raw);
    const specs = this.tables.attrs;
    const { pair } = this.rules;
    const next = { ...this.raw, ...raw };
    const changed = (Object.keys(raw) as Array<Key<AttrsOf[K]>>).filter((k) => !sameValue(this.raw[k], next[k]));
    this.raw = next;
    if (changed.length === 0) return;
    const { attrs: normalized, warnings } = this.normalize(next);
    const pairAttr = specs[pair.warnedOn].attr;
    for (const w of warnings)
      if (changed.some((k) => specs[k].attr === w.attribute || w.attribute === pairAttr))
        this.d.sink.warn(w.message, { attribute: w.attribute, value: w.value });
    for (const k of changed) {
      const spec = specs[k];
      if (!supports(this.d.client, spec.since)) continue;
      const rule = applyRule(spec, this.d.params);
      const value = normalized[k];
      if (rule === 'insert') {
        const remedy = this.insertOnlyRemedy(k);
        this.d.sink.warn(
          `[live-harness] <live-${this.component} id="${this.d.id}"> ${spec.attr} changed to ${JSON.stringify(value)} after insert; the real component ignores it.${remedy ? ` ${remedy}` : ''}`,
          { attribute: spec.attr, value, ignored: true },
        );
        continue;
      }
      if (rule === 'restart' && this.inSession) {
        this.staged[k] = value;
        continue;
      }
      this.applyDynamic(k, value);
    }
    if (changed.includes(pair.keys[0]) || changed.includes(pair.keys[1])) {
      for (const k of pair.keys) this.attrs[k] = normalized[k];
      this.pairChanged();
    }
  }

  /** A dynamic attribute takes effect at once. */
  protected applyDynamic(k: Key<AttrsOf[K]>, value: unknown): void {
    (this.attrs as Record<string, unknown>)[k] = value;
  }

  /** The pair's bounds moved (both are already in attrs). */
  protected pairChanged(): void {}

  /** Attributes held back during the last session take effect now. */
  protected applyStaged(): void {
    for (const [k, v] of Object.entries(this.staged)) (this.attrs as Record<string, unknown>)[k] = v;
    this.staged = {};
  }

  private normalize(raw: Partial<AttrsOf[K]>): { attrs: AttrsOf[K]; warnings: AttrWarning[] } {
    return this.tables.normalize(this.d.id, raw, defaultsOf<AttrsOf[K]>(this.tables.attrs), this.d.client);
  }

  remove(): void {
    this.stopAll();
    this.unsubscribe();
    this.inserted = false;
  }

  // ---------------------------------------------------------------- sessions and timers

  /** End the session: its timers (pending steps, the retry, the ticks), its connection, then the staged attributes apply. */
  protected stopAll(): void {
    this.gen++;
    this.reconnect.cancel();
    for (const t of this.pending) this.d.clock.clearTimer(t);
    this.pending = [];
    this.stopTicks();
    this.phase = 'idle';
    this.conn?.close();
    this.conn = undefined;
    this.resetSession();
    this.applyStaged();
  }

  /** Run fn after ms, unless session `gen` (by default the current one) has ended by then. */
  protected after(ms: number, fn: () => void, gen = this.gen): void {
    const h = this.d.clock.setTimer(ms, () => {
      this.pending = this.pending.filter((x) => x !== h);
      if (gen === this.gen) fn();
    });
    this.pending.push(h);
  }

  // ---------------------------------------------------------------- connection

  /** Open the session's connection; a callback of a connection that was replaced or stopped is dropped. */
  protected connect(): void {
    const target = this.target();
    if (!target) return;
    this.phase = 'connecting';
    const gen = this.gen;
    const guard: Guard =
      (fn) =>
      (...args) => {
        if (gen === this.gen && conn === this.conn) fn(...args);
      };
    const conn = this.dial(
      target,
      guard,
      guard(() => this.status(this.tables.codes.CONNECT_SUCC)),
    );
    this.conn = conn;
  }

  /** Media flows (publishing, or the stream began): the next loss gets every attempt again. */
  protected going(phase: P, code: number): void {
    this.phase = phase;
    this.reconnect.restartCount();
    this.status(code);
  }

  /** A connect attempt failed: report why, then retry or give up. */
  protected connectFailed(f: ConnectFailure): void {
    const { codes } = this.tables;
    const { connectFailedCodes } = this.rules;
    const shared = f === 'dns' ? codes.WARNING_DNS_FAIL : f === 'handshake' ? codes.WARNING_SHAKE_FAIL : codes.WARNING_SEVER_CONN_FAIL;
    this.lost(connectFailedCodes?.[f] ?? shared);
  }

  /** A connection failed or broke: report why (if the SDK says), then retry or give up (Q1). */
  protected lost(code: number | undefined): void {
    this.conn = undefined;
    this.phase = 'retry-wait';
    this.onLoss();
    if (code !== undefined) this.status(code);
    this.reconnect.afterLoss({
      // State first, event last: a page handler may start again from inside the event.
      giveUp: () => {
        this.giveUp();
        this.status(this.tables.codes.ERR_NET_DISCONNECT);
      },
      retrying: () => this.status(this.tables.codes.WARNING_RECONNECT),
      connect: () => this.connect(),
    });
  }

  // ---------------------------------------------------------------- ticks

  protected startTicks(): void {
    this.stopTicks();
    this.window.reset();
    const { clock, params } = this.d;
    // Step by the time that really passed: exactly tickMs in virtual time, whatever the event loop allowed on real media.
    let last = clock.now();
    const tick = (): void => {
      this.tickTimer = clock.setTimer(params.tickMs, tick);
      const now = clock.now();
      this.step(now - last);
      last = now;
    };
    const net = (): void => {
      this.netTimer = clock.setTimer(params.netstatusIntervalMs, net);
      this.report();
    };
    this.tickTimer = clock.setTimer(params.tickMs, tick);
    this.netTimer = clock.setTimer(params.netstatusIntervalMs, net);
  }

  protected stopTicks(): void {
    this.d.clock.clearTimer(this.tickTimer);
    this.d.clock.clearTimer(this.netTimer);
    this.tickTimer = undefined;
    this.netTimer = undefined;
  }

  /** CPU figures in netstatus, where the client reports them; each a draw from its range. */
  protected addCpu(info: Record<string, number>, appPct: readonly [number, number], systemPct: readonly [number, number]): void {
    if (!this.d.params.netstatusIncludesCpu) return;
    info.appCpu = round(this.d.random.between(appPct[0], appPct[1]), 1);
    info.systemCpu = round(this.d.random.between(systemPct[0], systemPct[1]), 1);
  }

  // ---------------------------------------------------------------- injection

  /**
   * Send a code the model never produces by itself, as the component would
   * (an undocumented code a real device sends: pusher 2027, player 6003 …):
   * binderror for a pusher errCode (10005 …), bindstatechange otherwise.
   * Returns why it cannot, for a code neither table of the component has.
   */
  inject(code: number, message?: string): string | undefined {
    const asError = this.component === 'pusher' && errorCodes().some((e) => e.code === code) && code > 10004;
    if (!describeCode(this.component, code) && !asError) return `${code} is not a code of the ${this.component} tables`;
    if (asError) this.d.sink.emit({ type: 'error', detail: { errCode: code, errMsg: message ?? defaultMessage('pusher', code) } });
    else this.status(code, message);
    return undefined;
  }

  // ---------------------------------------------------------------- picture-in-picture

  protected pip = false;

  /**
   * The page the element is on is navigated away from (`push`: navigateTo)
   * or back from (`pop`: navigateBack) while picture-in-picture-mode lists
   * that trigger and a session runs: the element goes to a small window.
   * Returns whether it did (then the page stays alive, §2 "entering PiP puts
   * the page in onHide, not destroyed").
   */
  enterPictureInPicture(trigger: 'push' | 'pop'): boolean {
    const modes = (this.attrs as { pictureInPictureMode?: unknown }).pictureInPictureMode;
    if (this.pip || !Array.isArray(modes) || !modes.includes(trigger) || !this.inSession) return false;
    this.pip = true;
    this.d.clock.setTimer(0, () => this.d.sink.emit({ type: 'enterpictureinpicture', detail: {} }));
    return true;
  }

  /** The small window closes (exitPictureInPicture, or the user's ×). */
  leavePictureInPicture(): boolean {
    if (!this.pip) return false;
    this.pip = false;
    this.d.clock.setTimer(0, () => this.d.sink.emit({ type: 'leavepictureinpicture', detail: {} }));
    return true;
  }

  get inPictureInPicture(): boolean {
    return this.pip;
  }

  // ---------------------------------------------------------------- events

  protected status(code: number, message?: string): void {
    this.d.sink.emit({ type: 'statechange', detail: { code, message: message ?? defaultMessage(this.component, code, this.d.client.platform) } });
  }

  /** A snapshot's result: sizes as strings, as WeChat gives them. */
  protected snapshotTaken(width: number, height: number): CallResult {
    return {
      ok: true,
      result: {
        width: String(width),
        height: String(height),
        tempImagePath: `wxfile://tmp/live-harness-snapshot-${this.d.id}-${Math.round(this.d.clock.now())}.jpg`,
      },
    };
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}
