// Reboot through systemd-logind, which asks polkit itself (org.freedesktop.login1.reboot); Canopy needs no privilege.
import { execFile } from 'node:child_process';
import { EngineError } from './engine-error';

const LOGIND = ['--system', 'call', 'org.freedesktop.login1', '/org/freedesktop/login1', 'org.freedesktop.login1.Manager'];

export function reboot(): Promise<void> {
  return new Promise((resolve, reject) => {
    // interactive=true lets logind's polkit agent ask for a password when the session may not reboot freely.
    execFile('busctl', [...LOGIND, 'Reboot', 'b', 'true'], { timeout: 30_000 }, (error, _stdout, stderr) => {
      if (!error) {
        resolve();
        return;
      }
      const detail = stderr.trim().split('\n').pop() ?? error.message;
      if (/access denied|not authorized|interactive authentication/i.test(detail)) {
        reject(new EngineError('permission-denied', `not authorized to reboot: ${detail}`));
      } else reject(new EngineError('engine-unavailable', `cannot reboot through systemd-logind: ${detail}`));
    });
  });
}
