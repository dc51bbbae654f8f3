import { existsSync, readFileSync, rmSync } from 'node:fs';
import { STATE_FILE } from './env';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the server that global setup started (by its pid) and removes its data folder. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.E2E_BASE_URL || !existsSync(STATE_FILE)) return;
  const { pid, dataDir } = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as { pid: number; dataDir: string };
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(STATE_FILE, { force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
