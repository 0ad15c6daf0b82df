/**
 * Run in jest's "node" environment on purpose: the rig says that the test
 * needs jsdom, instead of a page failing later with "window is not defined"
 * and blaming its own .js/.json/.wxml.
 */
import { createRig, NoDomError } from '.';

const fix =
  "Use the preset (preset: 'live-harness' in the jest config sets the test environment), or testEnvironment: 'jsdom', or a /** @jest-environment jsdom */ docblock at the top of the test file.";

describe('a rig without a DOM', () => {
  it('is refused at createRig() with the cause and the fix', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    let caught: unknown;
    try {
      createRig({ seed: 1 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NoDomError);
    expect((caught as NoDomError).code).toBe('LH_NO_DOM');
    expect((caught as Error).message).toBe(
      `[live-harness] Failed to create the rig: there is no DOM here (window is not defined), and miniprogram-simulate renders pages in jsdom. ${fix}`,
    );
  });

  it('is refused for real media too', () => {
    expect(() => createRig({ media: 'local' })).toThrow(NoDomError);
  });
});
