// The journal of changes, kept inside the sysroot (root-owned on a real system) so that the timeline survives the
// app and is shared by every user. One JSON object per line, appended while the sysroot lock is held.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import type OSTree from 'gi://OSTree';
import type { HistoryEntry } from './protocol';

const MAX_READ_BYTES = 4 * 1024 * 1024;

function journalFile(sysroot: OSTree.Sysroot): Gio.File {
  return sysroot.get_path().get_child('ostree').get_child('canopy').get_child('history.jsonl');
}

export function appendHistory(sysroot: OSTree.Sysroot, entry: HistoryEntry): void {
  const file = journalFile(sysroot);
  // Readable by everyone: the timeline is shown to the unprivileged app, while only root appends.
  GLib.mkdir_with_parents(file.get_parent()?.get_path() ?? '/', 0o755);
  const stream = file.append_to(Gio.FileCreateFlags.NONE, null);
  stream.write_all(new TextEncoder().encode(`${JSON.stringify(entry)}\n`), null);
  stream.close(null);
}

/** Newest first. Only the journal's last few MiB are read, so a long history costs the same as a short one. */
export function readHistory(sysroot: OSTree.Sysroot, limit: number): HistoryEntry[] {
  const file = journalFile(sysroot);
  if (!file.query_exists(null)) return [];
  const [, contents] = file.load_contents(null);
  const tail = contents.length > MAX_READ_BYTES ? contents.subarray(contents.length - MAX_READ_BYTES) : contents;
  const lines = new TextDecoder().decode(tail).split('\n');
  if (tail !== contents) lines.shift(); // The first line of a tail is usually cut.
  const entries: HistoryEntry[] = [];
  for (let i = lines.length - 1; i >= 0 && entries.length < limit; i--) {
    const line = lines[i]?.trim();
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as HistoryEntry);
    } catch {
      // A torn last line from a crash is skipped; the rest of the journal stays readable.
    }
  }
  return entries;
}
