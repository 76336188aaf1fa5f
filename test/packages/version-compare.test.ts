// Canopy's version ordering against the real tools, on many generated pairs and the classic hard cases.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { compareDebianVersions, compareRpmEvr, rpmVercmp } from '../../main/packages/version-compare';
import { run } from '../support/run';

/** A deterministic generator, so that a failure can be reproduced. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function generate(next: () => number, alphabet: string[], count: number): [string, string][] {
  const version = (): string => {
    const parts: string[] = [];
    const length = 1 + Math.floor(next() * 5);
    for (let i = 0; i < length; i++) parts.push(alphabet[Math.floor(next() * alphabet.length)] ?? '0');
    return parts.join('');
  };
  const pairs: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    const a = version();
    // Half the pairs share a prefix, where the interesting comparisons are.
    pairs.push([a, next() < 0.5 ? a + version() : version()]);
  }
  return pairs;
}

// No '-' or ':': rpm.vercmp reads its arguments as [epoch:]version[-release], and neither part may hold them.
const RPM_PIECES = ['0', '1', '2', '9', '10', '007', 'a', 'b', 'rc', 'beta', '.', '.', '~', '^', '_', '+'];
const HARD_RPM: [string, string][] = [
  ['1.0', '1.0'], ['1.0', '2.0'], ['2.0.1', '2.0'], ['5.5p1', '5.5p2'], ['5.5p10', '5.5p1'], ['10xyz', '10.1xyz'],
  ['xyz10', 'xyz10.1'], ['1.0~rc1', '1.0'], ['1.0~rc1', '1.0~rc2'], ['1.0^', '1.0'], ['1.0^git1', '1.0^git2'],
  ['1.0^git1', '1.01'], ['1.0^20160101', '1.0.1'], ['1.0~rc1^git1', '1.0~rc1'], ['a', '1'], ['1.a', '1.1'], ['1', '1~'],
  ['1_0', '1.0'], ['0001', '1'], ['1.0aa', '1.0a'],
];

describe('rpm version comparison', () => {
  it('agrees with rpm.vercmp on generated and hard pairs', () => {
    const pairs = [...HARD_RPM, ...generate(random(41), RPM_PIECES, 2000)];
    const lua = pairs.map(([a, b]) => `{"${a}","${b}"}`).join(',');
    const output = run('rpm', ['--eval', `%{lua: local p = {${lua}}; for i,v in ipairs(p) do print(rpm.vercmp(v[1],v[2]) .. "\\n") end}`]);
    const expected = output.trim().split('\n').map(Number);
    expect(expected).toHaveLength(pairs.length);
    const mismatches = pairs.filter(([a, b], i) => rpmVercmp(a, b) !== expected[i]).slice(0, 5);
    expect(mismatches).toEqual([]);
  });

  it('orders epochs first, then version, then release', () => {
    expect(compareRpmEvr({ epoch: '1', version: '1.0', release: '1' }, { version: '9.0', release: '1' })).toBe(1);
    expect(compareRpmEvr({ version: '1.0', release: '2' }, { epoch: '0', version: '1.0', release: '10' })).toBe(-1);
    expect(compareRpmEvr({ version: '1.0', release: '1.fc41' }, { version: '1.0', release: '1.fc41' })).toBe(0);
  });
});

describe('dpkg version comparison', () => {
  it('agrees with dpkg --compare-versions on generated and hard pairs', () => {
    const pieces = ['0', '1', '2', '10', 'a', 'b', 'z', '.', '.', '~', '+', '-'];
    // dpkg's grammar: [epoch:]upstream[-revision], upstream starting with a digit, no empty revision.
    const valid = (v: string): boolean => /^(\d+:)?\d[A-Za-z0-9.+~-]*$/.test(v) && !v.endsWith('-');
    const epoch = random(3);
    const withEpoch = (v: string): string => (epoch() < 0.2 ? `${String(Math.floor(epoch() * 3))}:${v}` : v);
    const hard: [string, string][] = [
      ['1.0', '1.0-1'], ['1.0~rc1', '1.0'], ['1:1.0', '2.0'], ['2.36-9~deb12u1', '2.36-9'], ['5.2.15-2+b1', '5.2.15-2'],
      ['1.0a', '1.0+'], ['1.0', '1.0.0'], ['1.0-0', '1.0'], ['0:1.0', '1.0'], ['1.0~~', '1.0~'],
    ];
    const pairs = [...hard, ...generate(random(7), pieces, 1500).map(([a, b]): [string, string] => [withEpoch(`1${a}`), withEpoch(`1${b}`)]).filter(([a, b]) => valid(a) && valid(b))].slice(0, 310);
    expect(pairs.length).toBeGreaterThan(300);
    const mismatches: string[] = [];
    for (const [a, b] of pairs) {
      const holds = (relation: string): boolean => spawnSync('dpkg', ['--compare-versions', a, relation, b]).status === 0;
      const expected = holds('lt') ? -1 : holds('gt') ? 1 : 0;
      if (compareDebianVersions(a, b) !== expected) mismatches.push(`${a} vs ${b}: dpkg says ${String(expected)}`);
    }
    expect(mismatches).toEqual([]);
  });
});
