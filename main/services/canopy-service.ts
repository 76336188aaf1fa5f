// The one service the CLI, the Electron main process and browser mode all use: reads through a long-lived engine,
// diffs through the diff service, and each change through its own (privileged when needed) engine.
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import type { ChangeMethod, Params, Results, Target } from '../../helper/protocol';
import { cacheDir } from '../paths';
import { EngineClient, runChange, type RequestOptions } from './engine-client';
import { DiffService } from './diff-service';

export class CanopyService {
  readonly diffs = new DiffService(this);

  /** An engine may be handed in already started, so that gjs starts while the caller is still loading. */
  constructor(private engine: EngineClient | null = null) {}

  /** The read engine, started on first use and again if it died. */
  reader(): EngineClient {
    if (!this.engine?.alive) this.engine = EngineClient.start();
    return this.engine;
  }

  read<M extends Exclude<keyof Results, ChangeMethod>>(method: M, params: Params<M>): Promise<Results[M]> {
    return this.reader().request(method, params);
  }

  status(sysroot: string): Promise<Results['status']> {
    return this.read('status', { target: { kind: 'sysroot', path: sysroot } });
  }

  remotes(target: Target): Promise<Results['remotes']> {
    return this.read('remotes', { target });
  }

  refs(target: Target, remote: string, refresh = false): Promise<Results['refs']> {
    return this.read('refs', { target, remote, refresh, cacheDir: cacheDir() });
  }

  log(target: Target, rev: string, limit: number): Promise<Results['log']> {
    return this.read('log', { target, rev, limit });
  }

  history(sysroot: string, limit = 200): Promise<Results['history']> {
    return this.read('history', { target: { kind: 'sysroot', path: sysroot }, limit });
  }

  checkUpdate(sysroot: string): Promise<Results['checkUpdate']> {
    return this.read('checkUpdate', { target: { kind: 'sysroot', path: sysroot }, cacheDir: cacheDir() });
  }

  change<M extends ChangeMethod>(method: M, params: Params<M>, options: RequestOptions = {}): Promise<Results[M]> {
    return runChange(method, params, { ...options, privileged: !canWrite(params.target.path) });
  }

  async close(): Promise<void> {
    await this.engine?.close();
    this.engine = null;
  }
}

/** A sysroot the user may write (the demo's, in their data directory) needs no privilege; the system's does. */
function canWrite(sysroot: string): boolean {
  if (process.getuid?.() === 0) return true;
  try {
    accessSync(join(sysroot, 'ostree/repo/objects'), constants.W_OK);
    accessSync(join(sysroot, 'ostree/deploy'), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
