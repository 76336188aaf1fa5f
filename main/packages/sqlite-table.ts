// A minimal read-only SQLite 3 reader: enough to walk one table's b-tree and return its rows' values. It exists so
// that reading rpm's rpmdb.sqlite needs neither the rpm binary nor a native module.
// Format: https://www.sqlite.org/fileformat2.html

const MAGIC = 'SQLite format 3\0';
const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;

type Value = null | number | bigint | string | Buffer;

function varint(buffer: Buffer, offset: number): [value: number, length: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buffer[offset + i] ?? 0;
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, i + 1];
  }
  return [value * 256 + (buffer[offset + 8] ?? 0), 9];
}

class Database {
  readonly pageSize: number;
  readonly usable: number;

  constructor(readonly file: Buffer) {
    if (file.length < 100 || file.toString('latin1', 0, 16) !== MAGIC) throw new Error('not an SQLite 3 database');
    const size = file.readUInt16BE(16);
    this.pageSize = size === 1 ? 65536 : size;
    this.usable = this.pageSize - (file[20] ?? 0);
  }

  private pageOffset(page: number): number {
    const offset = (page - 1) * this.pageSize;
    if (page < 1 || offset >= this.file.length) throw new Error(`SQLite page ${String(page)} is outside the file`);
    return offset;
  }

  /** Calls visit with the payload of every row of the table b-tree rooted at `root`, in rowid order. */
  walk(root: number, visit: (payload: Buffer) => void): void {
    const stack = [root];
    const seen = new Set<number>();
    while (stack.length > 0) {
      const page = stack.pop() ?? 0;
      if (seen.has(page)) throw new Error('SQLite b-tree has a cycle');
      seen.add(page);
      const base = this.pageOffset(page);
      const header = page === 1 ? base + 100 : base;
      const type = this.file[header];
      const cells = this.file.readUInt16BE(header + 3);
      if (type === INTERIOR_TABLE) {
        const children: number[] = [];
        for (let i = 0; i < cells; i++) children.push(this.file.readUInt32BE(base + this.file.readUInt16BE(header + 12 + 2 * i)));
        children.push(this.file.readUInt32BE(header + 8));
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] ?? 0);
      } else if (type === LEAF_TABLE) {
        for (let i = 0; i < cells; i++) visit(this.leafPayload(base + this.file.readUInt16BE(header + 8 + 2 * i)));
      } else throw new Error(`unexpected SQLite page type ${String(type)} in a table`);
    }
  }

  private leafPayload(cell: number): Buffer {
    const [size, sizeLength] = varint(this.file, cell);
    const [, rowidLength] = varint(this.file, cell + sizeLength);
    const start = cell + sizeLength + rowidLength;
    const maxLocal = this.usable - 35;
    if (size <= maxLocal) return this.file.subarray(start, start + size);
    const minLocal = Math.floor(((this.usable - 12) * 32) / 255) - 23;
    const k = minLocal + ((size - minLocal) % (this.usable - 4));
    const local = k <= maxLocal ? k : minLocal;
    const payload = Buffer.allocUnsafe(size);
    this.file.copy(payload, 0, start, start + local);
    let written = local;
    let next = this.file.readUInt32BE(start + local);
    while (written < size) {
      if (next === 0) throw new Error('SQLite overflow chain ends early');
      const offset = this.pageOffset(next);
      const take = Math.min(this.usable - 4, size - written);
      this.file.copy(payload, written, offset + 4, offset + 4 + take);
      written += take;
      next = this.file.readUInt32BE(offset);
    }
    return payload;
  }
}

/** Decodes one record; only the columns up to `lastColumn` are decoded. */
function decodeRecord(payload: Buffer, lastColumn: number): Value[] {
  const [headerSize, first] = varint(payload, 0);
  const values: Value[] = [];
  let typeOffset = first;
  let dataOffset = headerSize;
  while (typeOffset < headerSize && values.length <= lastColumn) {
    const [serial, length] = varint(payload, typeOffset);
    typeOffset += length;
    if (serial >= 12) {
      const size = Math.floor((serial - 12) / 2);
      const bytes = payload.subarray(dataOffset, dataOffset + size);
      values.push(serial % 2 === 0 ? bytes : bytes.toString('utf8'));
      dataOffset += size;
      continue;
    }
    const sizes = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0];
    const size = sizes[serial] ?? 0;
    if (serial === 0) values.push(null);
    else if (serial === 8 || serial === 9) values.push(serial - 8);
    else if (serial === 7) values.push(payload.readDoubleBE(dataOffset));
    else if (serial === 6) values.push(payload.readBigInt64BE(dataOffset));
    else values.push(payload.readIntBE(dataOffset, size));
    dataOffset += size;
  }
  return values;
}

function tableRoot(database: Database, table: string): number {
  let root = 0;
  database.walk(1, (payload) => {
    const [type, name, , rootPage] = decodeRecord(payload, 3);
    if (type === 'table' && name === table && typeof rootPage === 'number') root = rootPage;
  });
  if (!root) throw new Error(`the database has no table ${table}`);
  return root;
}

/** The values of one column of every row of a table, in rowid order. */
export function readColumn(file: Buffer, table: string, column: number): Value[] {
  const database = new Database(file);
  const values: Value[] = [];
  database.walk(tableRoot(database, table), (payload) => {
    values.push(decodeRecord(payload, column)[column] ?? null);
  });
  return values;
}
