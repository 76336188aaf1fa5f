// Pulling from a remote with progress reports and cancellation.
import GLib from 'gi://GLib';
import OSTree from 'gi://OSTree';
import { EngineError, messageOf } from './engine-error';
import type { RequestContext } from './request-context';

const COMMIT_ONLY = 4; // OSTREE_REPO_PULL_FLAGS_COMMIT_ONLY
const PROGRESS_INTERVAL_US = 100_000;

export interface PullRequest {
  remote: string;
  ref: string;
  /** Pull this commit of the ref instead of its tip. */
  commit?: string;
  commitOnly?: boolean;
  /** How many parents to pull as well; -1 for the whole history. */
  depth?: number;
}

export function pull(repo: OSTree.Repo, request: PullRequest, context: RequestContext): void {
  const options: Record<string, GLib.Variant> = {
    refs: new GLib.Variant('as', [request.ref]),
    flags: new GLib.Variant('i', request.commitOnly ? COMMIT_ONLY : 0),
    depth: new GLib.Variant('i', request.depth ?? 0),
  };
  if (request.commit) options['override-commit-ids'] = new GLib.Variant('as', [request.commit]);
  const progress = new OSTree.AsyncProgress();
  const started = GLib.get_real_time();
  let lastReport = 0;
  progress.connect('changed', () => {
    const now = GLib.get_real_time();
    if (now - lastReport < PROGRESS_INTERVAL_US) return;
    lastReport = now;
    const bytes = progress.get_uint64('bytes-transferred');
    const requested = progress.get_uint('requested');
    const deltaSize = progress.get_uint64('total-delta-part-size');
    context.progress({
      phase: requested > 0 ? 'fetching' : 'connecting',
      fetched: progress.get_uint('fetched'),
      requested,
      bytes,
      totalBytes: deltaSize > 0 ? deltaSize : null,
      rate: Math.round(bytes / Math.max((now - started) / 1e6, 0.001)),
      message: progress.get_status() ?? '',
    });
  });
  try {
    repo.pull_with_options(request.remote, new GLib.Variant('a{sv}', options), progress, context.cancellable);
  } catch (error) {
    if (context.cancellable.is_cancelled()) throw new EngineError('cancelled', 'cancelled; nothing was changed');
    throw new EngineError('fetch-failed', `cannot fetch ${request.remote}:${request.ref}: ${messageOf(error)}`);
  } finally {
    progress.finish();
  }
}

export function splitRefspec(refspec: string): { remote: string; ref: string } {
  const colon = refspec.indexOf(':');
  if (colon < 0) throw new EngineError('invalid-argument', `${refspec} names no remote (REMOTE:REF)`);
  return { remote: refspec.slice(0, colon), ref: refspec.slice(colon + 1) };
}
