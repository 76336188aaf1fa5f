// The deployments on disk and the journal of every change, each with a way back and a way to see what changed.
import { useStore } from 'zustand';
import type { Deployment, HistoryEntry } from '../../helper/protocol';
import { deploymentName, formatTime, shortChecksum } from '../format';
import { useStores } from '../stores/app-stores';
import { VarNote } from './var-note';
import { LoadNotice } from './load-notice';

export function TimelineView() {
  const stores = useStores();
  const status = useStore(stores.system, (state) => state.status);
  const history = useStore(stores.system, (state) => state.history);
  const deployments = status.state === 'ready' ? status.value.deployments : [];

  /** Names a commit by the version of a deployment that has it, when one does. */
  const nameOf = (checksum: string) => {
    const deployment = deployments.find((candidate) => candidate.checksum === checksum);
    return deployment?.version ? `${deployment.version} (${shortChecksum(checksum)})` : shortChecksum(checksum);
  };

  const showDiff = (from: string, to: string) => {
    void stores.changes.getState().compare(from, to, { from: nameOf(from), to: nameOf(to) });
    stores.navigation.getState().show('Changes');
  };

  return (
    <main className="view" aria-label="Timeline">
      <h1>Timeline</h1>
      <section aria-labelledby="deployments-title">
        <h2 id="deployments-title">Deployments</h2>
        <LoadNotice load={status} loading="Reading the system…" />
        <ol className="card-list">
          {deployments.map((deployment, position) => (
            <DeploymentItem key={deployment.id} deployment={deployment} previous={deployments[position + 1]} onDiff={showDiff} />
          ))}
        </ol>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <LoadNotice load={history} loading="Reading the journal…" />
        {history.state === 'ready' && history.value.length === 0 && <p className="muted">Nothing has been changed with Canopy yet.</p>}
        {history.state === 'ready' && (
          <ol className="card-list">
            {history.value.map((entry) => (
              <HistoryItem key={`${String(entry.time)}-${entry.action}-${entry.to ?? ''}`} entry={entry} nameOf={nameOf} onDiff={showDiff} />
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}

interface DeploymentItemProps {
  deployment: Deployment;
  /** The older deployment below this one, what "what changed" compares against. */
  previous: Deployment | undefined;
  onDiff: (from: string, to: string) => void;
}

function DeploymentItem({ deployment, previous, onDiff }: DeploymentItemProps) {
  const { operation } = useStores();
  const name = deploymentName(deployment);
  return (
    <li className="card">
      <div className="row-title">
        <strong>{name}</strong>
        {deployment.booted && <span className="badge accent">Booted</span>}
        {deployment.index === 0 && !deployment.booted && <span className="badge">Next boot</span>}
        {deployment.role === 'pending' && <span className="badge">Pending</span>}
        {deployment.role === 'rollback' && <span className="badge">Rollback</span>}
        {deployment.staged && <span className="badge">Staged</span>}
        {deployment.pinned && <span className="badge">Pinned</span>}
      </div>
      <div className="muted">
        {deployment.origin ?? 'unknown branch'} · {formatTime(deployment.timestamp)} ·{' '}
        <code title={deployment.checksum}>{shortChecksum(deployment.checksum)}</code>
      </div>
      {deployment.endOfLife && <p className="notice">End of life: {deployment.endOfLife}</p>}
      <div className="actions">
        {deployment.role === 'rollback' && (
          <button type="button" className="primary" onClick={() => operation.getState().request({ kind: 'rollback' })}>
            Roll back
          </button>
        )}
        <button
          type="button"
          aria-label={`${deployment.pinned ? 'Unpin' : 'Pin'} ${name}`}
          onClick={() =>
            operation.getState().request({ kind: 'pin', index: deployment.index, pinned: !deployment.pinned, label: name })
          }
        >
          {deployment.pinned ? 'Unpin' : 'Pin'}
        </button>
        {previous && (
          <button type="button" aria-label={`What changed in ${name}`} onClick={() => onDiff(previous.checksum, deployment.checksum)}>
            What changed
          </button>
        )}
      </div>
      {deployment.role === 'rollback' && <VarNote />}
    </li>
  );
}

interface HistoryItemProps {
  entry: HistoryEntry;
  nameOf: (checksum: string) => string;
  onDiff: (from: string, to: string) => void;
}

function HistoryItem({ entry, nameOf, onDiff }: HistoryItemProps) {
  const { operation } = useStores();
  const { from, to } = entry;
  return (
    <li className="card">
      <div className="row-title">
        <strong className="history-action">{entry.action}</strong>
        <span className={`badge ${entry.result === 'ok' ? '' : 'warning'}`}>{entry.result}</span>
        <span className="muted">
          {formatTime(entry.time)} · {entry.user}
        </span>
      </div>
      {(from ?? to) && (
        <div>
          {from ? nameOf(from) : '—'} → {to ? nameOf(to) : '—'}
          {entry.refspec && <span className="muted"> on {entry.refspec}</span>}
        </div>
      )}
      {entry.detail && <div className="muted">{entry.detail}</div>}
      {entry.error && <div className="error">{entry.error}</div>}
      <div className="actions">
        {from && to && from !== to && (
          <button type="button" aria-label={`What changed in this ${entry.action}`} onClick={() => onDiff(from, to)}>
            What changed
          </button>
        )}
        {from && (
          <button
            type="button"
            aria-label={`Redeploy ${nameOf(from)}`}
            onClick={() => operation.getState().request({ kind: 'deploy', checksum: from, label: nameOf(from) })}
          >
            Redeploy
          </button>
        )}
      </div>
    </li>
  );
}
