// Small file helpers over Gio, for the engine's own caches and journal.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';

export function ensureDirectory(path: string): void {
  GLib.mkdir_with_parents(path, 0o700);
}

/** Writes a file whole: readers see the old content or the new one, never a part. */
export function writeFileAtomically(path: string, contents: Uint8Array): void {
  const file = Gio.File.new_for_path(path);
  const parent = file.get_parent();
  if (parent) ensureDirectory(parent.get_path() ?? '/');
  file.replace_contents(contents, null, false, Gio.FileCreateFlags.REPLACE_DESTINATION, null);
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
