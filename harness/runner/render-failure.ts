/**
 * The text of a failed expectation, rendered from its data (the one place the
 * wording lives): what `ScenarioResult.failures` holds and a console prints.
 */
import { nameCode, renderAlignment } from '../assert';
import type { TimelineEntry } from '../record';
import type { AudienceResult, CountResult, ExpectationResult, MetricResult, WarningsResult } from './expectation-result';

/** `timeline`: the timeline the expectation was judged on (a sequence's text lists it, aligned). */
export function renderFailure(r: ExpectationResult, timeline: readonly TimelineEntry[]): string {
  switch (r.kind) {
    case 'sequence':
      return `${r.path.replace(/^expect\./, '')} ${r.pass ? 'observed' : 'not observed'}:\n${renderAlignment(r.alignment, timeline, nameCode)}`;
    case 'never':
      return `expected never ${r.expected.step.text}, but saw it ${r.observed.count}×`;
    case 'count':
      return `expected ${r.expected.step.text} ${bounds(r)}, saw ${r.observed.count}×`;
    case 'every':
      return r.observed.problems.join('\n');
    case 'page': {
      const { when, what, path, value } = r.expected;
      const got = JSON.stringify(r.observed.value);
      return what === 'data'
        ? `${when}: page data ${path} = ${got}, expected ${JSON.stringify(value)}`
        : `${when}: WXML ${path} shows ${got}, expected ${JSON.stringify(value)}`;
    }
    case 'metric':
      return metric(r);
    case 'warnings':
      return warnings(r);
    case 'rig':
      return r.expected.phase === 'create'
        ? `the rig could not be created: ${r.observed.error}`
        : r.expected.phase === 'teardown'
          ? `teardown failed: ${r.observed.error}`
          : `the rig failed: ${r.observed.error}`;
    case 'run':
      return r.observed.stopped === 'threw' ? `the run threw: ${r.observed.error}` : r.observed.error;
    case 'needs':
      return r.observed.reason
        ? `needs ${r.observed.missing.join(', ')}, which this machine cannot provide: ${r.observed.reason}`
        : `needs ${r.observed.missing.join(', ')}, which this target cannot provide`;
    case 'audience':
      return audience(r);
  }
}

function audience(r: AudienceResult): string {
  const { audience: id, of, figure, min, max } = r.expected;
  const who = `audience#${id}${of !== undefined ? ` (${of})` : ''}`;
  const v = r.observed.value;
  if (!r.observed.seen) return of !== undefined ? `${who}: no such path in the audience` : `${who}: the scenario ran no such audience`;
  if (v === undefined || v === null) return `${who} ${figure}: no samples`;
  if (min !== undefined && v < min) return `${who} ${figure} = ${v}, below ${min}`;
  if (max !== undefined && v > max) return `${who} ${figure} = ${v}, above ${max}`;
  return `${who} ${figure} = ${v}, within ${min ?? '−∞'}…${max ?? '∞'}`;
}

function bounds(r: CountResult): string {
  const { exactly, min, max } = r.expected;
  if (exactly !== undefined) return `exactly ${exactly}×`;
  return [min !== undefined ? `at least ${min}×` : '', max !== undefined ? `at most ${max}×` : ''].filter(Boolean).join(' and ');
}

function metric(r: MetricResult): string {
  const { source, metric: name, min, max } = r.expected;
  const v = r.observed.value;
  if (!r.observed.seen || name === undefined) return `no metrics for ${source}: it never appeared on the timeline`;
  if (v === undefined || v === null) return `${source} ${name}: not measured`;
  if (min !== undefined && v < min) return `${source} ${name} = ${v}, below ${min}`;
  if (max !== undefined && v > max) return `${source} ${name} = ${v}, above ${max}`;
  return `${source} ${name} = ${v}, within ${min ?? '−∞'}…${max ?? '∞'}`;
}

function warnings(r: WarningsResult): string {
  const got = r.observed.warnings;
  if ('none' in r.expected) return got.length > 0 ? `expected no warnings, got:\n  ${got.join('\n  ')}` : 'expected no warnings, got none';
  return `expected a warning containing ${JSON.stringify(r.expected.include)}; got: ${got.length ? got.join(' | ') : 'none'}`;
}
