/**
 * Globals that test code reaches (`wx`, `getCurrentPages`, `getApp`) belong
 * to whoever claimed them last, and go back to what was there before when
 * that owner lets go. Two rigs can live at once; test code holding the older
 * one reaches its functions through the rig object instead.
 */
export function claimGlobals(values: Readonly<Record<string, unknown>>): () => void {
  const g = globalThis as Record<string, unknown>;
  const before = new Map<string, { had: boolean; value: unknown }>();
  for (const [k, v] of Object.entries(values)) {
    before.set(k, { had: k in g, value: g[k] });
    g[k] = v;
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const [k, prev] of before) {
      // A later owner keeps what it claimed; only our own value goes.
      if (g[k] !== values[k]) continue;
      if (prev.had) g[k] = prev.value;
      else delete g[k];
    }
  };
}
