// One deployment in a few lines: version, branch, date and checksum.
import type { Deployment } from '../../helper/protocol';
import { deploymentName, formatTime, shortChecksum } from '../format';

export function DeploymentSummary({ deployment }: { deployment: Deployment }) {
  return (
    <dl className="facts">
      <dt>Version</dt>
      <dd>{deploymentName(deployment)}</dd>
      <dt>Branch</dt>
      <dd>{deployment.origin ?? 'unknown'}</dd>
      <dt>Date</dt>
      <dd>{formatTime(deployment.timestamp)}</dd>
      <dt>Commit</dt>
      <dd>
        <code title={deployment.checksum}>{shortChecksum(deployment.checksum)}</code>
      </dd>
    </dl>
  );
}
