/**
 * The machine a run played on, for the report: a latency bound that held on
 * a 16-core laptop and failed on a 2-core CI runner is read differently.
 */
import { arch, cpus, platform, release, totalmem } from 'node:os';
import type { Machine } from './reporter';

export function describeMachine(): Machine {
  const cores = cpus();
  return {
    os: platform(),
    release: release(),
    arch: arch(),
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryMiB: Math.round(totalmem() / (1024 * 1024)),
    node: process.version,
  };
}
