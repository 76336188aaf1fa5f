// The engine process: serves requests one at a time on stdin/stdout. With `--privileged --config PATH VERB`, as
// started by the root-owned wrapper through pkexec, it serves only that verb on an allowed sysroot.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import OSTree from 'gi://OSTree';
import System from 'system';
import { EngineError, messageOf } from './engine-error';
import { handle, type RequestGuard } from './engine';
import { callerIdentity, isRoot, parsePrivilegedArgs, refusePrivileged, type PrivilegedMode } from './privilege';
import { describeIssues, ERROR_EXIT_CODES, requestSchema } from './protocol';
import { MAX_LINE_BYTES, readLines, writeLine } from './stdio';

const INTERRUPTING_SIGNALS = [1, 2, 15]; // SIGHUP, SIGINT, SIGTERM

/** The privileged mode from the command line, or null for a plain engine; bad arguments end the process. */
function privilegedMode(): PrivilegedMode | null {
  try {
    const mode = parsePrivilegedArgs(System.programArgs);
    if (mode && !isRoot()) throw new EngineError('permission-denied', 'the privileged helper must run as root');
    return mode;
  } catch (error) {
    const code = error instanceof EngineError ? error.code : 'internal';
    writeLine({ id: 0, error: { code, message: messageOf(error) } });
    return System.exit(ERROR_EXIT_CODES[code]);
  }
}

function run(): void {
  const mode = privilegedMode();
  const guard: RequestGuard | undefined = mode
    ? (method, target) => {
        refusePrivileged(mode, method, target);
      }
    : undefined;
  const caller = callerIdentity();
  const loop = new GLib.MainLoop(null, false);
  const queue: string[] = [];
  let running: Gio.Cancellable | null = null;
  let ended = false;
  /** Non-zero once a signal interrupted the engine, or when the one change of a privileged helper failed. */
  let exitCode = 0;
  let served = 0;

  const finishIfDone = (): void => {
    if (!running && queue.length === 0 && (ended || (mode && served > 0))) loop.quit();
  };

  /** The caller went away or interrupted: whatever runs is cancelled, since nobody can see its outcome. */
  const stop = (): void => {
    ended = true;
    running?.cancel();
    finishIfDone();
  };

  // Ctrl-C in a terminal signals the whole foreground group, so the engine (pkexec execs the helper in place) gets
  // SIGINT together with the CLI. Dying of it would skip the journal: treat it, and a hangup or polite kill, as the
  // caller's cancel. A change already past the point of no return finishes and answers as usual.
  for (const signal of INTERRUPTING_SIGNALS) {
    GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal, () => {
      exitCode = ERROR_EXIT_CODES.cancelled;
      queue.length = 0;
      stop();
      return GLib.SOURCE_CONTINUE;
    });
  }

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
        const progress = (value: unknown): void => {
          writeLine({ id, progress: value });
        };
        const result = await handle(request.data.method, request.data.params, { cancellable, progress, caller }, guard);
        writeLine({ id, result });
      } catch (error) {
        const code = error instanceof EngineError ? error.code : error instanceof SyntaxError ? 'invalid-argument' : 'internal';
        const message = error instanceof SyntaxError ? 'malformed request: not JSON' : messageOf(error);
        writeLine({ id, error: { code, message } });
        if (mode) exitCode = ERROR_EXIT_CODES[code];
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

  // Loading libostree and its libraries takes some 40 ms, and the `canopy` launcher starts the engine well before
  // its first request: load it now rather than at that request. An unopened repository object does no I/O.
  OSTree.Repo.new(Gio.File.new_for_path('/'));
  readLines({
    line: (text) => {
      // After the end of input or a signal, nothing new starts: a change could otherwise begin after a cancel.
      if (ended || text.trim() === '') return;
      queue.push(text);
      if (!running) serveNext();
    },
    tooLong: () => {
      writeLine({ id: 0, error: { code: 'invalid-argument', message: `request longer than ${String(MAX_LINE_BYTES)} bytes` } });
    },
    end: stop,
  });
  loop.run();
  // After a signal, the caller reads the exit code as "cancelled" for any request the engine did not get to answer.
  if (exitCode !== 0) System.exit(exitCode);
}

run();
