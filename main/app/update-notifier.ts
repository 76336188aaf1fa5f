// The background update check: says once that an update is ready, per commit, across restarts, so an update the
// user has not installed yet is not announced again every day.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { UpdateCheckResult } from '../../helper/protocol';

export class UpdateNotifier {
  constructor(
    private readonly check: () => Promise<UpdateCheckResult>,
    private readonly announce: (update: UpdateCheckResult) => void,
    private readonly stateFile: string,
  ) {}

  /** Checks once; a failed check (offline, no remote) is silent here: the Overview shows it when looked at. */
  async run(): Promise<UpdateCheckResult | null> {
    let result: UpdateCheckResult;
    try {
      result = await this.check();
    } catch {
      return null;
    }
    if (result.available && result.checksum !== this.lastAnnounced()) {
      this.announce(result);
      mkdirSync(dirname(this.stateFile), { recursive: true });
      writeFileSync(this.stateFile, `${result.checksum}\n`);
    }
    return result;
  }

  private lastAnnounced(): string | null {
    try {
      return readFileSync(this.stateFile, 'utf8').trim();
    } catch {
      return null;
    }
  }
}
