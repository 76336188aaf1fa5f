// Builds every runtime's bundle into dist/: the gjs engine, the CLI, the Electron main and preload, the renderer.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
await rm(dist, { recursive: true, force: true });

const common = { bundle: true, logLevel: 'warning', legalComments: 'none', absWorkingDir: root };

await Promise.all([
  // gjs loads ES modules; gi:// and gjs's built-in modules stay imports.
  build({
    ...common,
    entryPoints: ['helper/main.ts'],
    outfile: 'dist/helper/engine.js',
    format: 'esm',
    platform: 'neutral',
    target: 'firefox115',
    minify: true,
    external: ['gi://*', 'system'],
  }),
  build({
    ...common,
    entryPoints: { entry: 'main/cli/entry.ts' },
    outdir: 'dist/cli',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Its dependencies bundled in too: resolving and loading them from node_modules cost a cold command more than
    // reading them from one file. commander is CommonJS, and requires Node's modules through this require.
    banner: { js: "import { createRequire as bannerCreateRequire } from 'node:module'; const require = bannerCreateRequire(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: 'dist/electron/main.js',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['electron'],
    packages: 'external',
  }),
  build({
    ...common,
    entryPoints: ['preload/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['renderer/main.tsx'],
    outfile: 'dist/renderer/app.js',
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
]);
await mkdir(join(dist, 'renderer'), { recursive: true });
await cp(join(root, 'renderer/index.html'), join(dist, 'renderer/index.html'));
await cp(join(root, 'renderer/styles.css'), join(dist, 'renderer/styles.css'));
