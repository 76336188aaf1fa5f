// The `canopy` command: thin over CanopyService, human output by default and --json for scripts.
import { Command, CommanderError } from 'commander';
import { CanopyService } from '../services/canopy-service';
import { EngineError } from '../services/engine-error';
import type { EngineClient } from '../services/engine-client';
import { formatCommits, formatDeployments, formatDiff, formatHistory, formatPackage, formatRefs, formatRemotes } from './format';
import { jsonOption, positiveInteger, repoOption, sysrootOption, sysrootPath, targetOf, type TargetOptions } from './options';
import { registerChangeCommands } from './change-commands';
import { registerAppCommands } from './app-commands';

export type Print = (human: string, json: unknown, options: { json?: boolean }) => void;

const print: Print = (human, json, options) => {
  process.stdout.write(options.json ? `${JSON.stringify(json, null, 2)}\n` : `${human}\n`);
};

export function buildProgram(service: CanopyService): Command {
  const program = new Command('canopy')
    .description('Canopy: browse, preview, switch and roll back OSTree deployments')
    .configureOutput({
      outputError: (text, write) => write(`canopy: ${(text.trim().split('\n')[0] ?? '').replace(/^error: /, '')} (see canopy --help)\n`),
    })
    .exitOverride();

  program
    .command('status')
    .description('show the deployments of a sysroot, the default for next boot first')
    .addOption(sysrootOption())
    .addOption(jsonOption())
    .action(async (options: TargetOptions) => {
      const result = await service.status(sysrootPath(options));
      print(formatDeployments(result.deployments), { deployments: result.deployments }, options);
    });

  program
    .command('remotes')
    .description('list the configured remotes')
    .addOption(sysrootOption())
    .addOption(repoOption())
    .addOption(jsonOption())
    .action(async (options: TargetOptions) => {
      const result = await service.remotes(targetOf(options));
      print(formatRemotes(result.remotes), result, options);
    });

  program
    .command('refs')
    .description("list a remote's branches and their commits, from its summary")
    .argument('<remote>')
    .option('--refresh', 'fetch the summary even if the cached one is recent')
    .addOption(sysrootOption())
    .addOption(repoOption())
    .addOption(jsonOption())
    .action(async (remote: string, options: TargetOptions & { refresh?: boolean }) => {
      const result = await service.refs(targetOf(options), remote, options.refresh === true);
      print(formatRefs(result.refs, result.stale), result, options);
    });

  program
    .command('log')
    .description('show the history of a branch or commit, newest first')
    .argument('<rev>', 'REMOTE:REF, REF or a 64-hex checksum')
    .option('--limit <n>', 'how many commits to show', positiveInteger, 50)
    .addOption(sysrootOption())
    .addOption(repoOption())
    .addOption(jsonOption())
    .action(async (rev: string, options: TargetOptions & { limit: number }) => {
      const result = await service.log(targetOf(options), rev, options.limit);
      print(formatCommits(result.commits, result.next, result.partial), result, options);
    });

  program
    .command('packages')
    .description('list the packages of a commit')
    .argument('<rev>', 'REMOTE:REF, REF or a 64-hex checksum')
    .addOption(sysrootOption())
    .addOption(repoOption())
    .addOption(jsonOption())
    .action(async (rev: string, options: TargetOptions) => {
      const { source, packages, checksum } = await service.diffs.packages(targetOf(options), rev);
      print(packages.map(formatPackage).join('\n'), { checksum, source, packages }, options);
    });

  program
    .command('diff')
    .description('show what changes between two commits: packages, changelogs, files')
    .argument('<from>')
    .argument('<to>')
    .option('--changelogs', 'show the changelog entries of upgraded packages')
    .option('--files', 'show the files added, removed and modified')
    .addOption(sysrootOption())
    .addOption(repoOption())
    .addOption(jsonOption())
    .action(async (from: string, to: string, options: TargetOptions & { changelogs?: boolean; files?: boolean }) => {
      const diff = await service.diffs.diff(targetOf(options), from, to, {
        changelogs: options.changelogs === true,
        files: options.files === true,
      });
      print(formatDiff(diff), diff, options);
    });

  program
    .command('history')
    .description('show the journal of changes made through Canopy, newest first')
    .option('--limit <n>', 'how many entries to show', positiveInteger, 200)
    .addOption(sysrootOption())
    .addOption(jsonOption())
    .action(async (options: TargetOptions & { limit: number }) => {
      const result = await service.history(sysrootPath(options), options.limit);
      print(formatHistory(result.entries), result, options);
    });

  registerChangeCommands(program, service, print);
  registerAppCommands(program);
  return program;
}

/** Runs the CLI; every failure is one line on stderr and a meaningful exit status, never a stack trace. */
export async function main(argv: string[], engine: EngineClient | null = null): Promise<number> {
  const service = new CanopyService(engine);
  const program = buildProgram(service);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof EngineError) {
      process.stderr.write(`canopy: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`canopy: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 70;
  } finally {
    // Not awaited: the read engine exits on its own once its input closes, and the prompt need not wait for it.
    void service.close();
  }
}
