// A one-line progress bar on stderr for pulls, redrawn in place; silent when stderr is not a terminal.
import type { Progress } from '../../helper/protocol';
import { formatBytes as size } from '../services/format-bytes';

export function describeProgress(progress: Progress): string {
  if (progress.phase === 'deploying') return 'Deploying…';
  if (progress.phase === 'connecting') return 'Connecting…';
  const fraction = progress.requested > 0 ? Math.min(progress.fetched / progress.requested, 1) : 0;
  const width = 24;
  const filled = Math.round(fraction * width);
  return `Fetching [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(progress.fetched)}/${String(progress.requested)} objects, ${size(progress.bytes)} at ${size(progress.rate)}/s`;
}

export function progressBar(): { update: (progress: Progress) => void; done: () => void } {
  const tty = process.stderr.isTTY;
  let drawn = false;
  return {
    update: (progress) => {
      if (!tty) return;
      process.stderr.write(`\r\x1b[2K${describeProgress(progress)}`);
      drawn = true;
    },
    done: () => {
      if (drawn) process.stderr.write('\r\x1b[2K');
    },
  };
}
