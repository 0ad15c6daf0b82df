/**
 * One proxied connection: the client's socket, the proxy's own socket to the
 * server, a pipe each way. An end on one side is passed on after the bytes
 * already read; a reset on one side is passed on as a reset.
 */
import { connect, type Socket } from 'node:net';
import type { ActiveStage } from './pipe';
import { Pipe } from './pipe';
import type { ConnectionHandle, Direction } from './toxic';

/** What the connecting side says about a connection (the transport tags its own). */
export interface ConnectionTags {
  readonly who?: string;
  readonly role?: 'pusher' | 'player';
  readonly key?: string;
  readonly host?: string;
  readonly phone?: boolean;
}

export type ConnectionEnd = 'closed' | 'reset' | 'upstream-refused';

export interface ProxyConnectionHooks {
  readonly stages: (conn: ProxyConnection, direction: Direction) => readonly ActiveStage[];
  readonly onBytes: (conn: ProxyConnection) => void;
  readonly onClose: (conn: ProxyConnection, how: ConnectionEnd) => void;
}

export class ProxyConnection implements ConnectionHandle {
  readonly upstream: Socket;
  private readonly up: Pipe;
  private readonly down: Pipe;
  private readonly byteListeners = new Set<() => void>();
  private how: ConnectionEnd = 'closed';
  private open = true;
  private closedSides = 0;
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
    this.up = new Pipe('upstream', client, this.upstream, () => hooks.stages(this, 'upstream'), moved);
    this.down = new Pipe('downstream', this.upstream, client, () => hooks.stages(this, 'downstream'), moved);
    for (const [side, other] of [
      [client, this.upstream],
      [this.upstream, client],
    ] as const) {
      side.on('error', (e: NodeJS.ErrnoException) => {
        if (side === this.upstream && e.code === 'ECONNREFUSED') this.how = 'upstream-refused';
        else if (this.how === 'closed') this.how = 'reset';
        // A broken side breaks the other the same way: the phone learns of a reset as a reset.
        if (!other.destroyed) other.resetAndDestroy();
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

  reset(): void {
    if (!this.open) return;
    this.how = 'reset';
    this.up.close();
    this.down.close();
    if (!this.client.destroyed) this.client.resetAndDestroy();
    if (!this.upstream.destroyed) this.upstream.resetAndDestroy();
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
