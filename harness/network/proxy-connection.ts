/**
 * One proxied connection: the client's socket, the proxy's own socket to the
 * server, a pipe each way. An end on one side is passed on after the bytes
 * already read; a reset on one side is passed on as a reset — except while
 * the connection is partitioned: then the phone's end or reset is lost, and
 * the server's side lives on as a ghost (see toxics/partition.ts).
 */
import { connect, type Socket } from 'node:net';
import type { ActiveStage } from './pipe';
import { Pipe } from './pipe';
import { resetSocket } from './reset-socket';
import type { ConnectionHandle, Direction, StreamToxic } from './toxic';
import { stallToxic } from './toxics/stall';

/** What the connecting side says about a connection (the transport tags its own). */
export interface ConnectionTags {
  readonly who?: string;
  readonly role?: 'pusher' | 'player';
  readonly key?: string;
  readonly host?: string;
  readonly phone?: boolean;
}

/** 'ghost-reset': the phone had gone during a partition, and the server met a reset when it next wrote. */
export type ConnectionEnd = 'closed' | 'reset' | 'upstream-refused' | 'ghost-reset';

/** What holds a partitioned connection's bytes: a stall that its heal lifts. */
const HOLD: StreamToxic = stallToxic();

export interface ProxyConnectionHooks {
  readonly stages: (conn: ProxyConnection, direction: Direction) => readonly ActiveStage[];
  readonly onBytes: (conn: ProxyConnection) => void;
  readonly onClose: (conn: ProxyConnection, how: ConnectionEnd) => void;
  /** the phone gave up on the connection during a partition; the server's side stays open */
  readonly onGhost?: (conn: ProxyConnection) => void;
}

export class ProxyConnection implements ConnectionHandle {
  readonly upstream: Socket;
  private readonly up: Pipe;
  private readonly down: Pipe;
  private readonly byteListeners = new Set<() => void>();
  private how: ConnectionEnd = 'closed';
  private open = true;
  private closedSides = 0;
  /** partition toxics in force on this connection */
  private partitions = 0;
  private hold: { readonly stage: ActiveStage; readonly lift: AbortController } | undefined;
  /** the phone's side is gone, the server's is not: the server still thinks it talks to the phone */
  private ghostly = false;
  tags: ConnectionTags = {};

  constructor(
    readonly id: number,
    readonly route: string,
    readonly client: Socket,
    upstreamAt: { readonly host: string; readonly port: number },
    private readonly hooks: ProxyConnectionHooks,
  ) {
    client.setNoDelay(true);
    this.upstream = connect({ host: upstreamAt.host, port: upstreamAt.port, allowHalfOpen: true, noDelay: true });
    const moved = (): void => {
      hooks.onBytes(this);
      for (const l of this.byteListeners) l();
    };
    // Before the pipes' own listeners: a FIN from the phone during a partition must not be passed on.
    client.on('end', () => {
      if (this.partitions > 0) this.ghost();
    });
    this.up = new Pipe('upstream', client, this.upstream, () => this.stages('upstream'), moved);
    this.down = new Pipe('downstream', this.upstream, client, () => this.stages('downstream'), moved);
    // Only a write after the partition meets the phone's reset. What the server writes into it is
    // lost with it, as the docs say: counting it (answering it at the heal) made the ghost's life
    // hang on a race, since the server's RTMP acknowledgement of bytes it got just before the
    // partition lands after the partition began whenever the server is slow to read (a loaded machine).
    const serverSpoke = (): void => {
      if (this.partitions === 0 && this.ghostly) this.answerForGone();
    };
    this.upstream.on('data', serverSpoke);
    this.upstream.on('end', serverSpoke);
    for (const [side, other] of [
      [client, this.upstream],
      [this.upstream, client],
    ] as const) {
      side.on('error', (e: NodeJS.ErrnoException) => {
        // The phone's reset is lost in the partition like its FIN.
        if (side === client && (this.partitions > 0 || this.ghostly)) return this.ghost();
        if (side === this.upstream && e.code === 'ECONNREFUSED') this.how = 'upstream-refused';
        else if (this.how === 'closed') this.how = 'reset';
        // A broken side breaks the other the same way: the phone learns of a reset as a reset.
        resetSocket(other);
      });
      side.once('close', () => {
        if (++this.closedSides === 2) this.finish();
      });
    }
  }

  /** Where the client connected from: how the transport's tags find this connection. */
  get clientAddress(): string {
    return `${this.client.remoteAddress}:${this.client.remotePort}`;
  }

  bytes(direction: Direction): number {
    return direction === 'upstream' ? this.up.bytes : this.down.bytes;
  }

  onBytes(listener: () => void): () => void {
    this.byteListeners.add(listener);
    return () => this.byteListeners.delete(listener);
  }

  /** Whether the phone has gone and the server's side lives on. */
  get isGhost(): boolean {
    return this.ghostly;
  }

  partition(): () => void {
    if (this.partitions++ === 0) {
      const lift = new AbortController();
      this.hold = { stage: { toxic: HOLD, signal: lift.signal }, lift };
    }
    let undone = false;
    return () => {
      if (undone) return;
      undone = true;
      if (--this.partitions === 0) this.heal();
    };
  }

  private heal(): void {
    // What was held goes on, in order (the stall's wait ends and passes its chunk on).
    this.hold?.lift.abort();
    this.hold = undefined;
  }

  private stages(direction: Direction): readonly ActiveStage[] {
    const toxics = this.hooks.stages(this, direction);
    return this.hold ? [this.hold.stage, ...toxics] : toxics;
  }

  /** The phone gave up during a partition: its held bytes and its end are lost; the server's side stays open. */
  private ghost(): void {
    if (this.ghostly || !this.open) return;
    this.ghostly = true;
    this.up.close();
    this.down.close();
    this.client.destroy();
    // A paused read (a backed-up pipe) must not hide the server's next write.
    this.upstream.resume();
    this.hooks.onGhost?.(this);
  }

  /** The server wrote to a connection the phone has forgotten: the phone's kernel answers with a reset. */
  private answerForGone(): void {
    if (this.upstream.destroyed) return;
    this.how = 'ghost-reset';
    resetSocket(this.upstream);
  }

  reset(): void {
    if (!this.open) return;
    this.how = 'reset';
    this.up.close();
    this.down.close();
    resetSocket(this.client);
    resetSocket(this.upstream);
  }

  end(): void {
    if (!this.open) return;
    this.up.close();
    this.down.close();
    this.client.end();
    this.upstream.end();
    // A peer that never answers our FIN must not hold the connection open forever.
    const t = setTimeout(() => this.destroy(), 2000);
    this.client.once('close', () => clearTimeout(t));
  }

  destroy(): void {
    this.up.close();
    this.down.close();
    this.client.destroy();
    this.upstream.destroy();
  }

  private finish(): void {
    if (!this.open) return;
    this.open = false;
    this.up.close();
    this.down.close();
    this.byteListeners.clear();
    this.hooks.onClose(this, this.how);
  }
}
