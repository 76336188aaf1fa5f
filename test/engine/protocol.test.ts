// The engine's line protocol under load and abuse: every request answered exactly once, in order, and bad lines
// answered with an error without stopping the engine.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { engineBundle } from '../../main/paths';
import { loadFixture } from '../fixtures/fixture';

const fixture = loadFixture();
const target = { kind: 'sysroot', path: fixture.sysroot };

async function converse(write: (send: (line: string) => void) => Promise<void>): Promise<{ id: number; result?: unknown; error?: { code: string; message: string } }[]> {
  const engine = spawn('gjs', ['-m', engineBundle()], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answers: { id: number; result?: unknown; error?: { code: string; message: string } }[] = [];
  const lines = createInterface({ input: engine.stdout });
  lines.on('line', (line) => {
    if (line.startsWith('{')) answers.push(JSON.parse(line) as (typeof answers)[number]);
  });
  const exited = new Promise((resolve) => engine.once('exit', resolve));
  await write((line) => engine.stdin.write(`${line}\n`));
  engine.stdin.end();
  await exited;
  return answers;
}

describe('the engine protocol', () => {
  it('answers every pipelined request exactly once, in order', async () => {
    const answers = await converse(async (send) => {
      for (let id = 1; id <= 120; id++) {
        const method = id % 3 === 0 ? 'resolve' : id % 3 === 1 ? 'remotes' : 'status';
        send(JSON.stringify({ id, method, params: method === 'resolve' ? { target, rev: fixture.refspec } : { target } }));
        if (id % 7 === 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      }
    });
    expect(answers.map((a) => a.id)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(answers.filter((a) => a.error)).toEqual([]);
  });

  it('answers bad lines with an error and goes on', async () => {
    const answers = await converse((send) => {
      send('not json');
      send(JSON.stringify({ id: 1, method: 'frobnicate', params: {} }));
      send(JSON.stringify({ id: 2, method: 'status', params: { target: { kind: 'sysroot', path: 'relative/path' } } }));
      send('x'.repeat(2 * 1024 * 1024));
      send(JSON.stringify({ id: 3, method: 'log', params: { target, rev: fixture.refspec, limit: 100_000 } }));
      send(JSON.stringify({ id: 4, method: 'status', params: { target } }));
      return Promise.resolve();
    });
    expect(answers.map((a) => [a.id, a.error?.code ?? 'ok'])).toEqual([
      [0, 'invalid-argument'],
      [1, 'invalid-argument'],
      [2, 'invalid-argument'],
      [0, 'invalid-argument'],
      [3, 'invalid-argument'],
      [4, 'ok'],
    ]);
    expect(answers[2]?.error?.message).toMatch(/absolute path/);
    expect(answers[3]?.error?.message).toMatch(/longer than/);
    expect(answers[4]?.error?.message).toBe('limit: must be a whole number from 1 to 10000');
  });
});
