// Where Canopy's files are: the package root (a checkout or the installed app), the engine bundle, and the
// user's cache and data directories.
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { EngineError } from './services/engine-error';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** The gjs bundle. Inside a packaged app it is unpacked from the asar archive, since gjs cannot read asar. */
export function engineBundle(): string {
  return join(packageRoot.replace(/app\.asar$/, 'app.asar.unpacked'), 'dist/helper/engine.js');
}

export function rendererDir(): string {
  return join(packageRoot, 'dist/renderer');
}

const usableCacheDirs = new Set<string>();

/**
 * The user's cache directory, created when missing. One that cannot be written is said so here: further on it would
 * surface as a failed fetch or a missing file.
 */
export function cacheDir(): string {
  const dir = process.env.CANOPY_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'canopy');
  if (usableCacheDirs.has(dir)) return dir; // Checked once per process: this is asked for on every request.
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new EngineError('invalid-argument', `cannot use the cache directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  usableCacheDirs.add(dir);
  return dir;
}

export function dataDir(): string {
  return process.env.CANOPY_DATA_DIR ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local/share'), 'canopy');
}

/**
 * Where the root-owned privileged helper may be: the distribution packages' path, or install-helper.sh's with
 * --prefix /usr/local. Fixed paths only, never one from the environment; its polkit actions name the one installed.
 */
const PRIVILEGED_HELPERS = ['/usr/libexec/canopy/canopy-helper', '/usr/local/libexec/canopy/canopy-helper'];
const HELPER_POLICY = '/usr/share/polkit-1/actions/org.canopy.helper.policy';

/** The installed helper, preferring the one the polkit policy names: any other would get pkexec's generic action. */
export function privilegedHelper(): string | null {
  const installed = PRIVILEGED_HELPERS.filter((path) => existsSync(path));
  let policy = '';
  try {
    policy = readFileSync(HELPER_POLICY, 'utf8');
  } catch {
    // No policy: pkexec falls back to its generic action, and says so when it asks.
  }
  return installed.find((path) => policy.includes(`>${path}<`)) ?? installed[0] ?? null;
}
