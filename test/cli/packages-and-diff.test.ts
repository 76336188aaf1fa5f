// `canopy packages` and `canopy diff` on commits holding real rpm and dpkg databases, compared with what rpm and
// dpkg-query report on the same trees.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerRepo, removeTree } from '../../main/demo/tree-builder';
import type { CommitDiff } from '../../main/services/commit-diff';
import type { Package } from '../../main/packages/package-model';
import { buildRpms, dpkgQueryAll, dpkgStatus, installRpmdb, rpmQueryAll, type DebSpec, type RpmSpec } from '../fixtures/package-fixture';
import { canopy, canopyJson, expectOneLineError } from '../support/cli';
import { run } from '../support/run';

const root = mkdtempSync(join(tmpdir(), 'canopy-packages-'));
const repoPath = join(root, 'repo');
const roots = { rpmOld: join(root, 'rpm-old'), rpmNew: join(root, 'rpm-new') };
const status = { old: join(root, 'status-old'), new: join(root, 'status-new') };

const OLD_RPMS: RpmSpec[] = [
  { name: 'alpha', version: '1.0', release: '1' },
  { name: 'beta', version: '2.0', release: '1' },
  { name: 'gamma', version: '1.0', release: '1', epoch: 1 },
  { name: 'delta', version: '1.0', release: '1' },
  { name: 'libfoo', version: '1.0', release: '1' },
  { name: 'libfoo', version: '1.0', release: '1', arch: 'i686' },
];
const NEW_RPMS: RpmSpec[] = [
  { name: 'alpha', version: '1.1', release: '1' },
  { name: 'beta', version: '1.9', release: '1' },
  { name: 'delta', version: '1.0', release: '1' },
  { name: 'epsilon', version: '0.1~rc1', release: '1' },
  { name: 'libfoo', version: '1.0', release: '1' },
  { name: 'libfoo', version: '1.0', release: '2', arch: 'i686' },
];
const OLD_DEBS: DebSpec[] = [
  { name: 'bash', version: '5.2.15-2', arch: 'amd64' },
  { name: 'libc6', version: '2.36-9', arch: 'amd64' },
  { name: 'libc6', version: '2.36-9', arch: 'i386' },
  { name: 'vim', version: '2:9.0.1378-2', arch: 'amd64' },
  { name: 'gone', version: '1.0', arch: 'all', status: 'deinstall ok config-files' },
];
const NEW_DEBS: DebSpec[] = [
  { name: 'bash', version: '5.2.15-2+b1', arch: 'amd64' },
  { name: 'libc6', version: '2.36-9~deb12u1', arch: 'amd64' },
  { name: 'libc6', version: '2.36-9', arch: 'i386' },
  { name: 'curl', version: '7.88.1-10', arch: 'amd64' },
];

const commits: Record<string, string> = {};
const repoArgs = ['--repo', repoPath];

beforeAll(() => {
  const changelogOld = [{ date: 'Mon Jan 06 2025', author: 'Ann Packager <ann@example.com>', evr: '1.0-1', text: 'First release.' }];
  const changelogNew = [
    { date: 'Tue Feb 04 2025', author: 'Bob Packager <bob@example.com>', evr: '1.1-1', text: 'Fix the frobnicator.' },
    ...changelogOld,
  ];
  installRpmdb(roots.rpmOld, buildRpms(OLD_RPMS, changelogOld));
  installRpmdb(roots.rpmNew, buildRpms(NEW_RPMS, changelogNew));
  writeFileSync(status.old, dpkgStatus(OLD_DEBS));
  writeFileSync(status.new, dpkgStatus(NEW_DEBS));
  mkdirSync(repoPath);
  const repo = new ServerRepo(repoPath);
  const base = { version: '1', timestamp: 1_700_000_000 };
  // rpm-ostree links usr/lib/sysimage/rpm to usr/share/rpm, or the other way round; both must be followed.
  commits.rpmOld = repo.commit({ ...base, ref: 'rpm/old', trees: { 'usr/share/rpm': join(roots.rpmOld, 'usr/share/rpm') }, links: { 'usr/lib/sysimage/rpm': '../../share/rpm' } });
  commits.rpmNew = repo.commit({ ...base, ref: 'rpm/new', trees: { 'usr/lib/sysimage/rpm': join(roots.rpmNew, 'usr/share/rpm') }, links: { 'usr/share/rpm': '../lib/sysimage/rpm' } });
  commits.debOld = repo.commit({ ...base, ref: 'deb/old', files: { 'usr/share/dpkg/database/status': dpkgStatus(OLD_DEBS) } });
  commits.debNew = repo.commit({ ...base, ref: 'deb/new', files: { 'var/lib/dpkg/status': dpkgStatus(NEW_DEBS) } });
  commits.none = repo.commit({ ...base, ref: 'none' });
}, 180_000);

afterAll(() => {
  removeTree(root);
});

const line = (p: Package): string => `${p.name} ${p.arch} ${p.evr}`;

describe('canopy packages', () => {
  it('reads the rpm database of a commit as rpm -qa does', () => {
    for (const [ref, tree] of [['rpm/old', roots.rpmOld], ['rpm/new', roots.rpmNew]] as const) {
      const result = canopyJson<{ source: string; packages: Package[] }>(['packages', ref, ...repoArgs]);
      expect(result.source).toBe('rpmdb');
      expect(result.packages.map(line).sort()).toEqual(rpmQueryAll(tree));
    }
  });

  it('reads the dpkg status of a commit as dpkg-query does', () => {
    for (const [ref, file] of [['deb/old', status.old], ['deb/new', status.new]] as const) {
      const result = canopyJson<{ source: string; packages: Package[] }>(['packages', ref, ...repoArgs]);
      expect(result.source).toBe('dpkg');
      expect(result.packages.map(line).sort()).toEqual(dpkgQueryAll(file));
    }
  });

  it('says so when a commit has no package database', () => {
    const result = canopy(['packages', 'none', ...repoArgs]);
    expect(result.status).toBe(5);
    expect(expectOneLineError(result)).toMatch(/has no package database/);
  });
});

describe('canopy diff', () => {
  it('classifies rpm changes by (name, arch), with changelogs of upgrades', () => {
    const diff = canopyJson<CommitDiff>(['diff', 'rpm/old', 'rpm/new', '--changelogs', ...repoArgs]);
    expect(diff).toMatchObject({ from: commits.rpmOld, to: commits.rpmNew, source: 'rpmdb' });
    expect(diff.packages.added.map(line)).toEqual(['epsilon noarch 0.1~rc1-1']);
    expect(diff.packages.removed.map(line)).toEqual(['gamma noarch 1:1.0-1']);
    expect(diff.packages.upgraded.map((c) => `${c.name}.${c.arch} ${c.from} ${c.to}`)).toEqual(['alpha.noarch 1.0-1 1.1-1', 'libfoo.i686 1.0-1 1.0-2']);
    expect(diff.packages.downgraded.map((c) => `${c.name} ${c.from} ${c.to}`)).toEqual(['beta 2.0-1 1.9-1']);
    const alpha = diff.packages.upgraded[0];
    expect(alpha?.changelog?.map((entry) => entry.text)).toEqual(['- Fix the frobnicator.']);
    expect(alpha?.changelog?.[0]?.author).toBe('Bob Packager <bob@example.com> - 1.1-1');
  });

  it('classifies dpkg changes with dpkg version rules', () => {
    const diff = canopyJson<CommitDiff>(['diff', 'deb/old', 'deb/new', ...repoArgs]);
    expect(diff.packages.added.map(line)).toEqual(['curl amd64 7.88.1-10']);
    expect(diff.packages.removed.map(line)).toEqual(['vim amd64 2:9.0.1378-2']);
    expect(diff.packages.upgraded.map((c) => c.name)).toEqual(['bash']);
    expect(diff.packages.downgraded.map((c) => `${c.name}.${c.arch}`)).toEqual(['libc6.amd64']);
  });

  it('lists files like ostree diff, and counts first in human output', () => {
    const human = canopy(['diff', 'deb/old', 'deb/new', '--files', ...repoArgs]);
    expect(human.status).toBe(0);
    expect(human.stdout.split('\n')[1]).toBe('Upgraded: 1  Downgraded: 1  Removed: 1  Added: 1');
    for (const [from, to] of [['deb/old', 'deb/new'], ['rpm/old', 'rpm/new'], ['rpm/new', 'deb/old']] as const) {
      const diff = canopyJson<CommitDiff>(['diff', from, to, '--files', ...repoArgs]);
      const expected = { added: [] as string[], removed: [] as string[], modified: [] as string[] };
      for (const entry of run('ostree', ['diff', `--repo=${repoPath}`, from, to]).trim().split('\n')) {
        const [kind, path = ''] = entry.split(/\s+/);
        (kind === 'A' ? expected.added : kind === 'D' ? expected.removed : expected.modified).push(path);
      }
      expect(diff.files).toMatchObject({ added: expected.added.sort(), removed: expected.removed.sort(), modified: expected.modified.sort() });
    }
  });

  it('refuses unknown commits with one line', () => {
    const result = canopy(['diff', 'rpm/old', 'no/such/ref', ...repoArgs]);
    expect(result.status).toBe(4);
    expect(expectOneLineError(result)).toMatch(/unknown ref no\/such\/ref/);
  });
});
