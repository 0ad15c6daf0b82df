/** A sim and the real client connected to it, for this folder's tests: both closed whatever the test does. */
import automator from 'miniprogram-automator';
import { AutomatorSim, type AutomatorSimOptions } from '..';

export type MiniProgram = Awaited<ReturnType<typeof automator.connect>>;
export type Page = NonNullable<Awaited<ReturnType<MiniProgram['currentPage']>>>;

export async function session<T>(
  options: Partial<AutomatorSimOptions> & { miniprogramRoot: string },
  fn: (mp: MiniProgram, sim: AutomatorSim) => Promise<T>,
): Promise<T> {
  const sim = await AutomatorSim.start(options);
  let mp: MiniProgram | undefined;
  try {
    mp = await automator.connect({ wsEndpoint: sim.wsEndpoint });
    return await fn(mp, sim);
  } finally {
    mp?.disconnect();
    await sim.stop();
  }
}

export async function current(mp: MiniProgram): Promise<Page> {
  const p = await mp.currentPage();
  if (!p) throw new Error('no current page');
  return p;
}
