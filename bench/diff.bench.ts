// npm run bench: the cost of a package diff between two commits of 3000 rpm packages.
//  - cold: a whole `canopy diff` process with an empty cache, against the shell baseline run in the same
//    invocation (check out both rpm databases, `rpm -qa` twice, `diff`); the ratio is what counts (target <= 1).
//  - warm: a diff inside a running process, after the first (target < 30 ms).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ServerRepo } from '../main/demo/tree-builder';
import { buildRpms, installRpmdb, type RpmSpec } from '../test/fixtures/package-fixture';

const PACKAGES = 3000;
const ROUNDS = 7;
const root = join(tmpdir(), `canopy-bench-${String(PACKAGES)}`);
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

function prepare(): void {
  if (existsSync(join(root, 'ready'))) return;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(repoPath, { recursive: true });
  const repo = new ServerRepo(repoPath);
  for (const generation of [0, 1]) {
    process.stdout.write(`building ${String(PACKAGES)} rpms for commit ${String(generation)}…\n`);
    const tree = join(root, `tree-${String(generation)}`);
    const changelog = [{ date: 'Mon Jan 06 2025', author: 'Bench <bench@example.com>', evr: `1.${String(generation)}-1`, text: 'Rebuilt.' }];
    installRpmdb(tree, buildRpms(packages(generation), changelog));
    repo.commit({ ref: `bench/${String(generation)}`, version: String(generation), timestamp: 1_700_000_000, trees: { 'usr/share/rpm': join(tree, 'usr/share/rpm') } });
    rmSync(tree, { recursive: true, force: true });
  }
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
ostree checkout --repo="$1" --subpath=/usr/share/rpm bench/0 "$w/a"
ostree checkout --repo="$1" --subpath=/usr/share/rpm bench/1 "$w/b"
rpm --dbpath "$w/a" -qa | sort > "$w/a.txt"
rpm --dbpath "$w/b" -qa | sort > "$w/b.txt"
diff "$w/a.txt" "$w/b.txt" > /dev/null || true
rm -rf "$w"`;

async function main(): Promise<void> {
  prepare();
  const canopy = join(import.meta.dirname, '../bin/canopy.js');
  const baseline: number[] = [];
  const cold: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(timeProcess('bash', ['-c', BASELINE, 'baseline', repoPath]));
    const cache = mkdtempSync(join(tmpdir(), 'canopy-bench-cache-'));
    cold.push(timeProcess(process.execPath, [canopy, 'diff', 'bench/0', 'bench/1', '--repo', repoPath, '--json'], { CANOPY_CACHE_DIR: cache }));
    rmSync(cache, { recursive: true, force: true });
  }
  const { CanopyService } = await import('../main/services/canopy-service');
  const warmCache = mkdtempSync(join(tmpdir(), 'canopy-bench-cache-'));
  process.env.CANOPY_CACHE_DIR = warmCache;
  const service = new CanopyService();
  const target = { kind: 'repo' as const, path: repoPath };
  const first = await service.diffs.diff(target, 'bench/0', 'bench/1');
  const warm: number[] = [];
  for (let round = 0; round < 20; round++) {
    const start = performance.now();
    await service.diffs.diff(target, 'bench/0', 'bench/1');
    warm.push(performance.now() - start);
  }
  await service.close();
  rmSync(warmCache, { recursive: true, force: true });
  const counts = `${String(first.packages.upgraded.length)} upgraded, ${String(first.packages.removed.length)} removed, ${String(first.packages.added.length)} added`;
  process.stdout.write(
    [
      `diff of ${String(PACKAGES)} packages (${counts}), median of ${String(ROUNDS)} rounds`,
      `  shell baseline (checkout + rpm -qa x2 + diff): ${median(baseline).toFixed(0)} ms`,
      `  cold canopy diff (whole process, empty cache): ${median(cold).toFixed(0)} ms`,
      `  ratio cold/baseline: ${(median(cold) / median(baseline)).toFixed(2)} (target <= 1.00)`,
      `  warm diff in a running process: ${median(warm).toFixed(2)} ms (target < 30 ms)`,
      '',
    ].join('\n'),
  );
}

await main();
