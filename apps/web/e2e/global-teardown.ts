import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { SMTPServer } from 'smtp-server';
import { MAIL_FILE, STATE_FILE } from './env';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Closes the SMTP capture of global setup (when this runs in the same process) and removes its file. */
async function stopMailCapture(): Promise<void> {
  const holder = globalThis as { __ganxunMailCapture?: SMTPServer };
  const server = holder.__ganxunMailCapture;
  delete holder.__ganxunMailCapture;
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(MAIL_FILE, { force: true });
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
  await stopMailCapture();
  rmSync(STATE_FILE, { force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
