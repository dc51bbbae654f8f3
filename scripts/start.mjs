// `npm start`: builds the server and the console when their build is missing or older than the
// sources, then runs `ganxun start` on the embedded database (or DATABASE_URL when set).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function stale(output, ...sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => newest(path.join(root, s)) > built);
}

function run(args) {
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (stale(path.join(root, 'apps/web/dist/index.html'), 'apps/web/src', 'packages/domain/src'))
  run(['run', 'build', '-w', 'apps/web']);
if (stale(path.join(root, 'apps/server/dist/cli.js'), 'apps/server/src', 'packages/domain/src'))
  run(['run', 'build', '-w', 'apps/server']);

const server = spawn(
  process.execPath,
  [path.join(root, 'apps/server/dist/cli.js'), 'start', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// Pass stop signals on, so that the server closes its database cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
