// Package databases as the engine points at them: a plain file, read into a buffer that is kept for the next read,
// or a deflate stream inside an archive repository's object, inflated on libuv's thread pool so that two databases
// inflate side by side. (The first touch of fresh memory costs a page fault per page, and for a database of
// megabytes that costs more than reading it: seen here, 22 ms of faults against 1 ms of copying for a 7 MB rpmdb.
// Parsers copy out what they keep, so the buffer can be reused.)
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import type { DatabaseFile } from '../../helper/protocol';
import { EngineError } from '../services/engine-error';

const inflateRawAsync = promisify(inflateRaw);
/** Far beyond any real package database; a size above it is a corrupt or hostile object, not one to inflate. */
const MAX_DATABASE_BYTES = 1024 * 1024 * 1024;
/** One reusable buffer per database read side by side. */
const buffers: Buffer[] = [];

/** Calls parse with the contents of each database, which are valid only until parse returns. */
export async function parseDatabaseFiles<F extends DatabaseFile[], T>(files: [...F], parse: (contents: { [K in keyof F]: Buffer }) => T): Promise<T> {
  const inflated = await Promise.all(files.map((file) => (file.deflated ? inflate(file.path, file.deflated) : Promise.resolve(undefined))));
  return parse(files.map((file, slot) => inflated[slot] ?? readPlainFile(file.path, slot)) as { [K in keyof F]: Buffer });
}

async function inflate(path: string, { offset, size }: { offset: number; size: number }): Promise<Buffer> {
  if (size > MAX_DATABASE_BYTES) throw new EngineError('no-package-database', `the package database in ${path} claims ${String(size)} bytes`);
  let contents: Buffer;
  try {
    const compressed = await readFile(path);
    // One chunk of the whole size: inflating into small chunks and joining them costs a copy and more faults.
    // The stream may not inflate past the size it claims.
    contents = await inflateRawAsync(compressed.subarray(offset), { chunkSize: Math.max(size, 64 * 1024), maxOutputLength: Math.max(size, 1) });
  } catch (error) {
    throw new EngineError('no-package-database', `cannot read the package database in ${path}: ${(error as Error).message}`);
  }
  if (contents.length !== size) {
    throw new EngineError('no-package-database', `the package database in ${path} is ${String(contents.length)} bytes, not ${String(size)}`);
  }
  return contents;
}

function readPlainFile(path: string, slot: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let buffer = buffers[slot] ?? Buffer.alloc(0);
    // With room to spare: the next commit's database is usually a little larger.
    if (buffer.length < size) buffer = buffers[slot] = Buffer.allocUnsafe(Math.ceil((size * 1.25) / 65536) * 65536);
    let length = 0;
    for (let read = 1; read > 0 && length < size; length += read) read = readSync(fd, buffer, length, size - length, length);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
