// Reading a dpkg status file against what dpkg-query lists from the same file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDpkgStatus } from '../../main/packages/read-packages';
import { run } from '../support/run';

const admin = mkdtempSync(join(tmpdir(), 'canopy-dpkg-'));

const STATUS = `Package: libc6
Status: install ok installed
Priority: optional
Section: libs
Installed-Size: 12990
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u4
Depends: libgcc-s1
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.
 .
 This package includes shared versions of the standard C library.
Homepage: https://www.gnu.org/software/libc/libc.html

Package: libc6
Status: install ok installed
Installed-Size: 12000
Architecture: i386
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u4
Description: GNU C Library: Shared libraries
 Contains the standard libraries.

Package: bash
Essential: yes
Status: install ok installed
Installed-Size: 7164
Architecture: amd64
Version: 5.2.15-2+b7
Description: GNU Bourne Again SHell
 Bash is an sh-compatible command language interpreter.

Package: libcap2
Status: hold ok installed
Installed-Size: 100
Architecture: amd64
Source: libcap2 (1:2.66-4)
Version: 1:2.66-4+b1
Description: POSIX 1003.1e capabilities (library)

Package: oldpkg
Status: deinstall ok config-files
Priority: optional
Architecture: all
Version: 1.0-1
Conffiles:
 /etc/oldpkg.conf 5e4ef4c7d4e6f1a0b1d0f5b7e5f3c2a1
Description: removed, its configuration kept

Package: purged
Status: purge ok not-installed
Architecture: amd64

Package: broken
Status: install ok half-installed
Architecture: amd64
Version: 0.1
Description: half installed

Package: tzdata
Status: install ok installed
Installed-Size: 3
Architecture: all
Version: 2024a-0+deb12u1
Description: time zone and daylight-saving time data
`;

beforeAll(() => {
  mkdirSync(join(admin, 'info'));
  mkdirSync(join(admin, 'updates'));
  writeFileSync(join(admin, 'status'), STATUS);
});

afterAll(() => {
  rmSync(admin, { recursive: true, force: true });
});

describe('dpkg status', () => {
  it('lists the packages dpkg-query lists as installed, sorted by name then arch', () => {
    const expected = run('dpkg-query', [`--admindir=${admin}`, '-W', '-f=${db:Status-Status}|${Package} ${Architecture} ${Version}\\n'])
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('installed|'))
      .map((line) => line.slice('installed|'.length));
    const packages = parseDpkgStatus(STATUS);
    expect(packages.map((p) => `${p.name} ${p.arch} ${p.evr}`).sort()).toEqual(expected.sort());
    expect(packages.map((p) => `${p.name}:${p.arch}`)).toEqual(['bash:amd64', 'libc6:amd64', 'libc6:i386', 'libcap2:amd64', 'tzdata:all']);
  });

  it('reads summary, size and source as dpkg-query does', () => {
    const expected = run('dpkg-query', [`--admindir=${admin}`, '-W', '-f=${db:Status-Status}|${Package}:${Architecture}|${binary:Summary}|${Installed-Size}|${source:Package}\\n'])
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('installed|'))
      .map((line) => line.slice('installed|'.length));
    const ours = parseDpkgStatus(STATUS).map((p) => `${p.name}:${p.arch}|${p.summary ?? ''}|${String((p.size ?? 0) / 1024)}|${p.source ?? ''}`);
    expect(ours.sort()).toEqual(expected.sort());
    expect(parseDpkgStatus(STATUS).find((p) => p.name === 'libcap2')).toMatchObject({ source: 'libcap2', evr: '1:2.66-4+b1', size: 102400 });
  });

  it('reads an empty status file as no packages', () => {
    expect(parseDpkgStatus('')).toEqual([]);
  });
});
