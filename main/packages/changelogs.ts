// The changelog entries an rpm upgrade brings, as `rpm-ostree db diff --changelogs` shows them.
import type { ChangelogEntry, Package, PackageDiff } from './package-model';
import { compareRpmEvr, type Evr } from './version-compare';

/**
 * The version an entry's name line ends with: "Jane Doe <jane@example.com> - 2:1.2-3", "... - 1.2-3", "... 1.2-3"
 * or just "... - 1.2". A version must start with a digit, so that a trailing e-mail address or name is none.
 */
function entryVersion(author: string): { epoch?: string; version: string; release?: string } | undefined {
  const match = /(?:^|\s)(?:(\d+):)?(\d[^\s:-]*)(?:-([^\s:-]+))?\s*$/.exec(author);
  if (!match?.[2]) return undefined;
  return { version: match[2], ...(match[1] ? { epoch: match[1] } : {}), ...(match[3] ? { release: match[3] } : {}) };
}

/**
 * The entries of an upgraded package's changelog (newest first, as rpm stores it) that are newer than the old
 * package. Entries are taken from the top until the first one that is old by either of two signs:
 *  - its name line names a version not newer than the old package's (rpm's version order). The name line is what
 *    the packager wrote for the release the entry describes. An entry without an epoch is taken to share the old
 *    one, as packagers rarely write it; an entry naming only the old version (no release) is no sign either way,
 *    since the new package may be a later release of that version;
 *  - it is older than the old package's newest entry (`oldNewestTime`), or of that same day without naming a
 *    newer version: entry times are days, and the old package's newest entry is in the new changelog too.
 * Either sign alone stops the walk: versions in name lines are free text and can be mistyped, and times can tie.
 * Without `oldNewestTime` (the old package had no changelog, or came from a pkglist) only versions count.
 */
export function changelogSince(entries: ChangelogEntry[], old: Evr, oldNewestTime?: number): ChangelogEntry[] {
  const result: ChangelogEntry[] = [];
  for (const entry of entries) {
    const named = entryVersion(entry.author);
    let order = 0;
    if (named) {
      const epoch = named.epoch ?? old.epoch;
      order =
        named.release === undefined
          ? compareRpmEvr({ epoch, version: named.version, release: '' }, { epoch: old.epoch, version: old.version, release: '' })
          : compareRpmEvr({ epoch, version: named.version, release: named.release }, old);
      if (order < 0 || (order === 0 && named.release !== undefined)) break;
    }
    if (oldNewestTime !== undefined && (entry.time < oldNewestTime || (entry.time === oldNewestTime && order <= 0))) break;
    result.push(entry);
  }
  return result;
}

/**
 * Adds to each upgrade of `diff` the entries its new package brings. Packages are found by version too: install-only
 * packages (kernels) have several versions of one name side by side. `changelogOf` reads a new package's changelog,
 * where the lists were read without it.
 */
export function addChangelogs(
  diff: PackageDiff,
  before: Package[],
  after: Package[],
  changelogOf: (pkg: Package) => ChangelogEntry[] | undefined = (pkg) => pkg.changelog,
): void {
  const key = (name: string, arch: string, evr: string): string => `${name}\0${arch}\0${evr}`;
  const old = new Map(before.map((p) => [key(p.name, p.arch, p.evr), p]));
  const fresh = new Map(after.map((p) => [key(p.name, p.arch, p.evr), p]));
  for (const change of diff.upgraded) {
    const previous = old.get(key(change.name, change.arch, change.from));
    const current = fresh.get(key(change.name, change.arch, change.to));
    const entries = current && changelogOf(current);
    if (!previous || !entries) continue;
    const evr = { epoch: previous.epoch, version: previous.version ?? '', release: previous.release ?? '' };
    change.changelog = changelogSince(entries, evr, previous.changelogTime);
  }
}
