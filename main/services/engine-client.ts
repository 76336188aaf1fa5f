// Talks to the tree engine: a gjs process speaking line-delimited JSON. Reads go to an unprivileged engine; each
// change goes to its own engine started through pkexec, which polkit authorizes per verb.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { engineBundle, privilegedHelper } from '../paths';
import { isErrorCode } from '../../helper/error-codes';
import type { ChangeMethod, Method, Params, Progress, Results } from '../../helper/protocol';
import { EngineError } from './engine-error';
import { takeLaunchedEngine, type EngineProcess } from './launched-engine';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress: ((progress: Progress) => void) | undefined;
}

export interface RequestOptions {
  onProgress?: (progress: Progress) => void;
  /** Aborting closes the engine's input, which is how an unprivileged caller cancels even a root engine. */
  signal?: AbortSignal;
}

const NO_HELPER =
  'the privileged helper is not installed: install the canopy-helper package (or run build/install-helper.sh as root)';
const MISSING_GJS =
  'gjs is not installed (Debian: apt install gjs gir1.2-ostree-1.0; Fedora: dnf install gjs ostree-libs)';

export class EngineClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exited: EngineError | null = null;
  private stderrTail = '';

  private constructor(
    private readonly child: EngineProcess,
    private readonly description: string,
  ) {
    child.stdin?.on('error', () => undefined); // A dead engine is reported through 'close', not as an EPIPE crash.
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-2000);
    });
    if (!child.stdout) throw new Error('the engine has no stdout pipe');
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      this.receive(line);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      this.fail(new EngineError('engine-unavailable', error.code === 'ENOENT' ? MISSING_GJS : error.message));
    });
    // 'close' rather than 'exit': the answer an engine wrote just before exiting must be read before it counts as gone.
    child.on('close', (code, signal) => {
      this.fail(this.exitError(code, signal));
    });
  }

  /** An unprivileged engine for reads (and for changes to a sysroot the user owns, like the demo's). */
  static start(): EngineClient {
    return new EngineClient(EngineClient.spawnEngine(), 'the tree engine');
  }

  /** The read engine of a command: the one the launcher started, if it did. */
  static forReads(): EngineClient {
    return new EngineClient(takeLaunchedEngine() ?? EngineClient.spawnEngine(), 'the tree engine');
  }

  private static spawnEngine(): ChildProcess {
    return spawn('gjs', ['-m', engineBundle()], { stdio: ['pipe', 'pipe', 'pipe'] });
  }

  /** An engine for one change. Root calls it directly; anyone else goes through pkexec and polkit. */
  static forChange(verb: ChangeMethod): EngineClient {
    if (process.getuid?.() === 0) return EngineClient.start();
    const helper = privilegedHelper();
    if (!helper) throw new EngineError('engine-unavailable', NO_HELPER);
    const args = process.stdin.isTTY ? [] : ['--disable-internal-agent'];
    const child = spawn('pkexec', [...args, helper, verb], { stdio: ['pipe', 'pipe', 'pipe'] });
    return new EngineClient(child, `the privileged helper (${verb})`);
  }

  request<M extends Method>(method: M, params: Params<M>, options: RequestOptions = {}): Promise<Results[M]> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise<Results[M]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress: options.onProgress });
      options.signal?.addEventListener('abort', () => {
        this.child.stdin?.end();
      });
      this.child.stdin?.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  }

  /** Ends the engine's input; it finishes what it is doing and exits. */
  close(): Promise<void> {
    if (this.exited || this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('close', () => {
        resolve();
      });
      this.child.stdin?.end();
    });
  }

  get alive(): boolean {
    return this.exited === null;
  }

  private receive(line: string): void {
    type Message = { id?: number; result?: unknown; error?: { code: string; message: string }; progress?: Progress } | null;
    let message: Message;
    try {
      message = JSON.parse(line) as Message;
    } catch {
      return; // libostree itself prints lines such as "Freed objects: ..." to stdout.
    }
    if (typeof message !== 'object' || message === null) return;
    // Id 0 answers a request the engine could not read at all; it belongs to the oldest one in flight.
    const id = message.id === 0 ? this.pending.keys().next().value : message.id;
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (id === undefined || !pending) return;
    if (message.progress) {
      pending.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(id);
    if (message.error) {
      const code = isErrorCode(message.error.code) ? message.error.code : 'internal';
      pending.reject(new EngineError(code, message.error.message));
    } else pending.resolve(message.result);
  }

  private exitError(code: number | null, signal: NodeJS.Signals | null): EngineError {
    // pkexec exits 126 when the authentication dialog is dismissed and 127 when authorization is refused.
    if (code === 126 || code === 127) {
      return new EngineError('permission-denied', `not authorized to run ${this.description}`);
    }
    if (code === 130) return new EngineError('cancelled', 'cancelled; nothing was changed');
    const detail = this.stderrTail.trim().split('\n').filter((line) => !/^\(gjs:\d+\)|^Gjs-Message/.test(line)).pop();
    // A launched engine's status is unknown.
    const how = signal ? `was killed by ${signal}` : code === null ? 'stopped' : `exited with status ${String(code)}`;
    return new EngineError('engine-unavailable', `${this.description} ${how}${detail ? `: ${detail}` : ''}`);
  }

  private fail(error: EngineError): void {
    this.exited ??= error;
    for (const pending of this.pending.values()) pending.reject(this.exited);
    this.pending.clear();
  }
}

/** Runs one change in its own engine, privileged unless the caller may write the sysroot itself. */
export async function runChange<M extends ChangeMethod>(
  method: M,
  params: Params<M>,
  options: RequestOptions & { privileged: boolean },
): Promise<Results[M]> {
  const engine = options.privileged ? EngineClient.forChange(method) : EngineClient.start();
  try {
    return await engine.request(method, params, options);
  } finally {
    await engine.close();
  }
}
