import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleScenario, findLivePage, initCommand } from './init';
import { openerFor, openReport } from './open-report';
import { findUserProject, resolveProject } from './project';
import { expandGlob, globToRegExp } from './scenario-paths';

const root = join(__dirname, '../..');
let tmp = '';
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'lh-project-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const app = (dir: string, pages = ['pages/index/index']): void => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'app.json'), JSON.stringify({ pages }));
};

describe('the project a run plays against', () => {
  it("takes project.config.json's miniprogramRoot, else app.json here, else miniprogram/app.json", () => {
    app(join(tmp, 'a/src'));
    writeFileSync(join(tmp, 'a/project.config.json'), JSON.stringify({ miniprogramRoot: 'src/' }));
    expect(findUserProject(join(tmp, 'a'))).toMatchObject({ miniprogramRoot: join(tmp, 'a/src'), kind: 'user', projectDir: join(tmp, 'a') });
    app(join(tmp, 'b'));
    expect(findUserProject(join(tmp, 'b'))?.miniprogramRoot).toBe(join(tmp, 'b'));
    app(join(tmp, 'c/miniprogram'));
    expect(findUserProject(join(tmp, 'c'))?.miniprogramRoot).toBe(join(tmp, 'c/miniprogram'));
    expect(findUserProject(join(tmp, 'none'))).toBeUndefined();
    writeFileSync(join(tmp, 'a/project.config.json'), JSON.stringify({ miniprogramRoot: 'gone/' }));
    expect(() => findUserProject(join(tmp, 'a'))).toThrow(`sets miniprogramRoot "gone/", and ${join(tmp, 'a/gone/app.json')} does not exist.`);
  });

  it('is the bundled sample only inside this package, and --root wins', () => {
    expect(resolveProject({ cwd: root, packageRoot: root })).toMatchObject({ kind: 'bundled', miniprogramRoot: join(root, 'fixtures/miniprogram') });
    app(join(tmp, 'mine'));
    expect(resolveProject({ cwd: tmp, root: 'mine', packageRoot: root })).toMatchObject({ kind: 'user', miniprogramRoot: join(tmp, 'mine') });
    expect(() => resolveProject({ cwd: tmp, root: 'nope', packageRoot: root })).toThrow(`${join(tmp, 'nope/app.json')} does not exist. Pass --root`);
  });
});

describe('globs', () => {
  it('match ** across folders, * and ? within a name, {a,b} and [..]', () => {
    const re = globToRegExp('**/*.scenario.{ts,js}');
    expect(['a.scenario.ts', 'x/y/b.scenario.js', 'c.scenario.mjs', 'x/d.test.ts'].filter((p) => re.test(p))).toEqual(['a.scenario.ts', 'x/y/b.scenario.js']);
    expect(globToRegExp('live-?.[ab]*').test('live-1.a.ts')).toBe(true);
    expect(globToRegExp('live-*').test('sub/live-1')).toBe(false);
  });

  it('expand below their fixed folders, sorted, skipping node_modules', () => {
    for (const f of ['s/b.scenario.ts', 's/a/c.scenario.ts', 's/node_modules/x.scenario.ts', 's/a.txt']) {
      mkdirSync(join(tmp, f, '..'), { recursive: true });
      writeFileSync(join(tmp, f), '');
    }
    expect(expandGlob('s/**/*.scenario.ts', tmp)).toEqual([join(tmp, 's/a/c.scenario.ts'), join(tmp, 's/b.scenario.ts')]);
  });
});

describe('init', () => {
  const init = (dir: string): { code: number; lines: string[] } => {
    const lines: string[] = [];
    return { code: initCommand({ cwd: dir, print: (s) => lines.push(s) }), lines };
  };

  it('prints the preset line for a jest.config.js instead of rewriting it, and never overwrites a file', () => {
    const project = join(tmp, 'shop');
    cpSync(join(root, 'fixtures/user-project'), project, { recursive: true });
    const before = readFileSync(join(project, 'package.json'), 'utf8');
    mkdirSync(join(project, 'scenarios'));
    writeFileSync(join(project, 'scenarios/example.scenario.js'), '// mine\n');
    const { code, lines } = init(project);
    expect(code).toBe(0);
    expect(lines).toContain('skipped scenarios/example.scenario.js: it exists (left as it is)');
    expect(lines).toContain('jest preset: jest.config.js already uses live-harness');
    expect(readFileSync(join(project, 'scenarios/example.scenario.js'), 'utf8')).toBe('// mine\n');
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))).toEqual({
      ...JSON.parse(before),
      scripts: { ...JSON.parse(before).scripts, 'test:live': 'live-harness run' },
    });
    writeFileSync(join(project, 'jest.config.js'), 'module.exports = { testTimeout: 5000 };\n');
    expect(init(project).lines).toContain(
      "jest preset: jest.config.js is code, so init leaves it alone. Add this line to its config object:\n    preset: 'live-harness',",
    );
  });

  it("plays a page's live-player with the stream its code names, and writes a marked generic scenario when no page is live", () => {
    const project = join(tmp, 'shop');
    cpSync(join(root, 'fixtures/user-project/miniprogram'), project, { recursive: true });
    rmSync(join(project, 'pages/anchor'), { recursive: true });
    expect(findLivePage(project)).toEqual({
      route: 'pages/viewer/viewer',
      tag: 'live-player',
      id: 'player',
      streamKey: 'live/shop',
      host: '5678.liveplay.myqcloud.com',
    });
    app(join(tmp, 'plain'), ['pages/home/home']);
    expect(findLivePage(join(tmp, 'plain'))).toBeUndefined();
    expect(exampleScenario(undefined, 'pages/home/home')).toMatch(/^\/\/ EDIT ME: /);
    const { code, lines } = init(join(tmp, 'plain'));
    expect(code).toBe(0);
    expect(lines).toContain(
      'skipped package.json: there is none. Create one (npm init -y), then add "jest": { "preset": "live-harness" } and the script "test:live": "live-harness run".',
    );
  });

  it('names a folder that is no mini-program project', () => {
    expect(() => init(tmp)).toThrow(`[live-harness] Failed to set up live-harness: ${tmp} is not a mini-program project`);
  });
});

describe('--open', () => {
  it("uses the platform's opener, and says so and prints the path when there is none", async () => {
    expect(openerFor('linux', '/r/index.html')).toEqual({ command: 'xdg-open', args: ['/r/index.html'] });
    expect(openerFor('darwin', '/r/index.html')).toEqual({ command: 'open', args: ['/r/index.html'] });
    expect(openerFor('win32', 'C:\\r\\index.html').args).toEqual(['/c', 'start', '""', 'C:\\r\\index.html']);
    const lines: string[] = [];
    expect(await openReport('/r/index.html', { print: (s) => lines.push(s), platform: 'linux', path: tmp })).toBe(false);
    expect(lines).toEqual(['[live-harness] Failed to open the report: xdg-open is not on PATH. Open /r/index.html in a browser.']);
  });
});
