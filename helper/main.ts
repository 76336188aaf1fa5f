// The engine process: serves requests one at a time on stdin/stdout. With `--privileged --config PATH VERB`, as
// started by the root-owned wrapper through pkexec, it serves only that verb on an allowed sysroot.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import System from 'system';
import { EngineError, messageOf } from './engine-error';
import { handle } from './engine';
import { callerIdentity, isRoot, parsePrivilegedArgs, refusePrivileged, type PrivilegedMode } from './privilege';
import { describeIssues, ERROR_EXIT_CODES, requestSchema, type Target } from './protocol';
import { MAX_LINE_BYTES, readLines, writeLine } from './stdio';

function run(): void {
  let mode: PrivilegedMode | null;
  try {
    mode = parsePrivilegedArgs(System.programArgs);
    if (mode && !isRoot()) throw new EngineError('permission-denied', 'the privileged helper must run as root');
  } catch (error) {
    const code = error instanceof EngineError ? error.code : 'internal';
    writeLine({ id: 0, error: { code, message: messageOf(error) } });
    System.exit(ERROR_EXIT_CODES[code]);
  }
  const caller = callerIdentity();
  const loop = new GLib.MainLoop(null, false);
  const queue: string[] = [];
  let running: Gio.Cancellable | null = null;
  let ended = false;
  let served = 0;

  const finishIfDone = (): void => {
    if (!running && queue.length === 0 && (ended || (mode && served > 0))) loop.quit();
  };

  const serveNext = (): void => {
    if (running) return;
    const line = queue.shift();
    if (line === undefined) {
      finishIfDone();
      return;
    }
    const cancellable = new Gio.Cancellable();
    running = cancellable;
    let id = 0;
    void (async () => {
      try {
        const request = requestSchema.safeParse(JSON.parse(line));
        if (!request.success) throw new EngineError('invalid-argument', `malformed request: ${describeIssues(request.error)}`);
        id = request.data.id;
        const target = (request.data.params as { target?: Target } | null)?.target;
        if (mode) refusePrivileged(mode, request.data.method, target);
        const progress = (value: unknown): void => {
          writeLine({ id, progress: value });
        };
        const result = await handle(request.data.method, request.data.params, { cancellable, progress, caller });
        writeLine({ id, result });
      } catch (error) {
        const code = error instanceof EngineError ? error.code : error instanceof SyntaxError ? 'invalid-argument' : 'internal';
        const message = error instanceof SyntaxError ? 'malformed request: not JSON' : messageOf(error);
        writeLine({ id, error: { code, message } });
      } finally {
        running = null;
        served++;
        if (mode) queue.length = 0; // One authorization, one change.
        GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
          serveNext();
          return GLib.SOURCE_REMOVE;
        });
      }
    })();
  };

  readLines({
    line: (text) => {
      if (text.trim() === '') return;
      queue.push(text);
      if (!running) serveNext();
    },
    tooLong: () => {
      writeLine({ id: 0, error: { code: 'invalid-argument', message: `request longer than ${String(MAX_LINE_BYTES)} bytes` } });
    },
    end: () => {
      ended = true;
      // The caller went away: whatever runs is cancelled, since nobody can see its outcome.
      running?.cancel();
      finishIfDone();
    },
  });
  loop.run();
}

run();
