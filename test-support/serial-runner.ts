/**
 * jest's own runner, made serial: the test files of a project that names it
 * run one at a time in jest's main process, and jest runs them apart from
 * the files of the parallel projects (it awaits one runner before the next).
 * For real media: each file's encoders, server and players get the CPU to
 * themselves, whatever the worker count, so real-time bounds stay bounds.
 */
import TestRunner from 'jest-runner';

export default class SerialRunner extends TestRunner {
  override readonly isSerial = true;
}
