// Runs the real `canopy` command as a user would, each test with its own cache directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '../../bin/canopy');
const cache = mkdtempSync(join(tmpdir(), 'canopy-cache-'));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function canopy(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(bin, args, {
    encoding: 'utf8',
    env: { ...process.env, CANOPY_CACHE_DIR: cache, ...env },
    input: '',
    timeout: 120_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape it expects
export function canopyJson<T>(args: string[], env: NodeJS.ProcessEnv = {}): T {
  const result = canopy([...args, '--json'], env);
  if (result.status !== 0) throw new Error(`canopy ${args.join(' ')} failed (${String(result.status)}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** A failure is one line on stderr, with no stack trace. */
export function expectOneLineError(result: CliResult): string {
  const lines = result.stderr.trim().split('\n');
  if (lines.length !== 1 || /\n\s+at /.test(result.stderr)) throw new Error(`expected one error line, got: ${result.stderr}`);
  return lines[0] ?? '';
}
