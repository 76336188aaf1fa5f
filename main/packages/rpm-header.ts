// RPM headers as rpmdb stores them: an index of (tag, type, offset, count) entries over a data store, without the
// lead and the header magic. Only the tags Canopy shows are decoded, and the changelog only when asked for: a
// package's changelog can hold hundreds of entries, and most reads need only names and versions.
// Format: https://rpm-software-management.github.io/rpm/manual/format_header.html
import type { ChangelogEntry } from './package-model';
import { contiguous, type Bytes } from './sqlite-table';

const TAG = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  summary: 1004,
  size: 1009,
  arch: 1022,
  sourceRpm: 1044,
  changelogTime: 1080,
  changelogName: 1081,
  changelogText: 1082,
  longSize: 5009,
} as const;

const TYPE = { int32: 4, int64: 5, string: 6, stringArray: 8, i18nString: 9 } as const;
const STRING_TYPES = [TYPE.string, TYPE.stringArray, TYPE.i18nString];
const NUMBER_TYPES = [TYPE.int32, TYPE.int64];
const ENTRY_BYTES = 16;
/** rpm's own limits (hdrchkTags, hdrchkData): anything larger is not a header. */
const MAX_ENTRIES = 0x10000;
const MAX_DATA = 256 * 1024 * 1024;

/** What tells packages apart, and what an upgrade's changelog is counted from. */
export interface RpmIdentity {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  /** gpg-pubkey pseudo packages have none: ''. */
  arch: string;
  /** The time of the newest changelog entry, read even without the changelog. */
  changelogTime?: number;
}

export interface RpmPackage extends RpmIdentity {
  summary: string;
  size: number;
  /** The source rpm's file name, e.g. "bash-5.2.26-3.fc40.src.rpm". */
  sourcerpm?: string;
  /** Newest first, as rpm stores it; only when asked for. */
  changelog?: ChangelogEntry[];
}

/** The wanted tags, each with a slot in a header's table of (type, start, count). */
const WANTED: readonly number[] = Object.values(TAG);
const LAST_SMALL_TAG = TAG.changelogText;
/** Slots by tag - TAG.name, -1 for the tags in that range not wanted: an array, as this runs for every entry. */
const SMALL_SLOTS = Array.from({ length: LAST_SMALL_TAG - TAG.name + 1 }, (_, i) => WANTED.indexOf(TAG.name + i));
const LONG_SIZE_SLOT = WANTED.indexOf(TAG.longSize);

function slotOf(tag: number): number {
  if (tag >= TAG.name && tag <= LAST_SMALL_TAG) return SMALL_SLOTS[tag - TAG.name] ?? -1;
  return tag === TAG.longSize ? LONG_SIZE_SLOT : -1;
}

/** `count` NUL-terminated strings from `start`, or undefined when they do not all end before `end`. */
function nulTerminated(buffer: Buffer, start: number, end: number, count: number): string[] | undefined {
  // The ends are found first, so that a read too short to hold them all decodes nothing.
  const ends: number[] = [];
  for (let at = start; ends.length < count; ) {
    const nul = buffer.indexOf(0, at);
    if (nul < 0 || nul >= end) return undefined;
    ends.push(nul);
    at = nul + 1;
  }
  let at = start;
  return ends.map((nul) => {
    const text = buffer.toString('utf8', at, nul);
    at = nul + 1;
    return text;
  });
}

function unterminated(tag: number): never {
  throw new Error(`corrupt rpm header: an unterminated string in tag ${String(tag)}`);
}

class Header {
  /** type, absolute start and count of each wanted tag, by slot; a type of 0 is a missing tag. */
  private readonly entries: number[] = new Array<number>(WANTED.length * 3).fill(0);
  private readonly dataEnd: number;

  /** One Buffer when the header lies in one piece, read in place; else read piece by piece as asked. */
  private readonly blob: Bytes;

  constructor(bytes: Bytes) {
    const blob = contiguous(bytes) ?? bytes;
    this.blob = blob;
    if (blob.length < 8) throw new Error('not an rpm header: shorter than its 8-byte preamble');
    // A Buffer is read in place; a payload spread over pages is asked for its index part once.
    const head = Buffer.isBuffer(blob) ? blob : blob.subarray(0, 8);
    const indexCount = head.readUInt32BE(0);
    const dataLength = head.readUInt32BE(4);
    const data = 8 + indexCount * ENTRY_BYTES;
    if (indexCount > MAX_ENTRIES || dataLength > MAX_DATA || data + dataLength > blob.length) {
      throw new Error(`not an rpm header: ${String(indexCount)} entries and ${String(dataLength)} data bytes do not fit in ${String(blob.length)} bytes`);
    }
    this.dataEnd = data + dataLength;
    const index = Buffer.isBuffer(blob) ? blob : blob.subarray(0, data);
    for (let at = 8; at < data; at += ENTRY_BYTES) {
      // Only the wanted tags are kept: a header holds dozens of others (file lists, dependencies, scripts).
      const slot = slotOf(index.readUInt32BE(at));
      if (slot < 0) continue;
      const offset = index.readUInt32BE(at + 8);
      if (offset > dataLength) throw new Error(`corrupt rpm header: tag ${String(WANTED[slot])} points outside the data`);
      this.entries[slot * 3] = index.readUInt32BE(at + 4);
      this.entries[slot * 3 + 1] = data + offset;
      this.entries[slot * 3 + 2] = index.readUInt32BE(at + 12);
    }
  }

  /** The slot of a tag present with one of `types`, or -1. */
  private present(tag: number, types: readonly number[]): number {
    const slot = slotOf(tag) * 3;
    return types.includes(this.entries[slot] ?? 0) ? slot : -1;
  }

  strings(tag: number, limit = Infinity): string[] {
    const slot = this.present(tag, STRING_TYPES);
    if (slot < 0) return [];
    const start = this.entries[slot + 1] ?? 0;
    const count = Math.min(this.entries[slot + 2] ?? 0, limit);
    if (Buffer.isBuffer(this.blob)) return nulTerminated(this.blob, start, this.dataEnd, count) ?? unterminated(tag);
    // Where the strings end is known only by reading them: read a little, and more when that was not enough.
    for (let size = 256; ; size *= 4) {
      const end = Math.min(start + size, this.dataEnd);
      const strings = nulTerminated(this.blob.subarray(start, end), 0, end - start, count);
      if (strings) return strings;
      if (end === this.dataEnd) return unterminated(tag);
    }
  }

  /** The first string of a tag. Called several times for every package, so a Buffer is read without arrays. */
  string(tag: number): string | undefined {
    if (!Buffer.isBuffer(this.blob)) return this.strings(tag, 1)[0];
    const slot = this.present(tag, STRING_TYPES);
    if (slot < 0) return undefined;
    const start = this.entries[slot + 1] ?? 0;
    const nul = this.blob.indexOf(0, start);
    if (nul < 0 || nul >= this.dataEnd) return unterminated(tag);
    return this.blob.toString('utf8', start, nul);
  }

  numbers(tag: number, limit = Infinity): number[] {
    const slot = this.present(tag, NUMBER_TYPES);
    if (slot < 0) return [];
    const width = this.entries[slot] === TYPE.int64 ? 8 : 4;
    const start = this.entries[slot + 1] ?? 0;
    const count = Math.min(this.entries[slot + 2] ?? 0, limit);
    if (start + count * width > this.dataEnd) throw new Error(`corrupt rpm header: tag ${String(tag)} runs past the data`);
    const values = Buffer.isBuffer(this.blob) ? this.blob : this.blob.subarray(start, start + count * width);
    const base = values === this.blob ? start : 0;
    const result: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = base + i * width;
      result.push(width === 8 ? Number(values.readBigUInt64BE(at)) : values.readUInt32BE(at));
    }
    return result;
  }

  /** The first number of a tag. Called for every package, so a Buffer is read without arrays. */
  number(tag: number): number | undefined {
    if (!Buffer.isBuffer(this.blob)) return this.numbers(tag, 1)[0];
    const slot = this.present(tag, NUMBER_TYPES);
    if (slot < 0 || this.entries[slot + 2] === 0) return undefined;
    const start = this.entries[slot + 1] ?? 0;
    const int64 = this.entries[slot] === TYPE.int64;
    if (start + (int64 ? 8 : 4) > this.dataEnd) throw new Error(`corrupt rpm header: tag ${String(tag)} runs past the data`);
    return int64 ? Number(this.blob.readBigUInt64BE(start)) : this.blob.readUInt32BE(start);
  }
}

function identityOf(header: Header): RpmIdentity {
  const identity: RpmIdentity = {
    name: header.string(TAG.name) ?? '',
    version: header.string(TAG.version) ?? '',
    release: header.string(TAG.release) ?? '',
    arch: header.string(TAG.arch) ?? '',
  };
  const epoch = header.number(TAG.epoch);
  if (epoch !== undefined) identity.epoch = epoch;
  const newest = header.number(TAG.changelogTime);
  if (newest !== undefined) identity.changelogTime = newest;
  return identity;
}

/** Only what tells the package apart: what a diff reads of every package that changed, most of which it shows by
 * name and version alone. */
export function readRpmIdentity(blob: Bytes): RpmIdentity {
  return identityOf(new Header(blob));
}

/** Reads the changelog unless `changelog: false`: the one part that costs time on a large database. */
export function parseRpmHeader(blob: Bytes, options: { changelog?: boolean } = {}): RpmPackage {
  const header = new Header(blob);
  const pkg: RpmPackage = {
    ...identityOf(header),
    // The first of an i18n string's translations is the untranslated C locale text.
    summary: header.string(TAG.summary) ?? '',
    // Packages of 4 GiB and more carry LONGSIZE instead of SIZE.
    size: header.number(TAG.size) ?? header.number(TAG.longSize) ?? 0,
  };
  const sourcerpm = header.string(TAG.sourceRpm);
  if (sourcerpm !== undefined) pkg.sourcerpm = sourcerpm;
  if (options.changelog !== false) {
    const times = header.numbers(TAG.changelogTime);
    const authors = header.strings(TAG.changelogName);
    const texts = header.strings(TAG.changelogText);
    pkg.changelog = times.map((time, i): ChangelogEntry => ({ time, author: authors[i] ?? '', text: texts[i] ?? '' }));
  }
  return pkg;
}
