// Running real tools from tests and fixtures, with their output in the error when they fail.
import { execFileSync, spawn, spawnSync } from 'node:child_process';

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

export interface GroupJob {
  /** The process group id, for signalling the whole job as a terminal does. */
  group: number;
  exited: Promise<{ code: number | null; stderr: string }>;
}

/** Starts a command without blocking, in a process group of its own, the way a terminal runs a foreground job. */
export function startJob(command: string, args: string[], env: NodeJS.ProcessEnv = {}): GroupJob {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  // Without a pid, signalling the group would signal this test runner's own group.
  if (child.pid === undefined) throw new Error(`cannot start ${command}`);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('close', (code) => {
      resolve({ code, stderr });
    });
  });
  return { group: child.pid, exited };
}
