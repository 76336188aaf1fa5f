// The one frame every change runs in: libostree's sysroot lock (a second change is refused as busy), a reload under
// the lock, and a journal entry for every change attempted, whatever its outcome.
import GLib from 'gi://GLib';
import type OSTree from 'gi://OSTree';
import System from 'system';
import { describeDeployments } from './deployments';
import { EngineError, messageOf } from './engine-error';
import { appendHistory } from './history';
import type { ChangeMethod, ChangeResult } from './protocol';
import type { RequestContext } from './request-context';
import { openSysroot } from './targets';

/** After a cancel, how long a stalled fetch may take to notice before the engine gives up on it (ostree#2383). */
const CANCEL_GRACE_MS = 2000;

export interface ChangeRecord {
  from: string | null;
  to: string | null;
  refspec: string | null;
  detail: string | null;
  /** Set once the change fetches or writes anything; before that, a failure is a refusal and not journaled. */
  attempted: boolean;
  /** Set once libostree starts writing deployments; from then on the change is finished rather than abandoned. */
  writing: boolean;
}

export interface ChangeOutcome {
  changed: boolean;
  message: string;
}

export async function runChange(
  action: ChangeMethod,
  path: string,
  context: RequestContext,
  body: (sysroot: OSTree.Sysroot, record: ChangeRecord) => ChangeOutcome | Promise<ChangeOutcome>,
): Promise<ChangeResult> {
  const sysroot = openSysroot(path);
  const [, acquired] = sysroot.try_lock();
  if (!acquired) throw new EngineError('busy', 'another change to this system is in progress; try again when it ends');
  const record: ChangeRecord = { from: null, to: null, refspec: null, detail: null, attempted: false, writing: false };
  const journal = (result: 'ok' | 'failed' | 'cancelled', error: string | null): void => {
    appendHistory(sysroot, {
      time: Math.floor(Date.now() / 1000),
      user: context.caller.user,
      uid: context.caller.uid,
      action,
      from: record.from,
      to: record.to,
      refspec: record.refspec,
      detail: record.detail,
      result,
      error,
    });
  };
  const cancelHandler = context.cancellable.connect(() => {
    GLib.timeout_add(GLib.PRIORITY_DEFAULT, CANCEL_GRACE_MS, () => {
      if (!record.writing) {
        journal('cancelled', 'cancelled before anything was written');
        sysroot.unlock();
        System.exit(130);
      }
      return GLib.SOURCE_REMOVE;
    });
  });
  try {
    sysroot.load(null);
    const outcome = await body(sysroot, record);
    if (outcome.changed) journal('ok', null);
    sysroot.load(null);
    return { action, ...outcome, from: record.from, to: record.to, deployments: describeDeployments(sysroot) };
  } catch (error) {
    const cancelled = error instanceof EngineError && error.code === 'cancelled';
    // A request refused before anything was fetched or written (a typo'd remote, an index out of range) is not
    // part of the timeline.
    if (cancelled || record.attempted || record.writing) journal(cancelled ? 'cancelled' : 'failed', messageOf(error));
    throw error;
  } finally {
    context.cancellable.disconnect(cancelHandler);
    sysroot.unlock();
  }
}
