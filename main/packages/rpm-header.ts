// RPM headers as rpmdb stores them: an index of (tag, type, offset, count) entries over a data store, without the
// lead and the header magic. Only the tags Canopy shows are read, and changelogs only when asked for.
import type { ChangelogEntry, Package } from './package-model';
import { rpmEvr } from './package-model';

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
const ENTRY_BYTES = 16;

interface Entry {
  type: number;
  offset: number;
  count: number;
}

export function parseRpmHeader(blob: Buffer, withChangelog: boolean): Package {
  if (blob.length < 8) throw new Error('rpm header too short');
  const indexCount = blob.readUInt32BE(0);
  const dataLength = blob.readUInt32BE(4);
  const data = 8 + indexCount * ENTRY_BYTES;
  if (indexCount > 100_000 || data + dataLength > blob.length) throw new Error('malformed rpm header');
  const entries = new Map<number, Entry>();
  for (let i = 0; i < indexCount; i++) {
    const at = 8 + i * ENTRY_BYTES;
    entries.set(blob.readUInt32BE(at), { type: blob.readUInt32BE(at + 4), offset: blob.readUInt32BE(at + 8), count: blob.readUInt32BE(at + 12) });
  }
  const strings = (tag: number): string[] => {
    const entry = entries.get(tag);
    if (!entry) return [];
    const result: string[] = [];
    let start = data + entry.offset;
    for (let i = 0; i < entry.count; i++) {
      const end = blob.indexOf(0, start);
      if (end < 0) throw new Error('unterminated string in rpm header');
      result.push(blob.toString('utf8', start, end));
      start = end + 1;
    }
    return result;
  };
  const numbers = (tag: number, limit = Infinity): number[] => {
    const entry = entries.get(tag);
    if (!entry) return [];
    const result: number[] = [];
    for (let i = 0; i < Math.min(entry.count, limit); i++) {
      const at = data + entry.offset + i * (entry.type === 5 ? 8 : 4);
      result.push(entry.type === 5 ? Number(blob.readBigUInt64BE(at)) : blob.readUInt32BE(at));
    }
    return result;
  };
  const name = strings(TAG.name)[0] ?? '';
  const version = strings(TAG.version)[0] ?? '';
  const release = strings(TAG.release)[0] ?? '';
  const epochNumber = numbers(TAG.epoch)[0];
  const epoch = epochNumber === undefined ? undefined : String(epochNumber);
  const sourceRpm = strings(TAG.sourceRpm)[0];
  const pkg: Package = {
    name,
    arch: strings(TAG.arch)[0] ?? 'noarch',
    evr: rpmEvr(epoch, version, release),
    version,
    release,
    summary: strings(TAG.summary)[0] ?? '',
    size: numbers(TAG.longSize)[0] ?? numbers(TAG.size)[0] ?? 0,
    ...(epoch === undefined ? {} : { epoch }),
    // The source package's name is the source rpm's file name without -version-release.src.rpm.
    ...(sourceRpm ? { source: sourceRpm.replace(/-[^-]+-[^-]+\.src\.rpm$/, '') } : {}),
  };
  const newest = numbers(TAG.changelogTime, 1)[0];
  if (newest !== undefined) pkg.changelogTime = newest;
  if (withChangelog) {
    const times = numbers(TAG.changelogTime);
    const authors = strings(TAG.changelogName);
    const texts = strings(TAG.changelogText);
    pkg.changelog = times.map((time, i): ChangelogEntry => ({ time, author: authors[i] ?? '', text: texts[i] ?? '' }));
  }
  return pkg;
}
