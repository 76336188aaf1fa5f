// The read engine that the `canopy` launcher (bin/canopy) started beside Node, taken over from the three pipes it
// names in CANOPY_ENGINE_FDS. It is shaped as the part of a ChildProcess that EngineClient uses. It is not Node's
// child, so its exit status is unknown: it is gone when its output pipes close.
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Socket } from 'node:net';

export type EngineProcess = Pick<ChildProcess, 'stdin' | 'stdout' | 'stderr' | 'exitCode' | 'on' | 'once'>;

class LaunchedEngine extends EventEmitter {
  readonly stdin: Socket;
  readonly stdout: Socket;
  readonly stderr: Socket;
  exitCode: number | null = null;

  constructor(input: number, output: number, errors: number) {
    super();
    this.stdin = new Socket({ fd: input, readable: false, writable: true });
    this.stdout = new Socket({ fd: output, readable: true, writable: false });
    this.stderr = new Socket({ fd: errors, readable: true, writable: false });
    let open = 2;
    const closed = (): void => {
      if (--open === 0) this.emit('close', null, null);
    };
    this.stdout.on('close', closed);
    this.stderr.on('close', closed);
  }
}

/** The launcher's engine, once: the variable is removed so that no later engine, and no child, takes it again. */
export function takeLaunchedEngine(): EngineProcess | undefined {
  const fds = process.env.CANOPY_ENGINE_FDS;
  delete process.env.CANOPY_ENGINE_FDS;
  const [input, output, errors] = (fds ?? '').split(',').map(Number);
  if (input === undefined || output === undefined || errors === undefined || [input, output, errors].some((fd) => !Number.isInteger(fd) || fd < 3)) return undefined;
  try {
    return new LaunchedEngine(input, output, errors) as unknown as EngineProcess;
  } catch {
    return undefined; // Not pipes after all (a stale variable in a shell): start an engine as usual.
  }
}
