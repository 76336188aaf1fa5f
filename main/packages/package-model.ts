// What Canopy knows of a package, whichever database it came from, and of the differences between two lists.

export interface ChangelogEntry {
  /** Unix seconds. */
  time: number;
  /** The entry's name line, e.g. "Jane Doe <jane@example.com> - 1.2-3". */
  author: string;
  text: string;
}

export interface Package {
  name: string;
  arch: string;
  /** rpm: [epoch:]version-release, with the epoch left out when it is 0; dpkg: the Debian version string. */
  evr: string;
  epoch?: string;
  version?: string;
  release?: string;
  summary?: string;
  size?: number;
  source?: string;
  /** The time of the newest changelog entry; what newer entries of an upgrade are counted from. */
  changelogTime?: number;
  changelog?: ChangelogEntry[];
}

export type PackageSource = 'pkglist' | 'rpmdb' | 'dpkg';

export interface PackageList {
  source: PackageSource;
  /** Ordered by name, then arch. */
  packages: Package[];
}

export interface PackageChange {
  name: string;
  arch: string;
  from: string;
  to: string;
  changelog?: ChangelogEntry[];
}

export interface PackageDiff {
  added: Package[];
  removed: Package[];
  upgraded: PackageChange[];
  downgraded: PackageChange[];
}

/** rpm's [epoch:]version-release; an epoch of 0 is the same as none, and rpm-ostree leaves it out too. */
export function rpmEvr(epoch: string | undefined, version: string, release: string): string {
  return `${epoch && epoch !== '0' ? `${epoch}:` : ''}${version}-${release}`;
}

/** The order of every list: by name, then arch; code-unit order, so that it does not depend on the locale. */
export function byNameThenArch(a: { name: string; arch: string }, b: { name: string; arch: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : a.arch < b.arch ? -1 : a.arch > b.arch ? 1 : 0;
}
