// The changelog entries an upgrade brings. Like rpm-ostree's `db diff --changelogs`, an entry counts when it is
// newer than the old package's newest entry: names and versions in changelog lines are free text, times are not.
import type { ChangelogEntry } from './package-model';

export function changelogSince(entries: ChangelogEntry[], oldNewestTime: number | undefined): ChangelogEntry[] {
  if (oldNewestTime === undefined) return entries;
  return entries.filter((entry) => entry.time > oldNewestTime);
}
