// What the user runs now, what boots next, what they can roll back to, and whether an update is waiting.
import { useStore } from 'zustand';
import type { Deployment } from '../../helper/protocol';
import { deploymentName } from '../format';
import { useStores } from '../stores/app-stores';
import { currentDeployment, rollbackDeployment } from '../stores/system-store';
import { DeploymentSummary } from './deployment-summary';
import { LoadNotice } from './load-notice';

export function OverviewView() {
  const stores = useStores();
  const status = useStore(stores.system, (state) => state.status);
  const deployments = status.state === 'ready' ? status.value.deployments : [];
  const current = currentDeployment(deployments);
  const next = deployments[0];
  const rollback = rollbackDeployment(deployments);
  const booted = deployments.some((deployment) => deployment.booted);

  return (
    <main className="view" aria-label="Overview">
      <h1>Overview</h1>
      <LoadNotice load={status} loading="Reading the system…" />
      {booted && next && !next.booted && <RebootNotice />}
      <UpdateCard current={current} />
      {current && (
        <DeploymentCard title={current.booted ? 'Running' : 'Default (nothing is booted)'} deployment={current} />
      )}
      {next && next !== current && <DeploymentCard title="Boots next" deployment={next} />}
      {rollback ? (
        <DeploymentCard title="Rollback" deployment={rollback} />
      ) : (
        status.state === 'ready' && <p className="muted">There is no deployment to roll back to.</p>
      )}
    </main>
  );
}

function DeploymentCard({ title, deployment }: { title: string; deployment: Deployment }) {
  const id = `deployment-${deployment.id}-${title}`.replace(/[^\w-]/g, '-');
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <DeploymentSummary deployment={deployment} />
    </section>
  );
}

function UpdateCard({ current }: { current: Deployment | undefined }) {
  const stores = useStores();
  const update = useStore(stores.system, (state) => state.update);

  const preview = () => {
    if (update.state !== 'ready') return;
    void stores.changes.getState().previewUpdate({
      from: current ? deploymentName(current) : update.value.current,
      to: update.value.version ?? update.value.checksum,
    });
    stores.navigation.getState().show('Changes');
  };

  return (
    <section className="card" aria-labelledby="update-title">
      <h2 id="update-title">Updates</h2>
      <LoadNotice load={update} loading="Checking for updates…" failed="Could not check for updates: " />
      {update.state === 'ready' &&
        (update.value.available ? (
          <>
            <p>
              Version <strong>{update.value.version ?? update.value.checksum.slice(0, 10)}</strong> is available on{' '}
              {update.value.refspec}.
            </p>
            <div className="actions">
              <button type="button" className="primary" onClick={preview}>
                Preview update
              </button>
              <button type="button" onClick={() => stores.operation.getState().request({ kind: 'upgrade' })}>
                Update
              </button>
            </div>
          </>
        ) : (
          <p>Up to date.</p>
        ))}
      <div className="actions">
        <button type="button" disabled={update.state === 'loading'} onClick={() => void stores.system.getState().checkUpdate()}>
          Check again
        </button>
      </div>
    </section>
  );
}

function RebootNotice() {
  const stores = useStores();
  const refused = useStore(stores.system, (state) => state.rebootError);
  return (
    <div className="notice" role="status">
      <p>A new deployment is waiting: reboot to use it.</p>
      <button type="button" className="primary" onClick={() => void stores.system.getState().reboot()}>
        Reboot now
      </button>
      {refused && (
        <p className="error" role="alert">
          Could not reboot: {refused}
        </p>
      )}
    </div>
  );
}
