// Bundles the server (with the domain package) into dist/, leaving npm packages external, and
// copies the committed migrations beside it.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const dist = path.join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: [path.join(here, 'src/cli.ts'), path.join(here, 'src/main.ts')],
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  banner: {
    js: "import { createRequire as __gxCreateRequire } from 'node:module'; const require = __gxCreateRequire(import.meta.url);",
  },
  define: { 'process.env.GANXUN_VERSION': JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
cpSync(path.join(here, 'src/db/migrations'), path.join(dist, 'migrations'), { recursive: true });
console.log('server built to', path.relative(process.cwd(), dist));
