#!/usr/bin/env node
// `npm run dev`: the API server with hot reload (tsx watch, NODE_ENV=development, DATA_DIR=./data
// unless set) and the Vite dev server of the web console (http://localhost:5173, which proxies
// /api to 127.0.0.1:3000), side by side with prefixed output. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
for (const name of ['tsx', 'vite']) {
  if (!existsSync(bin(name))) {
    console.error(`${bin(name)} is missing: run npm install first`);
    process.exit(1);
  }
}

const tty = process.stdout.isTTY;
const paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const colorEnv = tty ? { FORCE_COLOR: '1' } : {};

const processes = [
  {
    name: 'server',
    color: 36,
    command: bin('tsx'),
    args: ['watch', '--clear-screen=false', 'apps/server/src/cli.ts', 'start'],
    cwd: root,
    env: {
      NODE_ENV: 'development',
      DATA_DIR: path.resolve(root, process.env.DATA_DIR ?? './data'),
      PORT: process.env.PORT ?? '3000',
      HOST: process.env.HOST ?? '127.0.0.1',
    },
  },
  {
    name: 'web',
    color: 35,
    command: bin('vite'),
    args: ['--strictPort'],
    cwd: path.join(root, 'apps/web'),
    env: {},
  },
];

const width = Math.max(...processes.map((p) => p.name.length));
let stopping = false;
let exitCode = 0;

for (const p of processes) {
  const prefix = paint(p.color, `[${p.name.padEnd(width)}]`);
  // Own process group, so that stopping reaches tsx's and Vite's children too.
  p.child = spawn(p.command, p.args, {
    cwd: p.cwd,
    env: { ...process.env, ...colorEnv, ...p.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  for (const stream of [p.child.stdout, p.child.stderr]) {
    const out = stream === p.child.stderr ? process.stderr : process.stdout;
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) =>
      out.write(`${prefix} ${line}\n`),
    );
  }
  p.child.on('error', (error) => {
    console.error(`${prefix} could not start: ${error.message}`);
    exitCode = 1;
    stop();
  });
  p.child.on('exit', (code, signal) => {
    p.exited = true;
    if (!stopping) {
      console.error(`${prefix} exited (${signal ?? `code ${code}`}); stopping the others`);
      exitCode = code || 1;
      stop();
    }
    if (processes.every((q) => q.exited)) process.exit(exitCode);
  });
}

function signalGroup(p, signal) {
  if (p.exited || !p.child?.pid) return;
  try {
    process.kill(-p.child.pid, signal);
  } catch {
    // already gone
  }
}

function stop() {
  if (stopping) return;
  stopping = true;
  for (const p of processes) signalGroup(p, 'SIGINT');
  // tsx relays SIGINT to the server, which closes the database; give it a moment, then insist.
  setTimeout(() => {
    for (const p of processes) signalGroup(p, 'SIGTERM');
  }, 5000).unref();
  setTimeout(() => {
    for (const p of processes) signalGroup(p, 'SIGKILL');
    process.exit(exitCode);
  }, 10000).unref();
}

process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
