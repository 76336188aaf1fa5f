// Line-delimited JSON over the engine's stdin and stdout. Input is read in chunks with a cap on line length, so a
// hostile caller cannot make a root process buffer without bound.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';

export const MAX_LINE_BYTES = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

export interface LineHandlers {
  line: (text: string) => void;
  tooLong: () => void;
  end: () => void;
}

export function readLines(handlers: LineHandlers): void {
  const input = Gio.UnixInputStream.new(0, false);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let discarding = false;

  const takeLine = (tail: Uint8Array): string => {
    const whole = new Uint8Array(pendingBytes + tail.length);
    let offset = 0;
    for (const part of [...pending, tail]) {
      whole.set(part, offset);
      offset += part.length;
    }
    pending = [];
    pendingBytes = 0;
    return decoder.decode(whole);
  };

  const consume = (chunk: Uint8Array): void => {
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
      const tail = chunk.subarray(start, newline);
      start = newline + 1;
      if (discarding) {
        discarding = false;
        pending = [];
        pendingBytes = 0;
        continue;
      }
      if (pendingBytes + tail.length > MAX_LINE_BYTES) {
        pending = [];
        pendingBytes = 0;
        handlers.tooLong();
        continue;
      }
      handlers.line(takeLine(tail));
    }
    const rest = chunk.subarray(start);
    if (discarding || rest.length === 0) return;
    if (pendingBytes + rest.length > MAX_LINE_BYTES) {
      pending = [];
      pendingBytes = 0;
      discarding = true;
      handlers.tooLong();
      return;
    }
    pending.push(rest.slice());
    pendingBytes += rest.length;
  };

  const next = (): void => {
    input.read_bytes_async(CHUNK_BYTES, GLib.PRIORITY_DEFAULT, null, (_stream, result) => {
      let bytes: GLib.Bytes;
      try {
        bytes = input.read_bytes_finish(result);
      } catch {
        handlers.end();
        return;
      }
      if (bytes.get_size() === 0) {
        handlers.end();
        return;
      }
      // Read on before handling: a change runs synchronously inside libostree, which keeps iterating the main
      // context, so the end of input (the caller's cancel) is seen while it runs.
      next();
      consume(bytes.toArray());
    });
  };
  next();
}

const output = Gio.UnixOutputStream.new(1, false);
const encoder = new TextEncoder();

export function writeLine(message: unknown): void {
  output.write_all(encoder.encode(`${JSON.stringify(message)}\n`), null);
  output.flush(null);
}
