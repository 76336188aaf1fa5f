// Starts `canopy serve` as a user would and reads the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Served {
  url: string;
  origin: string;
  token: string;
  stop: () => Promise<void>;
}

export function serve(sysroot: string): Promise<Served> {
  const cache = mkdtempSync(join(tmpdir(), 'canopy-serve-cache-'));
  const child: ChildProcess = spawn(process.execPath, [join(import.meta.dirname, '../../bin/canopy.js'), 'serve', '--sysroot', sysroot], {
    env: { ...process.env, CANOPY_CACHE_DIR: cache },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/\S+)\/\?token=(\S+)/.exec(output);
      if (!match?.[1] || !match[2]) return;
      resolve({
        url: `${match[1]}/?token=${match[2]}`,
        origin: match[1],
        token: match[2],
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => {
              rmSync(cache, { recursive: true, force: true });
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      reject(new Error(`canopy serve exited with ${String(code)}: ${output}`));
    });
  });
}
