// Reading a real rpmdb.sqlite, built with rpmbuild and `rpm --justdb` as rpm-ostree composes a tree, against what
// rpm itself reports on the same database.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Package } from '../../main/packages/package-model';
import { parseRpmdbSqlite } from '../../main/packages/read-packages';
import { parseRpmHeader } from '../../main/packages/rpm-header';
import { readTableBlobs } from '../support/table-blobs';
import { run } from '../support/run';

const root = mkdtempSync(join(tmpdir(), 'canopy-rpmdb-'));
const tree = join(root, 'tree');
const dbArgs = ['--root', tree, '--dbpath', '/usr/share/rpm'];
let database: Buffer;

interface Sub {
  name: string;
  version: string;
  release: string;
  epoch?: number;
}

// Versions with rpm's odd characters, epochs of 0 and more, and enough packages for the b-tree to need interior
// pages; one description is long enough to span several overflow pages.
const SUBPACKAGES: Sub[] = Array.from({ length: 28 }, (_, i): Sub => {
  const name = `sub-${String(i).padStart(2, '0')}`;
  if (i % 7 === 1) return { name, version: `${String(i)}.0~rc1`, release: `1^git${String(i)}`, epoch: 0 };
  if (i % 7 === 2) return { name, version: `0.${String(i)}`, release: `${String(i)}.fc41`, epoch: i };
  return { name, version: `1.${String(i)}`, release: String(i % 4) };
});

const CHANGELOG = `%changelog
* Wed Jan 03 2024 Jane Doe <jane@example.com> - 2:1.2-3
- Third entry
- over two lines
* Mon Jan 01 2024 John Roe <john@example.com> - 1.1-1
- Second entry
* Sun Jan 01 2023 Jane Doe <jane@example.com> 1.0-1
- First entry
`;

function spec(name: string, arch: 'noarch' | 'native', subpackages: Sub[], body: string): string {
  const lines = [`Name: ${name}`, 'Version: 1.2', 'Release: 3', 'Epoch: 2', `Summary: The ${name} package`, 'License: MIT'];
  if (arch === 'noarch') lines.push('BuildArch: noarch');
  lines.push('', '%description', body, '', '%files', '');
  for (const sub of subpackages) {
    lines.push(`%package -n ${sub.name}`, `Summary: Subpackage ${sub.name}`, `Version: ${sub.version}`, `Release: ${sub.release}`);
    if (sub.epoch !== undefined) lines.push(`Epoch: ${String(sub.epoch)}`);
    lines.push(`%description -n ${sub.name}`, `${sub.name} for tests.`, `%files -n ${sub.name}`, '');
  }
  return lines.join('\n');
}

function rpmbuild(top: string, specText: string, args: string[]): void {
  mkdirSync(top, { recursive: true });
  const file = join(top, 'package.spec');
  writeFileSync(file, specText);
  run('rpmbuild', ['-bb', '--quiet', '--nodeps', '--define', `_topdir ${top}`, ...args, file]);
}

const rpm = (args: string[]): string => run('rpm', [...dbArgs, ...args]);

beforeAll(() => {
  const top = join(root, 'rpmbuild');
  const long = Array.from({ length: 400 }, (_, i) => `Line ${String(i)} of a description long enough to overflow several pages.`).join('\n');
  rpmbuild(top, `${spec('canopy-main', 'noarch', SUBPACKAGES, long)}\n${CHANGELOG}`, []);
  // A multilib pair: the same name and version built for two architectures.
  for (const target of ['i686', 'x86_64']) rpmbuild(top, spec('multi', 'native', [], 'Multilib.'), ['--target', target]);
  const rpms = readdirSync(join(top, 'RPMS'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.rpm'))
    .map((file) => join(top, 'RPMS', file));
  mkdirSync(join(tree, 'usr/share/rpm'), { recursive: true });
  rpm(['--initdb']);
  rpm(['-i', '--justdb', '--nodeps', '--noscripts', '--ignorearch', '--ignoreos', ...rpms]);
  for (const leftover of ['rpmdb.sqlite-shm', 'rpmdb.sqlite-wal']) rmSync(join(tree, 'usr/share/rpm', leftover), { force: true });
  database = readFileSync(join(tree, 'usr/share/rpm/rpmdb.sqlite'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const line = (p: Package): string => `${p.name} ${p.arch} ${p.evr}`;

describe('rpmdb.sqlite', () => {
  it('lists the packages rpm -qa lists, sorted by name then arch', () => {
    const packages = parseRpmdbSqlite(database, false);
    // rpm shows an epoch of 0; Canopy's evr leaves it out, as rpm-ostree does.
    const expected = rpm(['-qa', '--qf', '%{NAME} %{ARCH} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n'])
      .trim()
      .split('\n')
      .map((l) => l.replace(/ 0:/, ' '));
    expect(packages.map(line).sort()).toEqual(expected.sort());
    expect(packages).toHaveLength(SUBPACKAGES.length + 3);
    expect(packages.map((p) => `${p.name} ${p.arch}`)).toEqual(packages.map((p) => `${p.name} ${p.arch}`).sort());
    expect(packages.filter((p) => p.name === 'multi').map((p) => p.arch)).toEqual(['i686', 'x86_64']);
  });

  it('reads epoch, version, release, summary, size and source as rpm does', () => {
    const packages = parseRpmdbSqlite(database, false);
    const expected = rpm(['-qa', '--qf', '%{NAME}|%{ARCH}|%|EPOCH?{%{EPOCH}}:{}||%{VERSION}|%{RELEASE}|%{SUMMARY}|%{SIZE}|%{SOURCERPM}\\n']).trim().split('\n').sort();
    const ours = packages.map((p) => [p.name, p.arch, p.epoch ?? '', p.version, p.release, p.summary, p.size, `${p.source ?? ''}-`].join('|'));
    expect(ours.sort()).toEqual(expected.map((l) => l.replace(/-[^-|]+-[^-|]+\.src\.rpm$/, '-')));
    expect(packages.find((p) => p.name === 'sub-02')).toMatchObject({ epoch: '2', evr: '2:0.2-2.fc41', source: 'canopy-main' });
    expect(packages.find((p) => p.name === 'sub-01')).toMatchObject({ epoch: '0', evr: '1.0~rc1-1^git1' });
  });

  it('reads the changelogs rpm -q --changelog shows, and only when asked', () => {
    const packages = parseRpmdbSqlite(database, true);
    // rpm prints days in local time; entries are at noon UTC, so any time zone of the tests shows the same day.
    const day = (time: number): string => {
      const parts = new Date(time * 1000).toUTCString().split(' '); // "Wed, 03 Jan 2024 12:00:00 GMT"
      return `${(parts[0] ?? '').replace(',', '')} ${parts[2] ?? ''} ${parts[1] ?? ''} ${parts[3] ?? ''}`;
    };
    for (const name of ['canopy-main', 'sub-05', 'multi']) {
      const pkg = packages.find((p) => p.name === name);
      const shown = (pkg?.changelog ?? []).map((e) => `* ${day(e.time)} ${e.author}\n${e.text}\n\n`).join('');
      expect(shown).toBe(rpm(['-q', '--changelog', name]));
    }
    const main = packages.find((p) => p.name === 'canopy-main');
    expect(main?.changelog?.map((e) => e.author)).toEqual(['Jane Doe <jane@example.com> - 2:1.2-3', 'John Roe <john@example.com> - 1.1-1', 'Jane Doe <jane@example.com> 1.0-1']);
    expect(main?.changelog?.[0]?.text).toBe('- Third entry\n- over two lines');
    const times = rpm(['-q', '--qf', '[%{CHANGELOGTIME}\\n]', 'canopy-main']).trim().split('\n').map(Number);
    expect(main?.changelog?.map((e) => e.time)).toEqual(times);
    const quick = parseRpmdbSqlite(database, false).find((p) => p.name === 'canopy-main');
    expect(quick?.changelog).toBeUndefined();
    expect(quick?.changelogTime).toBe(times[0]);
  });

  it('reads headers larger than a database page', () => {
    const pages = run('sqlite3', [join(tree, 'usr/share/rpm/rpmdb.sqlite'), "SELECT DISTINCT pagetype FROM dbstat WHERE name = 'Packages' ORDER BY 1"]);
    expect(pages.trim().split('\n')).toEqual(['internal', 'leaf', 'overflow']);
    const blobs = readTableBlobs(database, 'Packages');
    const pageSize = database.readUInt16BE(16);
    expect(blobs.some((blob) => blob.length > 3 * pageSize)).toBe(true);
    expect(parseRpmHeader(blobs.reduce((a, b) => (a.length > b.length ? a : b))).summary).toBe('The canopy-main package');
  });

  it('reads a database of over 3000 packages', () => {
    // The fixture's real headers, each stored a hundred times: rpm would take minutes to install as many.
    const copy = join(root, 'many.sqlite');
    writeFileSync(copy, database);
    run('sqlite3', [copy, 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99) INSERT INTO Packages(blob) SELECT blob FROM Packages, n']);
    const many = parseRpmdbSqlite(readFileSync(copy), false);
    expect(many).toHaveLength((SUBPACKAGES.length + 3) * 100);
    expect(new Set(many.map(line))).toEqual(new Set(parseRpmdbSqlite(database, false).map(line)));
  });

  it('rejects what is not an rpm database with a one-line error', () => {
    expect(() => parseRpmdbSqlite(Buffer.from('not a database at all, but long enough '.repeat(4)), false)).toThrow(/^not an SQLite 3 database: .+$/);
    expect(() => parseRpmdbSqlite(Buffer.alloc(0), false)).toThrow(/not an SQLite 3 database/);
    expect(() => parseRpmHeader(Buffer.from([0, 0, 0, 9, 0, 0, 0, 0]))).toThrow(/^not an rpm header: .+$/);
  });
});
