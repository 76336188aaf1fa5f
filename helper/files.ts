// Small file helpers over Gio, for the engine's own caches and journal.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';

export function ensureDirectory(path: string): void {
  GLib.mkdir_with_parents(path, 0o700);
}

/**
 * Writes through a temporary file beside `path`, renamed onto it once complete, so that readers (other engines
 * share the cache) see the old file or the new one, never a part. Gio's replace is atomic only over an existing
 * file: a new one is written in place, and a failure or a kill would leave a torn file under the final name.
 */
function writeThroughTemporary(path: string, write: (out: Gio.OutputStream) => void): void {
  const file = Gio.File.new_for_path(path);
  const parent = file.get_parent();
  if (parent) ensureDirectory(parent.get_path() ?? '/');
  const temporary = Gio.File.new_for_path(`${path}.${GLib.uuid_string_random()}.tmp`);
  try {
    const out = temporary.create(Gio.FileCreateFlags.NONE, null);
    try {
      write(out);
    } finally {
      out.close(null);
    }
    temporary.move(file, Gio.FileCopyFlags.OVERWRITE, null, null);
  } catch (error) {
    try {
      temporary.delete(null);
    } catch {
      // Never created, or already moved: nothing to remove.
    }
    throw error;
  }
}

export function writeFileAtomically(path: string, contents: Uint8Array): void {
  writeThroughTemporary(path, (out) => out.write_all(contents, null));
}

/** Copies a stream of `size` bytes to `path` natively (no JavaScript arrays), with the same guarantee. */
export function spliceFileAtomically(path: string, source: Gio.InputStream, size: number): void {
  writeThroughTemporary(path, (out) => {
    const copied = out.splice(source, Gio.OutputStreamSpliceFlags.CLOSE_SOURCE, null);
    if (copied !== size) throw new Error(`copied ${String(copied)} of ${String(size)} bytes to ${path}`);
  });
}

/** Removes a file if it is there. */
export function removeFile(path: string): void {
  const file = Gio.File.new_for_path(path);
  if (file.query_exists(null)) file.delete(null);
}

export function readFile(path: string): Uint8Array | null {
  const file = Gio.File.new_for_path(path);
  if (!file.query_exists(null)) return null;
  const [, contents] = file.load_contents(null);
  return contents;
}

export function modifiedTime(path: string): number | null {
  const file = Gio.File.new_for_path(path);
  if (!file.query_exists(null)) return null;
  const info = file.query_info('time::modified', Gio.FileQueryInfoFlags.NONE, null);
  return info.get_modification_date_time()?.to_unix() ?? null;
}
