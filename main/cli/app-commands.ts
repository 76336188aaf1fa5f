// Commands that start the app: browser mode, the Electron window, and the demo.
import type { Command } from 'commander';

export function registerAppCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the app to a browser on loopback (for headless hosts and SSH tunnels)')
    .option('--listen <host:port>', 'where to listen', '127.0.0.1:0')
    .option('--sysroot <dir>', 'the sysroot to show (default: /, or the demo on a non-OSTree host)')
    .option('--demo', 'show the demo system')
    .action(async (options: { listen: string; sysroot?: string; demo?: boolean }) => {
      const { serveCommand } = await import('./serve-command');
      await serveCommand(options);
    });
  program
    .command('open')
    .description('open the Canopy window (browser mode when Electron is not installed)')
    .option('--sysroot <dir>', 'the sysroot to show')
    .option('--demo', 'show the demo system')
    .action(async (options: { sysroot?: string; demo?: boolean }) => {
      const { openCommand } = await import('./serve-command');
      await openCommand(options);
    });
  program
    .command('demo')
    .description("create (or reset) the demo system in the user's data directory and print where it is")
    .option('--reset', 'build it again from scratch')
    .action(async (options: { reset?: boolean }) => {
      const { demoCommand } = await import('./serve-command');
      await demoCommand(options);
    });
}
