// Every blob of a table as the SQLite reader finds them: in place, and copied into one Buffer each.
import { SqliteTables, type Bytes } from '../../main/packages/sqlite-table';

export function tableBlobs(file: Buffer, table: string): Bytes[] {
  const blobs: Bytes[] = [];
  new SqliteTables(file).forEachBlob(table, (blob) => blobs.push(blob));
  return blobs;
}

export function readTableBlobs(file: Buffer, table: string): Buffer[] {
  return tableBlobs(file, table).map((blob) => blob.subarray(0, blob.length));
}
