// Finds and starts the Electron binary for `canopy open`; it is optional (it cannot be downloaded everywhere).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../paths';

export function electronBinary(): string | null {
  try {
    const require = createRequire(join(packageRoot, 'package.json'));
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export function launchElectron(binary: string, sysroot: string): Promise<number> {
  const child = spawn(binary, [packageRoot, `--canopy-sysroot=${sysroot}`], { stdio: 'inherit' });
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      resolve(code ?? 1);
    });
  });
}
