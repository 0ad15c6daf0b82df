/**
 * What the live-harness preset runs before each test file: the timeline
 * matchers, and a summary of each test's mock warnings. The mocks put every
 * warning about bad input on the rig's timeline; instead of a console block
 * per warning, a test that raised any gets one compact list at its end
 * (LIVE_HARNESS_VERBOSE=1 prints them live as well).
 */
import { installMatchers } from '../harness/assert';
import { type Rig, watchRigs } from '../harness/rig';
import { summarizeWarnings } from './warnings-summary';

installMatchers();

const rigs = new Set<Rig>();
watchRigs({ opened: (rig) => rigs.add(rig) });

afterEach(() => {
  const seen = [...rigs];
  rigs.clear();
  const text = summarizeWarnings(
    seen.flatMap((r) => r.warnings),
    expect.getState().currentTestName,
  );
  // Straight to stderr: a console call would add jest's code frame and stack to every summary.
  if (text) process.stderr.write(`${text}\n`);
});
