// The SQLite reader against databases written by the sqlite3 tool: page sizes from the smallest to the largest,
// b-trees several levels deep, blobs spanning many overflow pages.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTableBlobs, tableBlobs } from '../support/table-blobs';
import { run } from '../support/run';

const root = mkdtempSync(join(tmpdir(), 'canopy-sqlite-'));

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A database made by sqlite3 from SQL, and the hex of each blob as sqlite3 reads it back. */
function database(name: string, sql: string, query: string): { file: Buffer; blobs: string[] } {
  const path = join(root, name);
  run('sqlite3', [path], { input: sql });
  const blobs = run('sqlite3', [path, query]).trim().split('\n').filter(Boolean);
  return { file: readFileSync(path), blobs };
}

const SCHEMA = 'CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL);';
const hex = (blobs: Buffer[]): string[] => blobs.map((b) => b.toString('hex').toUpperCase());

describe('readTableBlobs', () => {
  for (const pageSize of [512, 4096, 65536]) {
    it(`reads every blob of a table with ${String(pageSize)}-byte pages`, () => {
      // Sizes around the page size and the overflow thresholds, and rows enough for interior pages.
      const rows = pageSize === 65536 ? 150 : 600;
      const sql = `PRAGMA page_size=${String(pageSize)}; ${SCHEMA}
        CREATE TABLE Other (id INTEGER PRIMARY KEY, blob BLOB);
        INSERT INTO Other(blob) VALUES (x'00');
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${String(rows)})
        INSERT INTO Packages(blob) SELECT randomblob(CASE i % 6 WHEN 0 THEN 1 WHEN 1 THEN ${String(pageSize - 36)}
          WHEN 2 THEN ${String(pageSize - 35)} WHEN 3 THEN ${String(pageSize * 5 + 7)} WHEN 4 THEN 300 ELSE ${String(pageSize * 2)} END) FROM n;
        DELETE FROM Packages WHERE hnum % 50 = 0;`;
      const { file, blobs } = database(`pages-${String(pageSize)}.sqlite`, sql, 'SELECT hex(blob) FROM Packages ORDER BY hnum');
      expect(blobs).toHaveLength(rows - rows / 50);
      expect(hex(readTableBlobs(file, 'Packages'))).toEqual(blobs);
      expect(hex(readTableBlobs(file, 'Other'))).toEqual(['00']);
      const pages = run('sqlite3', [join(root, `pages-${String(pageSize)}.sqlite`), "SELECT DISTINCT pagetype FROM dbstat WHERE name = 'Packages' ORDER BY 1"]);
      expect(pages.trim().split('\n')).toEqual(['internal', 'leaf', 'overflow']);
    });
  }

  it('reads any range of a blob in place, across overflow pages', () => {
    const sql = `PRAGMA page_size=512; ${SCHEMA} INSERT INTO Packages(blob) VALUES (randomblob(5000)), (randomblob(100)), (randomblob(1537));`;
    const { file } = database('ranges.sqlite', sql, 'SELECT 1');
    const whole = readTableBlobs(file, 'Packages');
    const lazy = tableBlobs(file, 'Packages');
    expect(lazy.map((b) => b.length)).toEqual([5000, 100, 1537]);
    lazy.forEach((blob, i) => {
      const expected = whole[i] ?? Buffer.alloc(0);
      // Ranges inside a page, across one or many page boundaries, at both ends, and past the end (clamped).
      for (const [start, end] of [[0, 8], [8, 700], [450, 520], [1000, 4999], [4990, 5000], [5, 5], [90, 6000], [7000, 8000]] as const) {
        expect(blob.subarray(start, end).equals(expected.subarray(start, end))).toBe(true);
      }
    });
  });

  it('finds a table when the schema itself spans several pages', () => {
    const tables = Array.from({ length: 40 }, (_, i) => `CREATE TABLE t${String(i)} (id INTEGER PRIMARY KEY, blob BLOB, note TEXT DEFAULT '${'x'.repeat(100)}');`);
    const sql = `PRAGMA page_size=512; ${tables.join('\n')} ${SCHEMA} INSERT INTO Packages(blob) VALUES (x'CAFE'), (x'F00D');`;
    const { file, blobs } = database('schema.sqlite', sql, 'SELECT hex(blob) FROM Packages ORDER BY hnum');
    expect(hex(readTableBlobs(file, 'Packages'))).toEqual(blobs);
  });

  it('rejects corruption in one line, rather than hanging or reading another page', () => {
    const sql = `PRAGMA page_size=512; ${SCHEMA} INSERT INTO Packages(blob) VALUES (randomblob(100)), (randomblob(5000));`;
    const { file } = database('corrupt.sqlite', sql, 'SELECT 1');
    const path = join(root, 'corrupt.sqlite');
    // The leaf that holds the first row: dbstat's paths sort in b-tree order.
    const leafPage = Number(run('sqlite3', [path, "SELECT pageno FROM dbstat WHERE name = 'Packages' AND pagetype = 'leaf' ORDER BY path LIMIT 1"]));
    const leaf = (leafPage - 1) * 512;
    const firstCell = leaf + file.readUInt16BE(leaf + 8);
    const corrupt = (change: (copy: Buffer) => void): Buffer => {
      const copy = Buffer.from(file);
      change(copy);
      return copy;
    };
    // The first row's record header (after its one-byte size and rowid) claims more bytes than the record has.
    const header = corrupt((copy) => copy.writeUInt8(0x7f, firstCell + 2));
    expect(() => readTableBlobs(header, 'Packages')).toThrow(/^corrupt SQLite database: [^\n]+$/);
    const pointer = corrupt((copy) => copy.writeUInt16BE(0xfff0, leaf + 8));
    expect(() => readTableBlobs(pointer, 'Packages')).toThrow(/^corrupt SQLite database: page \d+ points outside itself$/);
    // Every overflow page of the large row linked to itself.
    const overflow = run('sqlite3', [path, "SELECT pageno FROM dbstat WHERE name = 'Packages' AND pagetype = 'overflow'"]).trim().split('\n').map(Number);
    expect(overflow.length).toBeGreaterThan(5);
    const loop = corrupt((copy) => {
      for (const page of overflow) copy.writeUInt32BE(page, (page - 1) * 512);
    });
    expect(() => readTableBlobs(loop, 'Packages')).toThrow(/^corrupt SQLite database: overflow page \d+ is linked twice$/);
    expect(hex(readTableBlobs(file, 'Packages')).map((h) => h.length / 2)).toEqual([100, 5000]);
  });

  it('rejects a file that is not an SQLite database, and a missing table, with a one-line message', () => {
    expect(() => readTableBlobs(Buffer.from('%PDF-1.7\n'.repeat(20)), 'Packages')).toThrow(/^not an SQLite 3 database: [^\n]+$/);
    const { file } = database('empty.sqlite', 'CREATE TABLE Other (id INTEGER PRIMARY KEY);', 'SELECT 1');
    expect(() => readTableBlobs(file, 'Packages')).toThrow(/^the SQLite database has no table Packages$/);
  });
});
