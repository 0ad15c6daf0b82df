import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectScenarios, findScenarioFiles, loadScenarioFile, loadScenarios, ScenarioLoadError } from './scenario-loader';
import { ScenarioError } from './validate-scenario';

const fixtures = join(__dirname, '__fixtures__/scenarios');
const bundled = join(__dirname, '../../scenarios');

function thrown(fn: () => unknown): ScenarioLoadError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioLoadError);
    return e as ScenarioLoadError;
  }
  throw new Error('expected a ScenarioLoadError, nothing was thrown');
}

describe('loadScenarios', () => {
  it('loads every scenario file of a folder and its subfolders, sorted, with its file, and leaves other modules alone', () => {
    const loaded = loadScenarios(join(fixtures, 'good'));
    expect(loaded.map((l) => [l.file, l.scenario.name])).toEqual([
      [join(fixtures, 'good/nested/play-starts.scenario.js'), 'fixture: the play page starts playing'],
      [join(fixtures, 'good/push-starts.scenario.ts'), 'fixture: the push page starts pushing'],
    ]);
  });

  it('takes files and folders together, once each', () => {
    const file = join(fixtures, 'good/push-starts.scenario.ts');
    expect(findScenarioFiles([file, join(fixtures, 'good')])).toEqual([file, join(fixtures, 'good/nested/play-starts.scenario.js')]);
  });

  it('loads every bundled scenario', () => {
    // Subfolders too (scenarios/browser/: the browser-viewer scenarios).
    const files = readdirSync(bundled, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.scenario.ts'));
    const loaded = loadScenarios(bundled);
    expect(loaded.map((l) => l.file)).toEqual(files.sort().map((f) => join(bundled, f)));
    expect(loaded.length).toBeGreaterThanOrEqual(25);
  });

  it('rejects a module that exports no scenario, naming the file and the fix', () => {
    const file = join(fixtures, 'not-a-scenario/exports-a-function.scenario.ts');
    const e = thrown(() => loadScenarios(join(fixtures, 'not-a-scenario')));
    expect(e.message).toBe(
      `[live-harness] Failed to load scenario file ${file}: it exports no scenario (its default export is a function (makeScenario)). Export one with "export default defineScenario({ name, description, setup, duration, expect })".`,
    );
    expect(e.code).toBe('LH_SCENARIO_LOAD');
    expect(e.file).toBe(file);
  });

  it('names the file, the field and the nearest action of a scenario that does not validate', () => {
    const file = join(fixtures, 'invalid/misspelt-action.scenario.ts');
    expect(thrown(() => loadScenarioFile(file)).message).toBe(
      `[live-harness] Failed to load scenario "misspelt action" from ${file}: timeline[0].do "cut-netwrok" is not an action. Did you mean "cut-network"? Use one of cut-network, restore-network, stall-network, refuse-connections, fail-dns, server-close, reset-connections, background, foreground, phone-call, end-phone-call, deny-camera, deny-microphone, back, or an object with one of fault, network, device, page, setData, tap, context, publish, unpublish, freeze, remote.`,
    );
  });

  it('names the file and every misspelt key of a scenario, with its path and the nearest key', () => {
    const file = join(fixtures, 'typos/misspelt-keys.scenario.js');
    const e = thrown(() => loadScenarioFile(file));
    expect(e.message.split('\n')).toEqual(
      [
        'setup.strams is not a key of setup. Did you mean "streams"? Use one of page, query, streams, deny, resources, server, browserViewers, audience (docs/scenarios.md#setup).',
        'timline is not a key of a scenario. Did you mean "timeline"? Use one of name, description, needs, seed, client, params, network, setup, timeline, duration, expect (docs/scenarios.md#scenario).',
        'expect.sequnce is not a key of expect. Did you mean "sequence"? Use one of sequence, sequences, never, counts, every, page, metrics, faults, noStorm, warnings, audience (docs/scenarios.md#expect).',
        'expect.nevr is not a key of expect. Did you mean "never"? Use one of sequence, sequences, never, counts, every, page, metrics, faults, noStorm, warnings, audience (docs/scenarios.md#expect).',
        'expect.page.txt is not a key of a page expectation. Did you mean "text"? Use one of data, text (docs/scenarios.md#page-expectation).',
      ].map((line) => `[live-harness] Failed to load scenario "misspelt keys" from ${file}: ${line}`),
    );
    expect(e.cause).toBeInstanceOf(ScenarioError);
    expect((e.cause as ScenarioError).problems.map((p) => p.path)).toEqual(['setup.strams', 'timline', 'expect.sequnce', 'expect.nevr', 'expect.page.txt']);
  });

  it('validates an object that misspells the keys a scenario is recognised by, instead of saying it exports none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lh-scenarios-'));
    try {
      const file = join(dir, 'nameless.scenario.js');
      writeFileSync(file, "module.exports = { nmae: 'x', description: 'd', setup: { page: 'pages/push/push' }, duration: '5s', expct: { never: [-1307] } };\n");
      expect(thrown(() => loadScenarioFile(file)).message.split('\n')).toEqual([
        `[live-harness] Failed to load scenario "(unnamed)" from ${file}: nmae is not a key of a scenario. Did you mean "name"? Use one of name, description, needs, seed, client, params, network, setup, timeline, duration, expect (docs/scenarios.md#scenario).`,
        `[live-harness] Failed to load scenario "(unnamed)" from ${file}: expct is not a key of a scenario. Did you mean "expect"? Use one of name, description, needs, seed, client, params, network, setup, timeline, duration, expect (docs/scenarios.md#scenario).`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('a file that does not parse', () => {
    // The second comma of line 3, column 38, is where it goes wrong.
    const broken = ['export default {', "  name: 'broken',", "  setup: { page: 'pages/push/push' },,", "  duration: '5s',", '};', ''].join('\n');
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'lh-scenarios-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is named with its line and column: a .ts file', () => {
      const file = join(dir, 'broken.scenario.ts');
      writeFileSync(file, broken);
      const e = thrown(() => loadScenarioFile(file));
      expect(e.message).toBe(
        `[live-harness] Failed to load scenario file ${file}: it does not parse at line 3, column 38: Unexpected token \`,\`. Expected identifier, string literal, numeric literal or [ for the computed key ("setup: { page: 'pages/push/push' },,"). Fix the syntax at ${file}:3:38.`,
      );
      expect([e.line, e.column]).toEqual([3, 38]);
    });

    it('is named with its line and column: a .js file, and one that ends too soon', () => {
      const file = join(dir, 'broken.scenario.js');
      writeFileSync(file, broken.replace('export default', 'module.exports ='));
      expect(thrown(() => loadScenarioFile(file)).message).toBe(
        `[live-harness] Failed to load scenario file ${file}: it does not parse at line 3, column 38: Unexpected token ',' ("setup: { page: 'pages/push/push' },,"). Fix the syntax at ${file}:3:38.`,
      );
      const short = join(dir, 'short.scenario.js');
      writeFileSync(short, "module.exports = {\n  name: 'short',\n  expect: { sequence: [1002,\n");
      const e = thrown(() => loadScenarioFile(short));
      expect(e.message).toBe(
        `[live-harness] Failed to load scenario file ${short}: it does not parse at line 4, column 1: Unexpected end of input. Fix the syntax at ${short}:4:1.`,
      );
      expect([e.line, e.column]).toEqual([4, 1]);
    });
  });

  it('collects a problem for each bad path and file, in order, and loads the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lh-scenarios-'));
    try {
      mkdirSync(join(dir, 'sub'));
      copyFileSync(join(fixtures, 'good/nested/play-starts.scenario.js'), join(dir, 'a-good.scenario.js'));
      copyFileSync(join(fixtures, 'typos/misspelt-keys.scenario.js'), join(dir, 'b-typos.scenario.js'));
      writeFileSync(join(dir, 'c-broken.scenario.js'), 'module.exports = {\n');
      copyFileSync(join(fixtures, 'good/nested/play-starts.scenario.js'), join(dir, 'sub/d-twin.scenario.js'));
      const missing = join(dir, 'missing.scenario.ts');
      const { scenarios, problems } = collectScenarios([dir, missing]);
      expect(scenarios.map((s) => s.file)).toEqual([join(dir, 'a-good.scenario.js')]);
      expect(problems.map((p) => [p.file, p.message.split('\n')[0]])).toEqual([
        [missing, `[live-harness] Failed to load scenario file ${missing}: it does not exist. Check the path.`],
        [
          join(dir, 'b-typos.scenario.js'),
          expect.stringContaining(`Failed to load scenario "misspelt keys" from ${join(dir, 'b-typos.scenario.js')}: setup.strams is not a key of setup.`),
        ],
        [join(dir, 'c-broken.scenario.js'), expect.stringContaining(`c-broken.scenario.js: it does not parse at line 2, column 1: Unexpected end of input.`)],
        [
          join(dir, 'sub/d-twin.scenario.js'),
          expect.stringContaining(`its name "fixture: the play page starts playing" is already the name of ${join(dir, 'a-good.scenario.js')}.`),
        ],
      ]);
      expect(problems.every((p) => p instanceof ScenarioLoadError)).toBe(true);
      // loadScenarios stops at the first of them.
      expect(thrown(() => loadScenarios([dir, missing])).file).toBe(missing);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a file that throws while loading, and keeps the error as the cause', () => {
    const file = join(fixtures, 'throws/broken-json.scenario.ts');
    const e = thrown(() => loadScenarioFile(file));
    expect(e.message).toMatch(
      new RegExp(
        `^\\[live-harness\\] Failed to load scenario file ${file}: loading it threw ".*JSON.*"\\. Fix the file \\(the cause has the whole error\\)\\.$`,
      ),
    );
    expect(e.cause).toBeInstanceOf(SyntaxError);
  });

  it('refuses two scenarios with one name', () => {
    expect(thrown(() => loadScenarios(join(fixtures, 'duplicate'))).message).toBe(
      `[live-harness] Failed to load scenario file ${join(fixtures, 'duplicate/b.scenario.ts')}: its name "twin" is already the name of ${join(fixtures, 'duplicate/a.scenario.ts')}. Give every scenario a unique name: reports and test titles go by it.`,
    );
  });

  it('names a missing path, a folder without scenarios and a file that is not a module', () => {
    const empty = mkdtempSync(join(tmpdir(), 'lh-no-scenarios-'));
    try {
      expect(thrown(() => loadScenarios(join(empty, 'nope.scenario.ts'))).message).toBe(
        `[live-harness] Failed to load scenario file ${join(empty, 'nope.scenario.ts')}: it does not exist. Check the path.`,
      );
      expect(thrown(() => loadScenarios(empty)).message).toBe(
        `[live-harness] Failed to load scenarios from ${empty}: the folder holds no *.scenario.ts or *.scenario.js file. Name scenario files like push-happy-path.scenario.ts, or pass the files themselves.`,
      );
      expect(thrown(() => loadScenarios(join(__dirname, '__fixtures__/../../../README.md'))).message).toMatch(
        /^\[live-harness\] Failed to load scenario file \S+\/README\.md: "\.md" is not a module\. Pass a \.ts, \.js, \.cjs file\.$/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
