import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findScenarioFiles, loadScenarioFile, loadScenarios, ScenarioLoadError } from './scenario-loader';

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
    const files = readdirSync(bundled).filter((f) => f.endsWith('.scenario.ts'));
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
      `[live-harness] Failed to load scenario "misspelt action" from ${file}: timeline[0].do "cut-netwrok" is not an action. Did you mean "cut-network"? Use one of cut-network, restore-network, stall-network, refuse-connections, fail-dns, server-close, reset-connections, background, foreground, phone-call, end-phone-call, deny-camera, deny-microphone, back, or an object with one of fault, network, device, page, setData, tap, context, publish, unpublish, freeze.`,
    );
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
