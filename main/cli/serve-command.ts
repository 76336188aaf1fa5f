// Starting the app: browser mode, the Electron window (falling back to browser mode without the binary), the demo.
import { createAppApi } from '../app/app-api';
import { createDemo, demoPaths, ensureDemo, isOstreeHost } from '../demo/demo-system';
import { startServer } from '../serve/server';
import { CanopyService } from '../services/canopy-service';
import { EngineError } from '../services/engine-error';
import { electronBinary, launchElectron } from './electron-launcher';

function chooseSysroot(options: { sysroot?: string; demo?: boolean }): string {
  if (options.sysroot) return options.sysroot;
  if (options.demo || !isOstreeHost()) {
    if (!options.demo) process.stderr.write('This host is not an OSTree system; showing the demo system (canopy demo --reset rebuilds it).\n');
    return ensureDemo().sysroot;
  }
  return '/';
}

function parseListen(listen: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(listen);
  const port = Number(match?.[2]);
  if (!match?.[1] || port > 65535) throw new EngineError('invalid-argument', `--listen ${listen} is not HOST:PORT`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

export async function serveCommand(options: { listen: string; sysroot?: string; demo?: boolean }): Promise<void> {
  const listen = parseListen(options.listen);
  const sysroot = chooseSysroot(options);
  const service = new CanopyService();
  const running = await startServer(createAppApi(service, sysroot), listen);
  process.stdout.write(`Canopy is serving ${sysroot} at ${running.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.close();
  await service.close();
}

export async function openCommand(options: { sysroot?: string; demo?: boolean }): Promise<void> {
  const binary = electronBinary();
  if (!binary) {
    process.stderr.write('The Electron binary is not installed here; opening browser mode instead.\n');
    await serveCommand({ listen: '127.0.0.1:0', ...options });
    return;
  }
  process.exitCode = await launchElectron(binary, chooseSysroot(options));
}

export function demoCommand(options: { reset?: boolean }): Promise<void> {
  const paths = options.reset ? createDemo(demoPaths()) : ensureDemo();
  process.stdout.write(`The demo sysroot is ${paths.sysroot}\nTry: canopy status --sysroot ${paths.sysroot}\n`);
  return Promise.resolve();
}
