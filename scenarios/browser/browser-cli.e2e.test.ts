/**
 * The demo's own path: `npx live-harness run` in a clone runs the TypeScript
 * sources through tsx, whose esbuild output differs from jest's swc (named
 * functions are wrapped in a Node-only `__name` helper). A browser viewer's
 * page script is serialised from that code, so it must run from the command
 * line too, not only under jest.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');

it('runs a browser-viewer scenario from the command line, through tsx as the demo does', () => {
  const reports = mkdtempSync(join(tmpdir(), 'lh-browser-cli-'));
  try {
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin/live-harness.js'), 'run', join(__dirname, 'media-browser-viewer-end.scenario.ts'), '--report', reports, '--reporter', 'line,json'],
      { cwd: root, encoding: 'utf8', timeout: 90_000, env: { ...process.env, CI: 'true' } },
    );
    const out = `${r.stdout}\n${r.stderr}`;
    expect(out).not.toMatch(/__name is not defined/);
    expect(out).toMatch(/^✓ real media: the anchor stops, and the browser viewer sees the stream end/m);
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(reports, 'latest', 'results.json'), 'utf8'));
    const timeline = json.scenarios[0].timeline as Array<{ source: string; kind: string; detail?: { action?: string } }>;
    const browser = timeline.filter((e) => e.source === 'browser#web' && e.kind === 'action').map((e) => e.detail?.action);
    expect(browser).toEqual(expect.arrayContaining(['load', 'first-frame', 'ended']));
  } finally {
    rmSync(reports, { recursive: true, force: true });
  }
}, 120_000);
