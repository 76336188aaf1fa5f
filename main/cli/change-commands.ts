// Commands that change the system. Each runs in its own engine, through polkit unless the user may write the sysroot.
import { Option, type Command } from 'commander';
import type { ChangeMethod, ChangeResult, Params } from '../../helper/protocol';
import type { CanopyService } from '../services/canopy-service';
import { cacheDir } from '../paths';
import { formatDeployments, formatDiff, shortChecksum } from './format';
import { jsonOption, nonNegativeInteger, sysrootOption, sysrootPath, type TargetOptions } from './options';
import { progressBar } from './progress-bar';
import { reboot } from '../services/reboot';
import type { Print } from './canopy';

/** rpm-ostree's convention for `upgrade --check`: 77 means there is nothing new. */
const NO_UPDATE_EXIT = 77;

export function registerChangeCommands(program: Command, service: CanopyService, print: Print): void {
  const change = async <M extends ChangeMethod>(method: M, params: Params<M>, options: TargetOptions): Promise<void> => {
    const bar = progressBar();
    const abort = new AbortController();
    const onInterrupt = (): void => {
      abort.abort();
    };
    process.once('SIGINT', onInterrupt);
    try {
      const result: ChangeResult = await service.change(method, params, { onProgress: bar.update, signal: abort.signal });
      bar.done();
      print(`${result.message}\n\n${formatDeployments(result.deployments)}`, result, options);
    } finally {
      bar.done();
      process.off('SIGINT', onInterrupt);
    }
  };
  const target = (options: TargetOptions) => ({ kind: 'sysroot' as const, path: sysrootPath(options) });

  program
    .command('rollback')
    .description('make the rollback deployment the default for the next boot')
    .addOption(sysrootOption())
    .addOption(jsonOption())
    .action((options: TargetOptions) => change('rollback', { target: target(options) }, options));

  for (const [verb, pinned] of [['pin', true], ['unpin', false]] as const) {
    program
      .command(verb)
      .description(pinned ? 'keep a deployment until it is unpinned' : 'let a deployment be cleaned up again')
      .argument('<index>', 'the deployment index, as `canopy status` shows it', nonNegativeInteger)
      .addOption(sysrootOption())
      .addOption(jsonOption())
      .action((index: number, options: TargetOptions) => change('pin', { target: target(options), index, pinned }, options));
  }

  program
    .command('switch')
    .description('rebase to another branch: fetch it and deploy it as the default, keeping the current one as rollback')
    .argument('<refspec>', 'REMOTE:REF')
    .addOption(sysrootOption())
    .addOption(jsonOption())
    .action((refspec: string, options: TargetOptions) => change('switch', { target: target(options), refspec }, options));

  program
    .command('deploy')
    .description('deploy a given commit of the current branch, by checksum or by version')
    .argument('<commit>', 'a 64-hex checksum or a version')
    .addOption(sysrootOption())
    .addOption(jsonOption())
    .action((commit: string, options: TargetOptions) => {
      const which = /^[0-9a-f]{64}$/.test(commit) ? { checksum: commit } : { version: commit };
      return change('deploy', { target: target(options), commit: which }, options);
    });

  program
    .command('cleanup')
    .description('remove pending and rollback deployments (pinned ones stay) and unused objects')
    .addOption(sysrootOption())
    .addOption(jsonOption())
    .action((options: TargetOptions) => change('cleanup', { target: target(options) }, options));

  program
    .command('reboot')
    .description('reboot into the default deployment, through systemd-logind')
    .action(async () => {
      await reboot();
    });

  program
    .command('upgrade')
    .description('update to the newest commit of the current branch')
    .addOption(new Option('--check', 'only say whether an update is available (exit 77 when there is none)').conflicts('preview'))
    .option('--preview', 'show the package diff of the available update, without deploying it')
    .addOption(sysrootOption())
    .addOption(jsonOption())
    .action(async (options: TargetOptions & { check?: boolean; preview?: boolean }) => {
      const path = sysrootPath(options);
      if (options.check) {
        const check = await service.checkUpdate(path);
        const human = check.available
          ? `Update available: ${check.version ?? shortChecksum(check.checksum)} (${check.checksum}) on ${check.refspec}`
          : `No update available: ${check.refspec} is at ${shortChecksum(check.current)}`;
        print(human, check, options);
        if (!check.available) process.exitCode = NO_UPDATE_EXIT;
        return;
      }
      if (options.preview) {
        const preview = await service.read('fetchPreview', { target: { kind: 'sysroot', path }, cacheDir: cacheDir() });
        const status = await service.status(path);
        const current = status.deployments.find((d) => d.booted) ?? status.deployments[0];
        if (!current) throw new Error('the sysroot has no deployment');
        const diff = await service.diffs.diff({ kind: 'sysroot', path }, current.checksum, preview.checksum, {
          changelogs: true,
          toTarget: { kind: 'repo', path: preview.repo },
        });
        print(formatDiff(diff), diff, options);
        return;
      }
      await change('upgrade', { target: target(options) }, options);
    });
}
