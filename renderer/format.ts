// How commits, times and errors read in the UI.
import type { Deployment } from '../helper/protocol';

export function shortChecksum(checksum: string): string {
  return checksum.slice(0, 10);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Engine times are Unix seconds. */
export function formatTime(seconds: number | null): string {
  return seconds === null ? 'unknown date' : dateFormat.format(new Date(seconds * 1000));
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function deploymentName(deployment: Deployment): string {
  return deployment.version ?? shortChecksum(deployment.checksum);
}
