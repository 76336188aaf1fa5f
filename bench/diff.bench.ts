// npm run bench: the cost of a package diff between two commits of 3000 rpm packages.
//  - cold: a whole `canopy diff` process with an empty cache, against the shell baseline run in the same
//    invocation (check out both rpm databases, `rpm -qa` twice, `diff`); the ratio is what counts (target <= 1).
//    Two pairs of commits: an update, where the packages that did not change are the same builds (as between two
//    composes of a distribution), and a mass rebuild, where every package is a new build.
//  - warm: a diff inside a running process, after the first (target < 30 ms).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ServerRepo } from '../main/demo/tree-builder';
import { buildRpms, installRpmdb, type RpmSpec } from '../test/fixtures/package-fixture';

const PACKAGES = 3000;
const ROUNDS = 7;
const root = join(tmpdir(), `canopy-bench-${String(PACKAGES)}-v2`);
const repoPath = join(root, 'repo');

function packages(generation: number): RpmSpec[] {
  const list: RpmSpec[] = [];
  for (let i = 0; i < PACKAGES; i++) {
    if (generation === 1 && i % 100 === 0) continue; // removed
    const upgraded = generation === 1 && i % 10 === 0;
    list.push({ name: `pkg-${String(i).padStart(4, '0')}`, version: `1.${String(i % 7)}.${upgraded ? '1' : '0'}`, release: '1' });
  }
  if (generation === 1) for (let i = 0; i < 30; i++) list.push({ name: `new-${String(i)}`, version: '1.0', release: '1' });
  return list;
}

const changelog = (build: number) => [{ date: 'Mon Jan 06 2025', author: 'Bench <bench@example.com>', evr: `1.${String(build)}-1`, text: 'Rebuilt.' }];

function commit(repo: ServerRepo, ref: string, rpms: string[]): void {
  const tree = join(root, 'tree');
  installRpmdb(tree, rpms);
  repo.commit({ ref, version: ref, timestamp: 1_700_000_000, trees: { 'usr/share/rpm': join(tree, 'usr/share/rpm') } });
  rmSync(tree, { recursive: true, force: true });
}

function prepare(): void {
  if (existsSync(join(root, 'ready'))) return;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(repoPath, { recursive: true });
  const repo = new ServerRepo(repoPath);
  process.stdout.write(`building ${String(PACKAGES)} rpms three times…\n`);
  const first = buildRpms(packages(0), changelog(0));
  commit(repo, 'bench/0', first);
  // The update: the packages that did not change keep their build; only the changed and new ones are built again.
  const before = new Map(packages(0).map((p) => [p.name, p.version]));
  const changed = packages(1).filter((p) => before.get(p.name) !== p.version);
  const kept = new Set(packages(1).filter((p) => before.get(p.name) === p.version).map((p) => `${p.name}-${p.version}-`));
  commit(repo, 'bench/update', [...first.filter((file) => [...kept].some((prefix) => basename(file).startsWith(prefix))), ...buildRpms(changed, changelog(1))]);
  commit(repo, 'bench/rebuild', buildRpms(packages(1), changelog(2)));
  mkdirSync(join(root, 'ready'));
}

function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const start = performance.now();
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - start;
  if (result.status !== 0 && command !== 'bash') throw new Error(`${command} failed: ${result.stderr}`);
  return elapsed;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const BASELINE = `set -e
w=$(mktemp -d)
ostree checkout --repo="$1" --subpath=/usr/share/rpm "$2" "$w/a"
ostree checkout --repo="$1" --subpath=/usr/share/rpm "$3" "$w/b"
rpm --dbpath "$w/a" -qa | sort > "$w/a.txt"
rpm --dbpath "$w/b" -qa | sort > "$w/b.txt"
diff "$w/a.txt" "$w/b.txt" > /dev/null || true
rm -rf "$w"`;

/** Median times of the shell baseline and of a cold `canopy diff` between bench/0 and `to`, run in turns. */
function coldPair(to: string): { baseline: number; cold: number } {
  // The command as users run it: the launcher, which starts the engine beside Node.
  const canopy = join(import.meta.dirname, '../bin/canopy');
  const baseline: number[] = [];
  const cold: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(timeProcess('bash', ['-c', BASELINE, 'baseline', repoPath, 'bench/0', to]));
    const cache = mkdtempSync(join(tmpdir(), 'canopy-bench-cache-'));
    cold.push(timeProcess(canopy, ['diff', 'bench/0', to, '--repo', repoPath, '--json'], { CANOPY_CACHE_DIR: cache }));
    rmSync(cache, { recursive: true, force: true });
  }
  return { baseline: median(baseline), cold: median(cold) };
}

async function main(): Promise<void> {
  prepare();
  const pairs = { update: coldPair('bench/update'), 'mass rebuild': coldPair('bench/rebuild') };
  const { CanopyService } = await import('../main/services/canopy-service');
  const warmCache = mkdtempSync(join(tmpdir(), 'canopy-bench-cache-'));
  process.env.CANOPY_CACHE_DIR = warmCache;
  const service = new CanopyService();
  const target = { kind: 'repo' as const, path: repoPath };
  const first = await service.diffs.diff(target, 'bench/0', 'bench/update');
  const warm: number[] = [];
  for (let round = 0; round < 20; round++) {
    const start = performance.now();
    await service.diffs.diff(target, 'bench/0', 'bench/update');
    warm.push(performance.now() - start);
  }
  await service.close();
  rmSync(warmCache, { recursive: true, force: true });
  const counts = `${String(first.packages.upgraded.length)} upgraded, ${String(first.packages.removed.length)} removed, ${String(first.packages.added.length)} added`;
  const lines = [`diff of ${String(PACKAGES)} packages (${counts}), median of ${String(ROUNDS)} rounds`];
  for (const [name, { baseline, cold }] of Object.entries(pairs)) {
    lines.push(
      `  ${name}: shell baseline (checkout + rpm -qa x2 + diff) ${baseline.toFixed(0)} ms, cold canopy diff (whole process, empty cache) ${cold.toFixed(0)} ms`,
      `  ${name}: ratio cold/baseline ${(cold / baseline).toFixed(2)} (target <= 1.00)`,
    );
  }
  lines.push(`  warm diff in a running process: ${median(warm).toFixed(2)} ms (target < 30 ms)`, '');
  process.stdout.write(lines.join('\n'));
}

await main();
