// Package diffs on hand-written lists: identity by (name, arch), rpm and dpkg version order, and a diff of 3000
// packages.
import { describe, expect, it } from 'vitest';
import { diffPackages } from '../../main/packages/package-diff';
import type { Package, PackageList } from '../../main/packages/package-model';
import { fromPkglist, parseDpkgStatus } from '../../main/packages/read-packages';

type Tuple = [name: string, epoch: string, version: string, release: string, arch: string];
const rpmList = (tuples: Tuple[]): PackageList => ({ source: 'rpmdb', packages: fromPkglist(tuples) });

describe('diffPackages', () => {
  it('finds added, removed, upgraded and downgraded rpm packages, a multilib pair being two packages', () => {
    const from = rpmList([
      ['zlib', '0', '1.2.13', '1.fc41', 'x86_64'],
      ['glibc', '0', '2.40', '1.fc41', 'x86_64'],
      ['glibc', '0', '2.40', '1.fc41', 'i686'],
      ['vim', '2', '9.1.0', '1.fc41', 'x86_64'],
      ['gone', '0', '1.0', '1', 'noarch'],
      ['kept', '0', '1.0', '1', 'noarch'],
      ['rc', '0', '1.0', '1', 'noarch'],
      ['epoch', '', '9.0', '1', 'noarch'],
    ]);
    const to = rpmList([
      ['zlib', '0', '1.2.13', '2.fc41', 'x86_64'],
      ['glibc', '0', '2.40', '1.fc41', 'x86_64'],
      ['glibc', '0', '2.39', '9.fc41', 'i686'],
      ['glibc', '0', '2.40', '1.fc41', 'aarch64'],
      ['vim', '1', '9.2.0', '1.fc41', 'x86_64'],
      ['kept', '0', '1.0', '1', 'noarch'],
      ['new', '0', '0.1', '1', 'noarch'],
      ['rc', '0', '1.0~rc1', '1', 'noarch'],
      ['epoch', '1', '1.0', '1', 'noarch'],
    ]);
    const diff = diffPackages(from, to);
    const names = (packages: Package[]): string[] => packages.map((p) => `${p.name}.${p.arch}`);
    expect(names(diff.added)).toEqual(['glibc.aarch64', 'new.noarch']);
    expect(names(diff.removed)).toEqual(['gone.noarch']);
    expect(diff.upgraded).toEqual([
      { name: 'epoch', arch: 'noarch', from: '9.0-1', to: '1:1.0-1' },
      { name: 'zlib', arch: 'x86_64', from: '1.2.13-1.fc41', to: '1.2.13-2.fc41' },
    ]);
    expect(diff.downgraded).toEqual([
      { name: 'glibc', arch: 'i686', from: '2.40-1.fc41', to: '2.39-9.fc41' },
      { name: 'rc', arch: 'noarch', from: '1.0-1', to: '1.0~rc1-1' },
      { name: 'vim', arch: 'x86_64', from: '2:9.1.0-1.fc41', to: '1:9.2.0-1.fc41' },
    ]);
  });

  it('omits versions that differ only in spelling, and pairs install-only packages by version', () => {
    const from = rpmList([
      ['same', '0', '1.0', '1', 'noarch'],
      ['kernel', '0', '6.10.1', '200.fc41', 'x86_64'],
      ['kernel', '0', '6.11.2', '200.fc41', 'x86_64'],
      ['kmod', '0', '1', '1', 'x86_64'],
      ['kmod', '0', '2', '1', 'x86_64'],
    ]);
    const to = rpmList([
      ['same', '', '1.0', '1', 'noarch'],
      ['kernel', '0', '6.11.2', '200.fc41', 'x86_64'],
      ['kernel', '0', '6.12.0', '100.fc41', 'x86_64'],
      ['kmod', '0', '3', '1', 'x86_64'],
      ['kmod', '0', '4', '1', 'x86_64'],
    ]);
    const diff = diffPackages(from, to);
    expect(diff.upgraded).toEqual([{ name: 'kernel', arch: 'x86_64', from: '6.10.1-200.fc41', to: '6.12.0-100.fc41' }]);
    expect(diff.added.map((p) => p.evr)).toEqual(['3-1', '4-1']);
    expect(diff.removed.map((p) => p.evr)).toEqual(['1-1', '2-1']);
    expect(diff.downgraded).toEqual([]);
  });

  it('orders dpkg versions as dpkg does', () => {
    const status = (versions: [string, string, string][]): PackageList => ({
      source: 'dpkg',
      packages: parseDpkgStatus(versions.map(([name, arch, version]) => `Package: ${name}\nStatus: install ok installed\nArchitecture: ${arch}\nVersion: ${version}\n`).join('\n')),
    });
    const diff = diffPackages(
      status([['libc6', 'amd64', '2.36-9'], ['libc6', 'i386', '2.36-9'], ['bash', 'amd64', '5.2.15-2'], ['vim', 'amd64', '2:9.0-1'], ['same', 'all', '1.0-0']]),
      status([['libc6', 'amd64', '2.36-9~deb12u1'], ['libc6', 'i386', '2.36-9+deb12u1'], ['bash', 'amd64', '5.2.15-2+b1'], ['vim', 'amd64', '1:9.1-1'], ['same', 'all', '1.0']]),
    );
    expect(diff.upgraded.map((c) => `${c.name}:${c.arch}`)).toEqual(['bash:amd64', 'libc6:i386']);
    expect(diff.downgraded.map((c) => `${c.name}:${c.arch}`)).toEqual(['libc6:amd64', 'vim:amd64']);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('diffs 3000 packages, one in ten upgraded', () => {
    const tuples = (generation: number): Tuple[] =>
      Array.from({ length: 3000 }, (_, i): Tuple => [`pkg-${String(i)}`, '0', `1.${String(i % 7)}.${generation === 1 && i % 10 === 0 ? '1' : '0'}`, '1.fc41', i % 5 ? 'x86_64' : 'i686']);
    const diff = diffPackages(rpmList(tuples(0)), rpmList(tuples(1)));
    expect(diff.upgraded).toHaveLength(300);
    expect(diff.upgraded[0]).toEqual({ name: 'pkg-0', arch: 'i686', from: '1.0.0-1.fc41', to: '1.0.1-1.fc41' });
    expect([diff.added, diff.removed, diff.downgraded]).toEqual([[], [], []]);
  });
});
