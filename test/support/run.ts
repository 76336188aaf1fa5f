// Running real tools from tests and fixtures, with their output in the error when they fail.
import { execFileSync, spawnSync } from 'node:child_process';

export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      env: { ...process.env, ...options.env },
      input: options.input ?? '',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; status?: number };
    throw new Error(`${command} ${args.join(' ')} failed (${String(failure.status)}): ${failure.stderr ?? ''}${failure.stdout ?? ''}`);
  }
}

export function runStatus(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, input: '' });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
