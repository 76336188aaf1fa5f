// A package database as the engine hands it over, read in place from real repositories made by `ostree commit`:
// the plain object file of a bare repository, and the deflate stream inside an archive repository's object.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseFile } from '../../helper/protocol';
import { parseDatabaseFiles } from '../../main/packages/database-file';
import { CanopyService } from '../../main/services/canopy-service';
import { run } from '../support/run';

const root = mkdtempSync(join(tmpdir(), 'canopy-database-file-'));
const service = new CanopyService();
// Varied enough that deflate cannot shrink it to nothing, large enough to take several inflate rounds.
const status = Array.from({ length: 4000 }, (_, i) => `Package: pkg-${String(i)}\nStatus: install ok installed\nVersion: 1.${String((i * 7919) % 1000)}-${String(i % 13)}\nArchitecture: amd64\n`).join('\n');

function repoWithStatus(mode: 'archive' | 'bare-user'): string {
  const repo = join(root, mode);
  const tree = join(root, `tree-${mode}`);
  mkdirSync(join(tree, 'usr/share/dpkg/database'), { recursive: true });
  writeFileSync(join(tree, 'usr/share/dpkg/database/status'), status);
  run('ostree', ['init', `--repo=${repo}`, `--mode=${mode}`]);
  run('ostree', ['commit', `--repo=${repo}`, '--branch=test/db', `--tree=dir=${tree}`]);
  return repo;
}

async function databaseFileOf(repo: string): Promise<DatabaseFile> {
  const database = await service.read('packageDatabase', { target: { kind: 'repo', path: repo }, rev: 'test/db', cacheDir: join(root, 'cache') });
  if (database.source !== 'dpkg') throw new Error(`expected the dpkg status, got ${database.source}`);
  return database.file;
}

let archive: string;
let bare: string;
beforeAll(() => {
  archive = repoWithStatus('archive');
  bare = repoWithStatus('bare-user');
});

afterAll(async () => {
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

describe('package database files', () => {
  it('reads a bare repository object as it is', async () => {
    const file = await databaseFileOf(bare);
    expect(file.deflated).toBeNull();
    expect(file.path).toMatch(/\/objects\/[0-9a-f]{2}\/[0-9a-f]{62}\.file$/);
    expect(await parseDatabaseFiles([file], ([contents]) => contents.toString('utf8'))).toBe(status);
  });

  it("inflates an archive repository's object in place, with no copy in the cache", async () => {
    const file = await databaseFileOf(archive);
    expect(file.path).toMatch(/\/objects\/[0-9a-f]{2}\/[0-9a-f]{62}\.filez$/);
    expect(file.deflated?.size).toBe(Buffer.byteLength(status));
    expect(await parseDatabaseFiles([file], ([contents]) => contents.toString('utf8'))).toBe(status);
    expect(existsSync(join(root, 'cache', 'objects'))).toBe(false);
  });

  it('says in one line when an object does not inflate to the size it claims', async () => {
    const file = await databaseFileOf(archive);
    const object = readFileSync(file.path);
    const offset = file.deflated?.offset ?? 0;
    const size = file.deflated?.size ?? 0;
    const broken = { path: join(root, 'broken.filez'), deflated: { offset, size } };
    writeFileSync(broken.path, Buffer.concat([object.subarray(0, offset), Buffer.from('not a deflate stream')]));
    await expect(parseDatabaseFiles([broken], String)).rejects.toThrow(/^cannot read the package database in \S+broken\.filez: [^\n]+$/);
    writeFileSync(broken.path, object);
    await expect(parseDatabaseFiles([{ ...broken, deflated: { offset, size: size + 10 } }], String)).rejects.toThrow(
      new RegExp(`^the package database in \\S+broken\\.filez is ${String(size)} bytes, not ${String(size + 10)}$`),
    );
    await expect(parseDatabaseFiles([{ ...broken, deflated: { offset, size: size - 10 } }], String)).rejects.toThrow(/^cannot read the package database in \S+broken\.filez: [^\n]+$/);
    await expect(parseDatabaseFiles([{ ...broken, deflated: { offset, size: 2 ** 40 } }], String)).rejects.toThrow(/claims 1099511627776 bytes$/);
  });
});
