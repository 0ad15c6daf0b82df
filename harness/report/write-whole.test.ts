import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWhole } from './write-whole';

describe('writeWhole', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lh-write-whole-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces a file whole and leaves no temporary file', () => {
    const file = join(dir, 'junit.xml');
    writeFileSync(file, 'old');
    writeWhole(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['junit.xml']);
  });

  it('leaves the old file and no temporary file when the new one cannot be put in place', () => {
    const file = join(dir, 'results.json');
    // a folder where the file should go: the rename fails after the temporary file was written
    const blocked = join(dir, 'blocked');
    writeFileSync(file, 'old');
    mkdirSync(blocked);
    expect(() => writeWhole(blocked, 'new')).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'results.json']);
  });
});
