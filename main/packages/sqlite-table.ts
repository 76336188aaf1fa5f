// A minimal read-only SQLite 3 reader: enough to walk one table's b-tree and return the blob of each row. It exists
// so that reading rpm's rpmdb.sqlite needs neither the rpm binary nor a native module.
// Format: https://www.sqlite.org/fileformat2.html
// A -wal file next to the database is not read: rpm checkpoints it when it closes the database, and the trees
// Canopy reads are composed offline, so the main file holds every committed row.

const MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;
const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;
/** Bytes of the fixed-size values of serial types 0 to 9 (8 and 9 are the constants 0 and 1). */
const SERIAL_SIZES = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0];

/** The byte length of the varint read last: a variable rather than a returned pair, as a walk reads a few varints
 * for each of thousands of rows, mostly before the JIT has compiled it, and allocating the pairs showed in its time. */
let varintLength = 0;

/** The varint at `offset` (exact up to 2^53, more than any size or page number here); its length is varintLength. */
function varint(buffer: Buffer, offset: number): number {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = buffer[offset + i];
    if (byte === undefined) throw new Error('corrupt SQLite database: a record runs past its end');
    varintLength = i + 1;
    if (i === 8) return value * 256 + byte;
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return value;
  }
  throw new Error('unreachable');
}

/** The byte length of a value of a record's serial type. */
function serialSize(serial: number): number {
  return serial >= 12 ? Math.floor((serial - 12) / 2) : (SERIAL_SIZES[serial] ?? 0);
}

/** Bytes read in place: a Buffer is one, and so is a value spread over a chain of overflow pages. */
export interface Bytes {
  readonly length: number;
  /** The bytes from start to end (clamped to the length), copied only when they span several pages. */
  subarray(start: number, end: number): Buffer;
}

/**
 * Bytes within one page, as offsets into the file: a walk meets every row of a table, and a Buffer view of each (a
 * typed array construction) cost more than reading the rows. A view is made only when asked for.
 */
class InPage implements Bytes {
  constructor(
    readonly file: Buffer,
    readonly start: number,
    readonly length: number,
  ) {}

  subarray(start: number, end: number): Buffer {
    return this.file.subarray(this.start + Math.min(start, this.length), this.start + Math.min(end, this.length));
  }
}

/** The bytes as one Buffer (a view, not a copy) when they lie in one piece, else undefined. */
export function contiguous(bytes: Bytes): Buffer | undefined {
  if (Buffer.isBuffer(bytes)) return bytes;
  return bytes instanceof InPage ? bytes.subarray(0, bytes.length) : undefined;
}

class Database {
  private readonly pageSize: number;
  /** Page size less the bytes reserved at the end of each page for extensions. */
  readonly usable: number;

  constructor(readonly file: Buffer) {
    if (file.length < HEADER_BYTES || file.toString('latin1', 0, 16) !== MAGIC) {
      throw new Error('not an SQLite 3 database: the file does not start with the SQLite header');
    }
    const size = file.readUInt16BE(16);
    this.pageSize = size === 1 ? 65536 : size;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0) {
      throw new Error(`not a valid SQLite 3 database: page size ${String(size)}`);
    }
    this.usable = this.pageSize - (file[20] ?? 0);
  }

  pageOffset(page: number): number {
    const offset = (page - 1) * this.pageSize;
    if (page < 1 || offset + this.pageSize > this.file.length) {
      throw new Error(`corrupt SQLite database: page ${String(page)} is outside the file`);
    }
    return offset;
  }

  /** Calls visit with the payload of every `wanted` row of the table b-tree rooted at `root`, in rowid order. */
  walk(root: number, visit: (payload: Bytes) => void, wanted: (rowid: number) => boolean = () => true): void {
    const file = this.file;
    const stack = [root];
    // A corrupt file could link pages in a loop; a page visited twice stops the walk instead of hanging it.
    const seen = new Set<number>();
    for (let page = stack.pop(); page !== undefined; page = stack.pop()) {
      if (seen.has(page)) throw new Error(`corrupt SQLite database: page ${String(page)} is linked twice`);
      seen.add(page);
      const base = this.pageOffset(page);
      const header = page === 1 ? base + HEADER_BYTES : base;
      const type = file[header];
      const cells = file.readUInt16BE(header + 3);
      const pointers = header + (type === INTERIOR_TABLE ? 12 : 8);
      // A cell pointer outside its page would read another page's bytes as this one's.
      const cell = (i: number, minimum: number): number => {
        const offset = file.readUInt16BE(pointers + 2 * i);
        if (offset < minimum || offset >= this.usable) throw new Error(`corrupt SQLite database: page ${String(page)} points outside itself`);
        return base + offset;
      };
      if (pointers + 2 * cells > base + this.usable) throw new Error(`corrupt SQLite database: page ${String(page)} holds too many cells`);
      if (type === INTERIOR_TABLE) {
        // Pushed right to left, so that the stack pops the children in key order.
        stack.push(file.readUInt32BE(header + 8));
        for (let i = cells - 1; i >= 0; i--) stack.push(file.readUInt32BE(cell(i, pointers + 2 * cells - base)));
      } else if (type === LEAF_TABLE) {
        for (let i = 0; i < cells; i++) {
          const at = cell(i, pointers + 2 * cells - base);
          const size = varint(file, at);
          const rowidAt = at + varintLength;
          const rowid = varint(file, rowidAt);
          const payloadAt = rowidAt + varintLength;
          if (wanted(rowid)) visit(this.leafPayload(size, payloadAt, base + this.usable));
        }
      } else {
        throw new Error(`corrupt SQLite database: page ${String(page)} of a table b-tree has type ${String(type)}`);
      }
    }
  }

  /** A leaf cell's record of `size` bytes from `start`: in the page when it fits, else its local part and a chain
   * of overflow pages. */
  private leafPayload(size: number, start: number, pageEnd: number): Bytes {
    if (size > this.file.length) throw new Error('corrupt SQLite database: a record is larger than the file');
    const maxLocal = this.usable - 35;
    if (size <= maxLocal) {
      if (start + size > pageEnd) throw new Error('corrupt SQLite database: a record runs past its page');
      return new InPage(this.file, start, size);
    }
    const minLocal = Math.floor(((this.usable - 12) * 32) / 255) - 23;
    const k = minLocal + ((size - minLocal) % (this.usable - 4));
    const local = k <= maxLocal ? k : minLocal;
    return new OverflowPayload(this, size, start, local, this.file.readUInt32BE(start + local));
  }
}

/**
 * A payload larger than its page. rpm headers run to hundreds of kilobytes, and most reads want a few fields of
 * each: pieces are found by following the chain only as far as a read goes, and are copied only when a read
 * spans two of them.
 */
class OverflowPayload implements Bytes {
  /** The file offset of each piece found so far: the local part, then the content of each overflow page. */
  private readonly pieces: number[];
  /** Payload bytes in the pieces found so far. */
  private found: number;
  private nextPage: number;
  private readonly visited = new Set<number>();

  constructor(
    private readonly database: Database,
    readonly length: number,
    localStart: number,
    private readonly local: number,
    firstPage: number,
  ) {
    this.pieces = [localStart];
    this.found = local;
    this.nextPage = firstPage;
  }

  private follow(): void {
    if (this.nextPage === 0) throw new Error('corrupt SQLite database: an overflow chain ends early');
    if (this.visited.has(this.nextPage)) throw new Error(`corrupt SQLite database: overflow page ${String(this.nextPage)} is linked twice`);
    this.visited.add(this.nextPage);
    const offset = this.database.pageOffset(this.nextPage);
    this.pieces.push(offset + 4);
    this.found += Math.min(this.database.usable - 4, this.length - this.found);
    this.nextPage = this.database.file.readUInt32BE(offset);
  }

  /** The piece holding the payload byte at `at`: all overflow pages hold usable - 4 bytes, but the last. */
  private piece(at: number): { index: number; start: number; end: number } {
    const index = at < this.local ? 0 : 1 + Math.floor((at - this.local) / (this.database.usable - 4));
    const start = index === 0 ? 0 : this.local + (index - 1) * (this.database.usable - 4);
    const end = index === 0 ? this.local : Math.min(start + this.database.usable - 4, this.length);
    return { index, start, end };
  }

  subarray(start: number, end: number): Buffer {
    const to = Math.min(end, this.length);
    const from = Math.min(start, to);
    while (this.found < to) this.follow();
    const file = this.database.file;
    const first = this.piece(from);
    const fileOffset = (index: number): number => this.pieces[index] ?? 0;
    if (to <= first.end) return file.subarray(fileOffset(first.index) + from - first.start, fileOffset(first.index) + to - first.start);
    const result = Buffer.allocUnsafe(to - from);
    for (let at = from; at < to; ) {
      const piece = this.piece(at);
      const take = Math.min(piece.end, to) - at;
      file.copy(result, at - from, fileOffset(piece.index) + at - piece.start, fileOffset(piece.index) + at - piece.start + take);
      at += take;
    }
    return result;
  }
}

/** Where a record's first `size` bytes can be read: in the file itself for a record in one page, else a copy. */
function recordBytes(payload: Bytes, size: number): { buffer: Buffer; base: number } {
  return payload instanceof InPage ? { buffer: payload.file, base: payload.start } : { buffer: payload.subarray(0, size), base: 0 };
}

/** The first `count` values of a record; text as strings, integers as numbers, other types as null. */
function recordValues(payload: Bytes, count: number): (string | number | null)[] {
  const { buffer, base } = recordBytes(payload, payload.length);
  const headerSize = varint(buffer, base);
  const first = varintLength;
  if (headerSize < first || headerSize > payload.length) throw new Error('corrupt SQLite database: a record header is larger than its record');
  const values: (string | number | null)[] = [];
  let typeOffset = base + first;
  let dataOffset = base + headerSize;
  while (typeOffset < base + headerSize && values.length < count) {
    const serial = varint(buffer, typeOffset);
    typeOffset += varintLength;
    const size = serialSize(serial);
    if (dataOffset + size > base + payload.length) throw new Error('corrupt SQLite database: a value runs past its record');
    if (serial >= 13 && serial % 2 === 1) values.push(buffer.toString('utf8', dataOffset, dataOffset + size));
    else if (serial >= 1 && serial <= 5) values.push(buffer.readIntBE(dataOffset, size));
    else if (serial === 8 || serial === 9) values.push(serial - 8);
    else values.push(null);
    dataOffset += size;
  }
  return values;
}

/** The first blob of a record, read in place, or undefined when it has none. */
function firstBlob(payload: Bytes): Bytes | undefined {
  const head = recordBytes(payload, 9);
  const headerSize = varint(head.buffer, head.base);
  const first = varintLength;
  if (headerSize < first || headerSize > payload.length) throw new Error('corrupt SQLite database: a record header is larger than its record');
  const { buffer, base } = payload instanceof InPage ? head : recordBytes(payload, headerSize);
  let typeOffset = base + first;
  let dataOffset = headerSize;
  while (typeOffset < base + headerSize) {
    const serial = varint(buffer, typeOffset);
    typeOffset += varintLength;
    const size = serialSize(serial);
    if (serial >= 12 && serial % 2 === 0) {
      if (payload instanceof InPage) return new InPage(payload.file, payload.start + dataOffset, Math.max(0, Math.min(size, payload.length - dataOffset)));
      const offset = dataOffset;
      return { length: size, subarray: (from, to) => payload.subarray(offset + Math.min(from, size), offset + Math.min(to, size)) };
    }
    dataOffset += size;
  }
  return undefined;
}

/** One database's tables by name, from its schema (the table b-tree rooted at page 1). */
export class SqliteTables {
  private readonly database: Database;
  private readonly roots = new Map<string, number>();

  constructor(file: Buffer) {
    this.database = new Database(file);
    // sqlite_schema rows are (type, name, tbl_name, rootpage, sql).
    this.database.walk(1, (payload) => {
      const [type, name, , rootPage] = recordValues(payload, 4);
      if (type === 'table' && typeof name === 'string' && typeof rootPage === 'number') this.roots.set(name, rootPage);
    });
  }

  has(table: string): boolean {
    return this.roots.has(table);
  }

  private root(table: string): number {
    const root = this.roots.get(table);
    if (root === undefined) throw new Error(`the SQLite database has no table ${table}`);
    return root;
  }

  /** Calls visit with the blob of every row whose rowid is `wanted` (all by default), in rowid order, read in
   * place; rows without a blob are skipped. */
  forEachBlob(table: string, visit: (blob: Bytes) => void, wanted?: (rowid: number) => boolean): void {
    const blobOf = (payload: Bytes): void => {
      const blob = firstBlob(payload);
      if (blob) visit(blob);
    };
    this.database.walk(this.root(table), blobOf, wanted);
  }

  /** Calls visit with the first `columns` values of every row, in rowid order: text as strings, integers as
   * numbers, else null. */
  forEachRow(table: string, columns: number, visit: (values: (string | number | null)[]) => void): void {
    this.database.walk(this.root(table), (payload) => {
      visit(recordValues(payload, columns));
    });
  }
}
