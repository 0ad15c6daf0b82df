/**
 * What the live-harness preset runs before each test file: the timeline
 * matchers, and the rig guard that the preset's test environment calls as
 * tests end — it disposes rigs a test left open and lists a failed test's
 * mock warnings (every test's with LIVE_HARNESS_VERBOSE=1).
 */
import { installMatchers } from '../harness/assert';
import { ENVIRONMENT_MARK, REALM_HOOK } from './hook';
import { RigGuard } from './rig-guard';

installMatchers();

const verbose = process.env.LIVE_HARNESS_VERBOSE === '1' || process.env.LIVE_HARNESS_VERBOSE === 'true';
const g = globalThis as unknown as Record<symbol, unknown>;

// Only the preset's test environment says when each test ends. Under another
// one (testEnvironment: 'jsdom' over the preset's) there is no guard: an
// afterAll here would run before the file's own afterAll hooks and dispose
// their rigs under them.
if (g[ENVIRONMENT_MARK]) g[REALM_HOOK] = new RigGuard({ verbose });
