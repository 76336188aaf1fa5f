// Remotes and their refs. Refs come from the remote's summary, fetched when missing or old and cached per URL in
// the user's cache, so browsing branches works offline with the last known answer (marked stale).
import GLib from 'gi://GLib';
import OSTree from 'gi://OSTree';
import { EngineError, messageOf } from './engine-error';
import { modifiedTime, readFile, removeFile, writeFileAtomically } from './files';
import type { RefsResult, Remote, RemoteRef } from './protocol';

const SUMMARY_MAX_AGE_SECONDS = 300;

export function listRemotes(repo: OSTree.Repo): Remote[] {
  return repo
    .remote_list()
    .sort()
    .map((name) => ({
      name,
      url: repo.remote_get_url(name)[1],
      gpgVerify: repo.remote_get_gpg_verify(name)[1],
      gpgVerifySummary: repo.remote_get_gpg_verify_summary(name)[1],
    }));
}

export function requireRemote(repo: OSTree.Repo, remote: string): void {
  if (!repo.remote_list().includes(remote)) throw new EngineError('not-found', `unknown remote ${remote}`);
}

/** Summary metadata stores the commit time as a big-endian uint64; read its bytes, not a rounded JS number. */
function bigEndianSeconds(value: GLib.Variant): number {
  const bytes = value.get_data_as_bytes().toArray();
  return Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, false));
}

export function parseSummary(remote: string, bytes: GLib.Bytes): RemoteRef[] {
  const summary = GLib.Variant.new_from_bytes(new GLib.VariantType('(a(s(taya{sv}))a{sv})'), bytes, false);
  const entries = summary.get_child_value(0);
  const refs: RemoteRef[] = [];
  for (let i = 0; i < entries.n_children(); i++) {
    const entry = entries.get_child_value(i);
    const data = entry.get_child_value(1);
    const metadata = data.get_child_value(2);
    const time = metadata.lookup_value('ostree.commit.timestamp', null);
    const version = metadata.lookup_value('ostree.commit.version', null);
    refs.push({
      remote,
      ref: entry.get_child_value(0).deep_unpack<string>(),
      checksum: OSTree.checksum_from_bytes_v(data.get_child_value(1)),
      timestamp: time ? bigEndianSeconds(time) : null,
      version: version ? version.deep_unpack<string>() : null,
    });
  }
  return refs.sort((a, b) => a.ref.localeCompare(b.ref));
}

export function remoteRefs(repo: OSTree.Repo, remote: string, cacheDir: string, refresh: boolean): RefsResult {
  requireRemote(repo, remote);
  const [, url] = repo.remote_get_url(remote);
  const key = GLib.compute_checksum_for_string(GLib.ChecksumType.SHA256, `${remote}\n${url}`, -1);
  const cachePath = `${cacheDir}/summaries/${key}`;
  const cachedAt = modifiedTime(cachePath);
  const now = Math.floor(Date.now() / 1000);
  let stale = false;
  let signed = readFile(`${cachePath}.sig`) !== null;
  if (refresh || cachedAt === null || now - cachedAt > SUMMARY_MAX_AGE_SECONDS) {
    try {
      const [, summary, signature] = repo.remote_fetch_summary(remote, null);
      if (!summary || summary.get_size() === 0) throw new Error('the remote has no summary');
      writeFileAtomically(cachePath, summary.toArray());
      signed = signature !== null && signature.get_size() > 0;
      // The signature of the summary this one replaces must not go on vouching for it.
      if (signature && signed) writeFileAtomically(`${cachePath}.sig`, signature.toArray());
      else removeFile(`${cachePath}.sig`);
    } catch (error) {
      if (cachedAt === null) {
        throw new EngineError('fetch-failed', `cannot fetch the summary of remote ${remote}: ${messageOf(error)}`);
      }
      stale = true;
    }
  }
  const bytes = readFile(cachePath);
  if (!bytes) throw new EngineError('fetch-failed', `no summary of remote ${remote} is available`);
  return {
    remote,
    refs: parseSummary(remote, GLib.Bytes.new(bytes)),
    fetchedAt: modifiedTime(cachePath) ?? now,
    stale,
    summarySigned: signed,
  };
}
