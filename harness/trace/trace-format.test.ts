import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrace, serializeTrace, TraceError, validateTrace } from './trace-format';

const FIXTURE = join(__dirname, '../../fixtures/traces/player-anchor-stops.handmade.json');

function good(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(loadTrace(FIXTURE))) as Record<string, unknown>;
}

describe('trace files', () => {
  it('loads the hand-made trace shipped in fixtures/traces', () => {
    const t = loadTrace(FIXTURE);
    expect(t.version).toBe(1);
    expect(t.elements.map((e) => e.source)).toEqual(['player#viewer']);
    expect(t.entries.filter((e) => e.kind === 'statechange').map((e) => e.code)).toEqual([2001, 2002, 2003, 2004, 2103, 2103, 2103, -2301]);
  });

  it('serializes to a form that loads back unchanged', () => {
    const t = loadTrace(FIXTURE);
    expect(validateTrace(JSON.parse(serializeTrace(t)))).toEqual(t);
  });

  it('names a misspelt field with its path and the nearest valid name', () => {
    const raw = good();
    (raw.entries as Record<string, unknown>[])[2] = { ...(raw.entries as Record<string, unknown>[])[2], tme: 3 };
    expect(() => validateTrace(raw, 'trace x.json')).toThrow(
      new TraceError('[live-harness] Failed to load trace x.json: entries[2].tme is not a trace field. Did you mean "t"? See docs/traces.md.'),
    );
  });

  it('refuses entries out of time order, naming both times', () => {
    const raw = good();
    const entries = raw.entries as Record<string, unknown>[];
    entries[3] = { ...entries[3], t: 10 };
    expect(() => validateTrace(raw, 'trace x.json')).toThrow(
      '[live-harness] Failed to load trace x.json: entries[3].t (10) is earlier than the entry before it (220). Keep entries in time order.',
    );
  });

  it('refuses an entry whose source no element names', () => {
    const raw = good();
    (raw.entries as Record<string, unknown>[])[1] = { t: 150, source: 'player#other', kind: 'statechange', code: 2001 };
    expect(() => validateTrace(raw)).toThrow(
      /entries\[1\]\.source is "player#other", which no element names\. Use "server" or one of the elements' sources: server, player#viewer\./,
    );
  });

  it('refuses a kind it does not know and suggests the nearest', () => {
    const raw = good();
    (raw.entries as Record<string, unknown>[])[1] = { t: 150, source: 'player#viewer', kind: 'statchange', code: 2001 };
    expect(() => validateTrace(raw)).toThrow('entries[1].kind is "statchange". Did you mean "statechange"?');
  });

  it('refuses another version, saying which one it reads', () => {
    expect(() => validateTrace({ ...good(), version: 2 }, 'trace x.json')).toThrow(
      '[live-harness] Failed to load trace x.json: version is 2; this live-harness reads version 1. Record the trace again, or convert it (docs/traces.md).',
    );
  });

  it('refuses an offset mapping without its offset and uncertainty', () => {
    expect(() => validateTrace({ ...good(), clock: { mapping: 'offset' } })).toThrow('clock maps by offset but lacks offsetMs or uncertaintyMs');
  });

  it('says when a file is not JSON, with the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lh-trace-test-'));
    try {
      const p = join(dir, 'broken.json');
      writeFileSync(p, '{ "format": ');
      expect(() => loadTrace(p)).toThrow(new RegExp(`^\\[live-harness\\] Failed to load trace ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: it is not JSON`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
