/**
 * The checker on a tiny fake tree (__fixtures__/tree) that breaks its rules
 * once in each way: the offences it must report, exactly.
 */
import { join } from 'node:path';
import { checkLayers, layerOf, moduleTarget, type LayerRules } from '.';

const tree = join(__dirname, '__fixtures__/tree');
const project = join(__dirname, '../..');

const RULES: LayerRules = {
  source: 'the fixture rules',
  groups: ['mocks'],
  skip: [],
  folders: {
    '.': { imports: ['mocks/time'] },
    'mocks/time': { imports: [] },
    'mocks/link': { imports: [], types: ['mocks/time'], tests: ['node:assert'] },
    'mocks/model': { imports: ['mocks/time'] },
    // no folder yet: allowed
    'mocks/future': { imports: ['mocks/time'] },
  },
};

const messages = (rules: LayerRules) => checkLayers(tree, rules).offences.map((o) => o.message);

describe('checkLayers', () => {
  it('reports every import that breaks a layer, naming the file, the import and what the folder may import', () => {
    expect(messages(RULES)).toEqual([
      // export … from a folder the root may not take
      "index.ts:3: export … from './mocks/model' (mocks/model/index.ts) is not allowed in the root folder, which may import: mocks/time.",
      // a test's extras are its entry's tests list, no more
      "mocks/link/link.test.cjs:3: require('node:net') is not allowed in mocks/link (tests), which may import: node:assert; types from mocks/time.",
      // a value from a types-only layer
      'mocks/link/value.ts:2: import … from \'../time\' (mocks/time/index.ts) takes a value; mocks/link may take only types from it: write "import type", or move the value.',
      // a dynamic import
      "mocks/model/lazy.ts:2: import('../link') (mocks/link/index.ts) is not allowed in mocks/model, which may import: mocks/time.",
      // a require of a builtin
      "mocks/model/legacy.cjs:3: require('node:child_process') is not allowed in mocks/model, which may import: mocks/time.",
      // a module named at run time, with no reason given
      'mocks/model/legacy.cjs:5: require(name) loads a module by a computed name; the entry for mocks/model must say why (computed).',
      // a file that is not there
      "mocks/model/legacy.cjs:6: require('./missing') does not resolve: no file mocks/model/missing(.ts|.js|/index.ts) exists.",
      // an allowed layer, reached past its index
      "mocks/model/model.ts:3: import … from '../time/clock' reaches past the index of mocks/time to mocks/time/clock.ts; import from mocks/time (its index.ts) instead.",
      // a side-effect import
      "mocks/model/model.ts:4: import '../link' (mocks/link/index.ts) is not allowed in mocks/model, which may import: mocks/time.",
      // an import of a folder the entry does not list
      "mocks/time/clock.ts:2: import … from '../link' (mocks/link/index.ts) is not allowed in mocks/time, which may import: nothing.",
      // a folder without an entry
      'mocks/extra: no entry in the fixture rules; add one saying what its files may import (they import today: nothing).',
    ]);
  });

  it('gives each offence a kind, file and line a tool can read', () => {
    expect(checkLayers(tree, RULES).offences.map((o) => [o.kind, o.file, o.line, o.import])).toEqual([
      ['not-allowed', 'index.ts', 3, './mocks/model'],
      ['not-allowed', 'mocks/link/link.test.cjs', 3, 'node:net'],
      ['types-only', 'mocks/link/value.ts', 2, '../time'],
      ['not-allowed', 'mocks/model/lazy.ts', 2, '../link'],
      ['not-allowed', 'mocks/model/legacy.cjs', 3, 'node:child_process'],
      ['computed', 'mocks/model/legacy.cjs', 5, 'require(name)'],
      ['unresolved', 'mocks/model/legacy.cjs', 6, './missing'],
      ['past-index', 'mocks/model/model.ts', 3, '../time/clock'],
      ['not-allowed', 'mocks/model/model.ts', 4, '../link'],
      ['not-allowed', 'mocks/time/clock.ts', 2, '../link'],
      ['no-entry', 'mocks/extra', undefined, undefined],
    ]);
  });

  it('passes the same tree once its rules allow what it does', () => {
    const lenient: LayerRules = {
      ...RULES,
      surfaces: { 'mocks/time': ['clock.ts'] },
      folders: {
        '.': { imports: ['mocks/time', 'mocks/model'] },
        'mocks/time': { imports: ['mocks/link'] },
        'mocks/link': { imports: ['mocks/time'], tests: ['node:*'] },
        'mocks/model': { imports: ['mocks/time', 'mocks/link', 'node:child_process'], computed: 'a reason' },
        // a file's own entry replaces its folder's
        'mocks/model/legacy.cjs': { imports: ['mocks/time'], computed: 'a reason' },
        'mocks/extra': { imports: [] },
      },
    };
    expect(messages(lenient)).toEqual([
      "mocks/model/legacy.cjs:3: require('node:child_process') is not allowed in mocks/model/legacy.cjs, which may import: mocks/time.",
      "mocks/model/legacy.cjs:6: require('./missing') does not resolve: no file mocks/model/missing(.ts|.js|/index.ts) exists.",
    ]);
  });

  it('lets an entry name a layer it reaches past the index of, as a known breach', () => {
    const rules: LayerRules = { ...RULES, folders: { ...RULES.folders, 'mocks/model': { imports: ['mocks/time'], pastIndex: ['mocks/time'] } } };
    expect(messages(rules).filter((m) => m.includes('reaches past'))).toEqual([]);
  });

  it('lists entries for folders not there yet, and allowed items nothing uses', () => {
    const report = checkLayers(tree, { ...RULES, folders: { ...RULES.folders, 'mocks/time': { imports: ['mocks/link', 'node:fs'] } } });
    expect(report.absent).toEqual(['mocks/future']);
    expect(report.unused).toEqual(['mocks/time: node:fs']);
  });
});

describe('layerOf', () => {
  it('makes each sub-folder of a group a layer, and any other top folder one', () => {
    const groups = ['mocks', 'harness'];
    expect(['mocks/link/virtual', 'mocks/link', 'harness', 'harness/rig', 'bench', '.'].map((f) => layerOf(f, groups))).toEqual([
      'mocks/link',
      'mocks/link',
      'harness',
      'harness/rig',
      'bench',
      '.',
    ]);
  });
});

describe('moduleTarget', () => {
  it('names builtins with the node: prefix, packages without their sub-path, and dist/ paths by their source', () => {
    expect(moduleTarget(project, 'bin/live-harness.js', 'fs')).toEqual({ kind: 'builtin', name: 'node:fs' });
    expect(moduleTarget(project, 'x.ts', 'node:fs/promises')).toEqual({ kind: 'builtin', name: 'node:fs/promises' });
    expect(moduleTarget(project, 'x.ts', '@ffmpeg-installer/ffmpeg')).toEqual({ kind: 'package', name: '@ffmpeg-installer/ffmpeg' });
    expect(moduleTarget(project, 'x.ts', 'node-media-server/src/node_rtmp_client')).toEqual({ kind: 'package', name: 'node-media-server' });
    expect(moduleTarget(project, 'jest-preset.js', './dist/jest/setup.js')).toEqual({ kind: 'project', file: 'jest/setup.ts' });
    expect(moduleTarget(project, 'harness/rig/rig.ts', '../../mocks/link')).toEqual({ kind: 'project', file: 'mocks/link/index.ts' });
    expect(moduleTarget(project, 'harness/rig/rig.ts', '../../../elsewhere')).toEqual({ kind: 'unresolved', reason: 'it points outside the project' });
  });
});
