// A commit's package list from each kind of database, ordered by name then arch.
import type { PackageTuple } from '../../helper/protocol';
import { readDpkgStatus } from './dpkg-status';
import { byNameThenArch, rpmEvr, type Package } from './package-model';
import { parseRpmHeader } from './rpm-header';
import { tableBlobs } from './sqlite-table';

/** The source package's name: the source rpm's file name without -version-release.src.rpm. */
function sourceName(sourcerpm: string): string {
  return sourcerpm.replace(/-[^-]+-[^-]+\.(?:no)?src\.rpm$/, '');
}

export function parseRpmdbSqlite(file: Buffer, withChangelogs: boolean): Package[] {
  const packages: Package[] = [];
  for (const blob of tableBlobs(file, 'Packages')) {
    const header = parseRpmHeader(blob, { changelog: withChangelogs });
    // rpm keeps imported signing keys as pseudo packages; they are not software.
    if (header.name === 'gpg-pubkey') continue;
    const epoch = header.epoch === undefined ? undefined : String(header.epoch);
    const pkg: Package = {
      name: header.name,
      arch: header.arch,
      evr: rpmEvr(epoch, header.version, header.release),
      version: header.version,
      release: header.release,
      summary: header.summary,
      size: header.size,
    };
    if (epoch !== undefined) pkg.epoch = epoch;
    if (header.sourcerpm) pkg.source = sourceName(header.sourcerpm);
    if (header.changelogTime !== undefined) pkg.changelogTime = header.changelogTime;
    if (header.changelog) pkg.changelog = header.changelog;
    packages.push(pkg);
  }
  return packages.sort(byNameThenArch);
}

export function parseDpkgStatus(text: string): Package[] {
  return readDpkgStatus(text).sort(byNameThenArch);
}

export function fromPkglist(tuples: PackageTuple[]): Package[] {
  return tuples
    .map(([name, epoch, version, release, arch]): Package => ({ name, arch, evr: rpmEvr(epoch, version, release), epoch, version, release }))
    .sort(byNameThenArch);
}
