// Every branch the remotes offer, and for the selected one its history and the way to switch to it.
import { useStore } from 'zustand';
import type { Commit, RemoteRef } from '../../helper/protocol';
import { deploymentName, formatTime, shortChecksum } from '../format';
import { useStores } from '../stores/app-stores';
import { refspecOf } from '../stores/branches-store';
import { currentDeployment, currentRefspec } from '../stores/system-store';
import { BranchTree } from './branch-tree';
import { VarNote } from './var-note';
import { LoadNotice } from './load-notice';

export function BranchesView() {
  const stores = useStores();
  const remotes = useStore(stores.branches, (state) => state.remotes);
  const selected = useStore(stores.branches, (state) => state.selected);
  const tips = useStore(stores.branches, (state) => state.tips);
  const status = useStore(stores.system, (state) => state.status);
  const current = status.state === 'ready' ? currentRefspec(status.value.deployments) : null;
  const selectedRef =
    remotes.state === 'ready' && selected
      ? remotes.value.flatMap((remote) => remote.refs).find((ref) => refspecOf(ref) === selected)
      : undefined;

  return (
    <main className="view" aria-label="Branches">
      <div className="view-header">
        <h1>Branches</h1>
        <button type="button" disabled={remotes.state === 'loading'} onClick={() => void stores.branches.getState().load(true)}>
          Refresh
        </button>
      </div>
      <LoadNotice load={remotes} loading="Reading the remotes…" />
      {remotes.state === 'ready' && (
        <div className="split">
          <div className="pane">
            {remotes.value.length === 0 && <p className="muted">No remotes are configured.</p>}
            {remotes.value.map(
              (remote) =>
                (remote.error ?? remote.stale) && (
                  <p key={remote.remote} className={remote.error ? 'error' : 'notice'}>
                    {remote.error ? `${remote.remote}: ${remote.error}` : `${remote.remote} could not be reached: these refs may be out of date.`}
                  </p>
                ),
            )}
            <BranchTree
              remotes={remotes.value}
              current={current}
              selected={selected}
              tips={tips}
              onSelect={(refspec) => void stores.branches.getState().select(refspec)}
            />
          </div>
          <div className="pane">
            {selectedRef ? (
              <BranchDetails branch={selectedRef} isCurrent={refspecOf(selectedRef) === current} tip={tips[refspecOf(selectedRef)]} />
            ) : (
              <p className="muted">Select a branch to see its history.</p>
            )}
          </div>
        </div>
      )}
    </main>
  );
}

/** An end-of-life rebase target may name only a ref; it then lives on the same remote. */
function rebaseRefspec(branch: RemoteRef, target: string): string {
  return target.includes(':') ? target : `${branch.remote}:${target}`;
}

function BranchDetails({ branch, isCurrent, tip }: { branch: RemoteRef; isCurrent: boolean; tip: Commit | undefined }) {
  const stores = useStores();
  const log = useStore(stores.branches, (state) => state.log);
  const status = useStore(stores.system, (state) => state.status);
  const refspec = refspecOf(branch);
  const running = status.state === 'ready' ? currentDeployment(status.value.deployments) : undefined;

  const preview = () => {
    void stores.changes.getState().previewSwitch(refspec, {
      from: running ? deploymentName(running) : 'current system',
      to: `${refspec}${branch.version ? ` ${branch.version}` : ''}`,
    });
    stores.navigation.getState().show('Changes');
  };
  const switchTo = (target: string) => stores.operation.getState().request({ kind: 'switch', refspec: target });

  return (
    <section aria-labelledby="branch-title">
      <h2 id="branch-title">{refspec}</h2>
      <dl className="facts">
        <dt>Latest version</dt>
        <dd>{branch.version ?? 'unknown'}</dd>
        <dt>Date</dt>
        <dd>{formatTime(branch.timestamp)}</dd>
        <dt>Commit</dt>
        <dd>
          <code title={branch.checksum}>{shortChecksum(branch.checksum)}</code>
        </dd>
      </dl>
      {tip?.endOfLife && (
        <div className="notice warning-notice" role="status">
          <p>
            <strong>End of life:</strong> {tip.endOfLife}
          </p>
          {tip.endOfLifeRebase && (
            <button type="button" className="primary" onClick={() => switchTo(rebaseRefspec(branch, tip.endOfLifeRebase ?? ''))}>
              Switch to {tip.endOfLifeRebase}
            </button>
          )}
        </div>
      )}
      {isCurrent ? (
        <p className="muted">This is the branch the system follows.</p>
      ) : (
        <>
          <div className="actions">
            <button type="button" onClick={preview}>
              Preview switch
            </button>
            <button type="button" className="primary" onClick={() => switchTo(refspec)}>
              Switch
            </button>
          </div>
          <VarNote />
        </>
      )}
      <h3>History</h3>
      <LoadNotice load={log} loading="Reading the history…" />
      {log?.state === 'ready' && (
        <ol className="commit-list" aria-label={`History of ${refspec}`}>
          {log.value.commits.map((commit) => (
            <li key={commit.checksum}>
              <div className="row-title">
                <strong>{commit.version ?? shortChecksum(commit.checksum)}</strong>
                <span className="muted">{formatTime(commit.timestamp)}</span>
              </div>
              {commit.subject && <div>{commit.subject}</div>}
              <code className="muted" title={commit.checksum}>
                {shortChecksum(commit.checksum)}
              </code>
            </li>
          ))}
          {log.value.partial && <li className="muted">Older commits were not downloaded.</li>}
        </ol>
      )}
    </section>
  );
}
