import { spawnSync } from 'node:child_process';

/** Signing starts a gpg-agent for the copied home; stop it so the run leaves nothing behind. */
export function stopGpgAgent(homedir: string): void {
  spawnSync('gpgconf', ['--homedir', homedir, '--kill', 'gpg-agent'], { stdio: 'ignore' });
}
