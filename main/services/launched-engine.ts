// The read engine that the `canopy` launcher (bin/canopy) started beside Node, taken over from the three pipes it
// names in CANOPY_ENGINE_FDS, and shaped as the part of a ChildProcess that EngineClient uses. It became Node's
// child when bash exec'd Node, but Node does not wait for it, so its exit status is unknown: it is gone when its
// output pipes close.
import type { ChildProcess } from 'node:child_process';
import { closeSync, constants, fstatSync, openSync } from 'node:fs';
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

/**
 * The pipe of an inherited descriptor, opened again: Node opens it close-on-exec, which the inherited one is not, so
 * that the processes Node starts (a change engine, say) do not hold the engine's pipes open after Node is gone.
 * Non-blocking, so that a pipe whose other end is already closed is refused rather than waited on.
 */
function reopen(fd: number, flags: number): number {
  const reopened = openSync(`/proc/self/fd/${String(fd)}`, flags | constants.O_NONBLOCK);
  closeSync(fd);
  return reopened;
}

function isPipe(fd: number): boolean {
  try {
    return fstatSync(fd).isFIFO();
  } catch {
    return false; // Not open.
  }
}

/** The launcher's engine, once: the variable is removed so that no later engine, and no child, takes it again. A
 * variable naming anything but pipes (a stale one in a shell) is ignored, and those descriptors left alone. */
export function takeLaunchedEngine(): EngineProcess | undefined {
  const named = process.env.CANOPY_ENGINE_FDS;
  delete process.env.CANOPY_ENGINE_FDS;
  const fds = (named ?? '').split(',').map(Number);
  if (fds.length !== 3 || fds.some((fd) => !Number.isInteger(fd) || fd < 3 || !isPipe(fd))) return undefined;
  const reopened: number[] = [];
  try {
    for (const [i, fd] of fds.entries()) reopened.push(reopen(fd, i === 0 ? constants.O_WRONLY : constants.O_RDONLY));
    const [input = -1, output = -1, errors = -1] = reopened;
    return new LaunchedEngine(input, output, errors) as unknown as EngineProcess;
  } catch {
    // The engine is already gone: start one as usual.
    for (const fd of reopened) closeSync(fd);
    return undefined;
  }
}
