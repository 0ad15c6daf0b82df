'use strict';
// The media server's own process: node-media-server keeps module-level state and
// calls process.exit on some failures, so it never runs inside a test process.
// Talks to its parent over IPC: 'ready' once both ports accept, then server events.
const net = require('node:net');

const cfg = JSON.parse(process.argv[2] || '{}');
const host = cfg.host || '127.0.0.1';
// Signed URLs (node-media-server's own auth). The secret comes in the
// environment, which other local users cannot read (the command line they can),
// and is taken out of it so that nothing this process spawns inherits it.
const secret = process.env.LIVE_HARNESS_NMS_SECRET;
delete process.env.LIVE_HARNESS_NMS_SECRET;
if (cfg.signed && !secret) {
  process.stderr.write('signed URLs asked for without LIVE_HARNESS_NMS_SECRET\n');
  process.exit(4);
}

// node-media-server listens on all interfaces; bind where we were told (loopback by default).
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) args.splice(1, 0, host);
  return listen.apply(this, args);
};

// node-media-server corks every player socket and writes only every 10th
// packet: bursts of ~200 ms that no CDN edge adds. Unless asked to keep that,
// every packet goes out as it comes (see the sessions hook below).
// cfg.splitWrites restores an earlier way of doing so, for bench:load's
// before/after figure only: cork turned off on every socket also defeats
// Node's HTTP write grouping, so each FLV tag left as 4 writes (chunk size,
// CRLF, tag, CRLF) per viewer, and the server saturated at 200 HTTP-FLV viewers.
if (!cfg.batchWrites && cfg.splitWrites) {
  net.Socket.prototype.cork = function cork() {};
  net.Socket.prototype.uncork = function uncork() {};
}

const send = (m) => {
  if (process.connected) process.send(m);
};

// The parent gone means nobody will ever stop us: leave at once.
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

const Logger = require('node-media-server/src/node_core_logger');
const NodeMediaServer = require('node-media-server');
const context = require('node-media-server/src/node_core_ctx');

// Only node-media-server's own batching goes: each session's res.cork/uncork
// (the HTTP response for HTTP-FLV, the socket for RTMP), which it calls per
// player around every 10 packets. Node's HTTP layer corks the socket itself
// (not through res) for each chunk it writes and uncorks on the next tick, so
// a tag still leaves as one writev per viewer, as soon as it arrives. Both
// session kinds set res before registering, so the registry is where to catch them.
if (!cfg.batchWrites && !cfg.splitWrites) {
  const sessions = context.sessions;
  const register = sessions.set.bind(sessions);
  const noBatching = () => {};
  sessions.set = (id, session) => {
    if (session && session.res) {
      session.res.cork = noBatching;
      session.res.uncork = noBatching;
    }
    return register(id, session);
  };
}

const nms = new NodeMediaServer({
  logType: cfg.logType === undefined ? 1 : cfg.logType,
  rtmp: { port: cfg.rtmpPort, chunk_size: 60000, gop_cache: true, ping: 30, ping_timeout: 60 },
  // Nothing here writes media files (no HLS/DASH transmuxing); the media root
  // only feeds a static file route. A path under this very file can never
  // exist, so that route serves nothing, and no temp folder is made that a
  // killed process would leave behind.
  http: { port: cfg.httpPort, allow_origin: '*', mediaroot: require('node:path').join(__filename, 'no-media-root') },
  // Every publish and play needs a valid, unexpired sign. The HTTP API (stream
  // list, relays) is nothing the harness uses: behind a password nobody knows.
  ...(cfg.signed
    ? {
        auth: {
          play: true,
          publish: true,
          secret,
          api: true,
          api_user: 'live-harness',
          api_pass: require('node:crypto').randomBytes(24).toString('hex'),
        },
      }
    : {}),
});
const { verifyAuth } = require('node-media-server/src/node_core_utils');

let pending = 2;
const failed = (what) => (e) => {
  send({ type: 'error', what, code: e && e.code, message: String(e && e.message) });
  process.exit(3);
};
nms.run();
for (const [server, what] of [
  [nms.nrs && nms.nrs.tcpServer, 'rtmp'],
  [nms.nhs && nms.nhs.httpServer, 'http'],
]) {
  if (!server) {
    failed(what)(new Error(`${what} server missing`));
    continue;
  }
  server.on('error', failed(what));
  const done = () => {
    pending -= 1;
    if (pending === 0)
      send({
        type: 'ready',
        rtmpPort: nms.nrs.tcpServer.address().port,
        httpPort: nms.nhs.httpServer.address().port,
        version: require('node-media-server/package.json').version,
      });
  };
  if (server.listening) done();
  else server.once('listening', done);
}
Logger.setLogType(cfg.logType === undefined ? 1 : cfg.logType);

// A CDN answers a play of a key nobody publishes with "not found" (HTTP 404,
// RTMP StreamNotFound); node-media-server would hold the player instead. A
// player that asks with lh_missing=wait gets node-media-server's way.
nms.on('prePlay', (id, streamPath, args) => {
  // An unsigned player learns nothing, not even whether the stream exists: node-media-server refuses it next.
  if (cfg.signed && !verifyAuth(args && args.sign, streamPath, secret)) return;
  if ((args && args.lh_missing === 'wait') || context.publishers.has(streamPath)) return;
  const session = context.sessions.get(id);
  if (!session) return;
  try {
    if (session.res && !session.socket) {
      session.res.statusCode = 404;
    } else if (typeof session.sendStatusMessage === 'function') {
      session.sendStatusMessage(session.playStreamId, 'error', 'NetStream.Play.StreamNotFound', `${streamPath} is not published`);
    }
    session.reject();
  } catch {
    /* the session went away meanwhile */
  }
});

// A refused sign is worth telling: a phone with an expired URL looks, from
// the phone, like any failed push or play.
if (cfg.signed) {
  for (const [event, action] of [
    ['prePublish', 'publish'],
    ['prePlay', 'play'],
  ]) {
    nms.on(event, (id, streamPath, args) => {
      if (!verifyAuth(args && args.sign, streamPath, secret)) send({ type: 'event', event: 'unauthorized', action, id, streamPath, wallMs: Date.now() });
    });
  }
}

// node-media-server lets RTMP clients from 127.0.0.1 publish and play
// unsigned. On a signed server that hole is wide: a phone reached through
// \`adb reverse\` or an SSH tunnel, or any relay on this machine (the fault
// proxy), arrives from 127.0.0.1. Signed means signed, whoever connects.
if (cfg.signed) {
  nms.on('preConnect', (id) => {
    const session = context.sessions.get(id);
    if (session) session.isLocal = false;
  });
}

// A publish to a key some session still publishes. node-media-server rejects
// the newcomer ("already publishing"), as SRS and nginx-rtmp do; after a
// silent partition that session is a ghost the server holds until its ping
// timeout, so the phone's reconnects are refused. Some CDNs kick the old
// publisher instead. The publisher chooses per publish with lh_publish_taken
// (kick | reject), the server's default is cfg.publishTaken ('reject').
// Either way the event goes to the parent, so the timeline shows why.
// node-media-server destroys a rejected socket before it writes its status, so
// the client never hears why: here the status goes out first, then the close.
nms.on('prePublish', (id, streamPath, args) => {
  const holderId = context.publishers.get(streamPath);
  if (holderId === undefined || holderId === id) return;
  // On a signed server only a signed publisher may take a key: node-media-server checks the sign after this event.
  if (cfg.signed && !verifyAuth(args && args.sign, streamPath, secret)) return;
  const session = context.sessions.get(id);
  const holder = context.sessions.get(holderId);
  const policy = (args && args.lh_publish_taken) || cfg.publishTaken || 'reject';
  send({ type: 'event', event: 'publishTaken', id, streamPath, holder: holderId, policy: policy === 'kick' ? 'kick' : 'reject', wallMs: Date.now() });
  try {
    if (policy === 'kick' && holder) {
      // The old session goes (its players wait as idle players); the new publish then finds the key free.
      if (holder.socket) lingerOnDestroy(holder.socket);
      holder.stop();
    } else if (session && session.socket) {
      session.sendStatusMessage(session.publishStreamId, 'error', 'NetStream.Publish.BadName', 'Stream already publishing');
      lingerOnDestroy(session.socket);
    }
  } catch {
    /* a session went away meanwhile */
  }
});

for (const event of ['postConnect', 'doneConnect', 'prePublish', 'postPublish', 'donePublish', 'prePlay', 'postPlay', 'donePlay']) {
  nms.on(event, (id, streamPath) =>
    send({ type: 'event', event, id, streamPath: typeof streamPath === 'string' ? streamPath : undefined, wallMs: Date.now() }),
  );
}

// Closing a socket with bytes of the peer still unread makes the kernel send
// RST instead of FIN, so a kicked publisher (always sending) would see a
// network reset, not a hang-up — whenever this process was slow to read. A
// kick closes as nginx's lingering_close does: FIN, then read and drop what the
// peer still sends until it closes too (or LINGER_MS passes).
const LINGER_MS = 2000;
function lingerOnDestroy(socket) {
  const destroy = socket.destroy;
  socket.destroy = function lingeringClose() {
    socket.destroy = destroy;
    if (socket.destroyed) return socket;
    socket.removeAllListeners('data');
    socket.on('data', () => {});
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.once('close', () => clearTimeout(timer));
    return socket;
  };
}

process.on('message', (m) => {
  if (!m || m.cmd !== 'kick') return;
  // Server-side kick: close every session of a stream path (or all), as an operator would.
  let n = 0;
  for (const [, session] of context.sessions) {
    const path = session.publishStreamPath || session.playStreamPath;
    if (m.streamPath && path !== m.streamPath) continue;
    if (!path) continue;
    try {
      if (session.socket) lingerOnDestroy(session.socket);
      if (typeof session.stop === 'function') session.stop();
      else if (session.res && typeof session.res.end === 'function') session.res.end();
      n += 1;
    } catch {
      /* already closing */
    }
  }
  send({ type: 'kicked', streamPath: m.streamPath || '*', sessions: n, seq: m.seq });
});
