import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { E2E_PORT, MAIL_FILE, SMTP_CAPTURE_PORT, STATE_FILE, USERS } from './env';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(repoRoot, 'apps/server/dist/cli.js');

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with code ${child.exitCode} before it was healthy`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy at ${url} after ${timeoutMs} ms: ${lastError}`);
}

/**
 * An SMTP server that keeps every message the e2e server sends: one JSON line per message in
 * MAIL_FILE ({ from, to, raw }), for the specs to read. No TLS, no authentication: it listens on
 * the loopback only. Left on globalThis for global teardown to close.
 */
async function startMailCapture(): Promise<SMTPServer> {
  writeFileSync(MAIL_FILE, '');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 2_000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        appendFileSync(
          MAIL_FILE,
          `${JSON.stringify({
            from: envelope.mailFrom ? envelope.mailFrom.address : null,
            to: envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          })}\n`,
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(SMTP_CAPTURE_PORT, '127.0.0.1', () => resolve());
  });
  // Never what keeps the runner alive.
  server.server.unref();
  (globalThis as { __ganxunMailCapture?: SMTPServer }).__ganxunMailCapture = server;
  return server;
}

/**
 * Fresh data folder → users made with the built CLI → the built server as a child process.
 * With E2E_BASE_URL set, the tests run against that server instead (its users must exist).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.E2E_BASE_URL) return;
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build -w apps/server first`);
  if (!existsSync(path.join(repoRoot, 'apps/web/dist/index.html'))) {
    throw new Error('apps/web/dist is missing: run npm run build -w apps/web first');
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'ganxun-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    PORT: String(E2E_PORT),
    HOST: '127.0.0.1',
    SECRET_KEY: randomBytes(32).toString('hex'),
    INITIAL_ADMIN_PASSWORD: 'Init#Root2024x',
    LOG_LEVEL: 'warn',
    // The suite signs in more often than a person would; lockout per account is still tested.
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    WEB_DIST: path.join(repoRoot, 'apps/web/dist'),
    // Notices by email (issue 9) go to the capture server below.
    SMTP_URL: `smtp://127.0.0.1:${SMTP_CAPTURE_PORT}`,
    SMTP_FROM: '干训平台 <noreply@ganxun.test>',
  };
  const run = (args: string[]) =>
    execFileSync(process.execPath, [cli, ...args], { env, cwd: repoRoot, stdio: 'pipe' });

  try {
    run(['migrate']);
    // Every account in one process (`create-users`), not one process per account.
    const usersFile = path.join(dataDir, 'e2e-users.json');
    writeFileSync(
      usersFile,
      JSON.stringify(
        Object.values(USERS).map((user) => ({
          username: user.username,
          password: user.password,
          roles: [user.role],
          ...('scope' in user ? { scope: user.scope } : {}),
          ...('displayName' in user ? { displayName: user.displayName } : {}),
          mustChangePassword: !user.noPasswordChange,
        })),
      ),
    );
    run(['create-users', '--file', usersFile]);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`setting up the e2e database failed: ${stderr || String(error)}`);
  }

  await startMailCapture();

  // Server output goes to a file: an inherited pipe would keep the test runner's output open.
  const logDir = path.join(repoRoot, 'apps/web/test-results');
  mkdirSync(logDir, { recursive: true });
  const log = openSync(path.join(logDir, 'server.log'), 'w');
  const child = spawn(process.execPath, [cli, 'start'], { env, cwd: repoRoot, stdio: ['ignore', log, log] });
  // If the runner dies without its teardown, do not leave the server behind.
  process.once('exit', () => child.kill('SIGKILL'));
  writeFileSync(STATE_FILE, JSON.stringify({ pid: child.pid, dataDir, mailFile: MAIL_FILE }));
  await waitForHealth(`http://127.0.0.1:${E2E_PORT}/api/health`, child, 60_000);
}
