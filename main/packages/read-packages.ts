// A commit's package list from each kind of database, ordered by name then arch.
import type { PackageTuple } from '../../helper/protocol';
import { parseDpkgStatus as parseStatus } from './dpkg-status';
import { byNameThenArch, rpmEvr, type Package } from './package-model';
import { parseRpmHeader } from './rpm-header';
import { readColumn } from './sqlite-table';

export function parseRpmdbSqlite(file: Buffer, withChangelogs: boolean): Package[] {
  const packages: Package[] = [];
  for (const blob of readColumn(file, 'Packages', 1)) {
    if (!Buffer.isBuffer(blob)) continue;
    const pkg = parseRpmHeader(blob, withChangelogs);
    // rpm keeps imported signing keys as pseudo packages; they are not software.
    if (pkg.name !== 'gpg-pubkey') packages.push(pkg);
  }
  return packages.sort(byNameThenArch);
}

export function parseDpkgStatus(text: string): Package[] {
  return parseStatus(text).sort(byNameThenArch);
}

export function fromPkglist(tuples: PackageTuple[]): Package[] {
  return tuples
    .map(([name, epoch, version, release, arch]) => ({ name, arch, evr: rpmEvr(epoch, version, release), epoch, version, release }))
    .sort(byNameThenArch);
}
