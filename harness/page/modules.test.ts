import { join } from 'node:path';
import { MiniProgramModules } from './modules';

const fixtures = join(__dirname, '__fixtures__');

function load(file: string): unknown {
  const got: unknown[] = [];
  new MiniProgramModules(() => ({ report: (x: unknown) => got.push(x) })).run(file);
  return got[0];
}

describe('the mini-program module system', () => {
  it('finds an npm package in the nearest miniprogram_npm folder above the file, as the client does', () => {
    expect(load(join(fixtures, 'npm/pages/deep/uses.js'))).toEqual({ builtCopy: true });
  });

  it("takes a package from node_modules as DevTools' build npm would copy it when there is no miniprogram_npm", () => {
    // The real trtc-wx-sdk: its main file (trtc-wx.js), a UMD build exporting the TRTC class.
    const TRTC = load(join(fixtures, 'no-npm/uses.js')) as { prototype: Record<string, unknown> };
    expect(typeof TRTC).toBe('function');
    expect(typeof TRTC.prototype.createPusher).toBe('function');
    expect(typeof TRTC.prototype.enterRoom).toBe('function');
  });
});
