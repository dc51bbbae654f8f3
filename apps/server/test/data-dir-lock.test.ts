import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../src/db/client.js';

describe('the embedded database belongs to one process', () => {
  const dir = () => path.join(mkdtempSync(path.join(tmpdir(), 'gx-lock-')), 'pglite');

  it('refuses a second process while the first is alive, naming it', () => {
    const d = dir();
    // The parent process (the test runner) stands for a running server.
    writeFileSync(`${d}.lock`, String(process.ppid));
    expect(() => lockDataDir(d)).toThrow(new RegExp(`in use by process ${process.ppid}`));
  });

  it('takes over a lock left by a process that died, and releases it', () => {
    const d = dir();
    writeFileSync(`${d}.lock`, '2147483646');
    const release = lockDataDir(d);
    expect(readFileSync(`${d}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${d}.lock`)).toBe(false);
  });
});
