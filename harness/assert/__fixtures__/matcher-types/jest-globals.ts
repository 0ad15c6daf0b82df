// The timeline matchers as a test that imports expect from @jest/globals sees
// them. Compiled by jest-matchers.types.test.ts (and by `npm run typecheck`).
import { expect } from '@jest/globals';
// The package's entry, as a user's `import … from 'live-harness'`: it brings the matcher types.
import type { Rig } from '../../../../index';

export function checks(rig: Rig): void {
  expect(rig.timeline).toHaveSequence(['pusher#pusher 1001', { code: 1002, within: '1s' }], { since: 0 });
  expect(rig.timeline).not.toNeverHave('pusher#pusher 1002');
  expect(rig.timeline).toHaveCount({ source: 'pusher#pusher', code: 1102 }, { max: 3 });
  void expect(Promise.resolve(rig.timeline)).resolves.toHaveCount('pusher#pusher 1002', { exactly: 1 });
  // @ts-expect-error a sequence is a list of steps
  expect(rig.timeline).toHaveSequence('pusher#pusher 1002');
  // @ts-expect-error the bounds are { min, max, exactly, since }
  expect(rig.timeline).toHaveCount('pusher#pusher 1002', { atLeast: 1 });
}
