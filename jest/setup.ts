/**
 * What the live-harness preset runs before each test file: the timeline
 * matchers, and the mock <live-pusher>/<live-player> in place of
 * miniprogram-simulate's empty shells (only where a DOM exists).
 */
import { installMatchers } from '../harness/assert';
import { registerLiveComponents } from '../mocks/components';

installMatchers();
if (typeof window !== 'undefined' && typeof document !== 'undefined') registerLiveComponents();
