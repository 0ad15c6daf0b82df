/**
 * docs/faults.md, rendered from the fault vocabulary (faults.ts) and the
 * media link's gaps. `npm run docs:faults` writes it; a test fails when the
 * file and the list part ways.
 */
import { FAULT_VERBS, faultSpec, type FaultParamSpec, type FaultVerb } from './faults';
import { MEDIA_GAPS } from './media/media-link';

const UNITS: Readonly<Record<FaultParamSpec['unit'], string>> = {
  ms: 'milliseconds',
  kbps: 'kbit/s',
  pct: 'percent',
  host: 'host name',
  target: 'stream key or host',
  profile: 'profile name or object',
};

export function renderFaultsDoc(): string {
  const out: string[] = [
    '<!-- Written by `npm run docs:faults` from mocks/link/faults.ts: edit the list there, not this file (a test compares them). -->',
    '',
    '# Network faults',
    '',
    'One vocabulary of faults serves every place that makes the network misbehave. Each verb works in each of these spellings:',
    '',
    '| where | spelling |',
    '| --- | --- |',
    "| a test | `rig.network.stall('4s')`, or as data: `rig.network.apply({ fault: 'stall', forMs: 4000 })` |",
    "| a scenario's timeline | `{ at: '8s', do: { fault: 'stall', forMs: 4000 } }` |",
    '| a network profile\'s incidents | `{ "atMs": 8000, "fault": "stall", "forMs": 4000 }` |',
    "| the timeline it leaves | `{ source: 'network', kind: 'action', detail: { action: 'stall', forMs: 4000 } }` |",
    '',
    'Units are in the parameter names (`forMs`, `upKbps`, `lossPct`), and values are plain numbers: `forMs: 4000`, not `"4s"`',
    "(the methods of `rig.network` also take durations such as `'4s'`). A misspelt verb or parameter is refused before anything",
    'runs, with the nearest valid name.',
    '',
    'A **lasting** fault holds until `restore`, or until its `forMs` runs out; then that fault alone ends (the timeline shows',
    "`restore` with `fault: '<verb>'`; a stall's end shows `unstall`). Applying it again replaces its end. An **instant** fault",
    'happens once. A **steady** one changes the conditions the network settles in.',
    '',
    "On real media (`createRig({ media: ... })`) every verb is real: the phone's connections go through a TCP fault proxy",
    "in front of the server (the host map sends the page's hosts to it), and the verbs that need the wire become toxics on it",
    "(docs/fault-proxy.md). Only the phone's connections are touched; remote anchors publish straight to the server.",
    '`rig.network.knownGaps()` is empty. A bare `MediaLink` over a transport without a proxy still refuses those verbs with',
    '`MediaUnsupportedError` (code `LH_MEDIA_UNSUPPORTED`) instead of pretending.',
    '',
    '| verb | kind | what it does | parameters | real media |',
    '| --- | --- | --- | --- | --- |',
    ...FAULT_VERBS.map((v) => {
      const s = faultSpec(v);
      const params = Object.entries(s.params).map(([name, p]) => `\`${name}${p.required ? '' : '?'}\``);
      return `| [\`${v}\`](#${v.toLowerCase()}) | ${s.kind} | ${s.doc} | ${params.join(', ') || '—'} | ${media(v)} |`;
    }),
  ];
  for (const v of FAULT_VERBS) out.push('', ...section(v));
  return `${out.join('\n')}\n`;
}

function section(v: FaultVerb): string[] {
  const s = faultSpec(v);
  const params = Object.entries(s.params);
  const lines = [`## ${v}`, '', s.doc, ''];
  if (params.length) {
    lines.push('| parameter | unit | meaning |', '| --- | --- | --- |');
    for (const [name, p] of params) lines.push(`| \`${name}\`${p.required ? ' (required)' : ''} | ${UNITS[p.unit]} | ${p.doc} |`);
    lines.push('');
  }
  const example = `{ fault: '${v}'${params.map(([name, p]) => `, ${name}: ${JSON.stringify(p.example).replace(/"/g, "'")}`).join('')} }`;
  lines.push(`- test: \`rig.network.${v}(${call(v)})\``, `- scenario: \`do: ${example}\``);
  const incident = [['atMs', 8000], ['fault', v], ...params.map(([n, p]) => [n, p.example])].map(([k, x]) => `"${k}": ${JSON.stringify(x)}`);
  if (s.incident) lines.push(`- profile incident: \`{ ${incident.join(', ')} }\``);
  else lines.push('- profile incident: not allowed (switch profiles from the test or the scenario timeline)');
  lines.push(`- timeline: \`network\` action \`${s.timeline}\``);
  const older = [
    s.legacy?.action && `scenario \`'${s.legacy.action}'\``,
    s.legacy?.networkKey &&
      `scenario \`{ network: { ${s.legacy.networkKey.key}: … } }\` (${s.legacy.networkKey.param === '*' ? 'the parameters' : `\`${s.legacy.networkKey.param}\``})`,
    s.legacy?.incidentKind && `profile incident \`{ "kind": "${s.legacy.incidentKind}" }\``,
  ].filter(Boolean);
  if (older.length) lines.push(`- older spellings, still accepted: ${older.join('; ')}`);
  lines.push(`- real media: ${media(v)}`);
  return lines;
}

/** How rig.network's method for a verb is called: positional parameters, or one object for a steady change of several. */
function call(v: FaultVerb): string {
  const s = faultSpec(v);
  const params = Object.entries(s.params).map(([name, p]) => `${name}${p.required ? '' : '?'}`);
  if (s.kind === 'steady' && params.length > 1) return `{ ${params.join(', ')} }`;
  return params.join(', ');
}

/** How real media makes each verb real: on the phone's sockets, or as toxics on the fault proxy. */
const ON_MEDIA: Readonly<Record<FaultVerb, string>> = {
  cut: "yes: the phone's sockets break, lookups fail",
  restore: 'yes: every lasting fault and its toxics end',
  stall: '`stall` toxic both ways (connects time out)',
  partition: "`partition` toxic: bytes held, the phone's FIN/RST lost, ghosts on the server",
  refuse: '`refuse` toxic: the proxy stops listening',
  failDns: 'yes: the host map fails the lookup',
  failHandshake: '`handshakeGarbage` toxic on RTMP',
  serverClose: 'yes: the embedded server kicks',
  reset: '`reset` toxic: RST both ways',
  shape: '`latency` (½ RTT each way), `bandwidth`, `loss` toxics',
  useProfile: "the profile's figures as `shape`, its incidents on schedule",
};

function media(v: FaultVerb): string {
  return ON_MEDIA[v] + (MEDIA_GAPS.includes(v) ? ' (fault proxy)' : '');
}
