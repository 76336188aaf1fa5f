// Generated hostile input for the root helper: each line is wrong by construction (bad refspecs, path traversal,
// shell metacharacters, out-of-range or non-integer indexes, foreign verbs, broken or deeply nested JSON), so no
// generated line can be a request the helper should carry out.
import { resolve } from 'node:path';
import fc from 'fast-check';
import { CHANGE_METHODS, requestParams, type ChangeMethod } from '../../helper/protocol';

export interface HostileInput {
  verb: ChangeMethod;
  line: string;
}

/** Characters outside the ref and remote grammars, and shell, path and terminal tricks. */
const POISON = [';', '$(id)', '`id`', '|', '&&', ' ', '\n', '\t', '\0', '*', '?', '[', '~', '\\', '"', "'", '<', '>',
  '/../', '//', '%2e%2e', '\u202e', '\u00e9', '\ufffd', '#', '!', '{', '}', '=', ',', '@'];

const poisoned = fc
  .tuple(fc.string({ maxLength: 24 }), fc.constantFrom(...POISON), fc.string({ maxLength: 24 }))
  .map(([before, poison, after]) => before + poison + after);

const notAString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }));

export function hostileInput(options: { sysroot: string; knownRemotes: string[]; deploymentCount: number }): fc.Arbitrary<HostileInput> {
  const { sysroot, knownRemotes, deploymentCount } = options;
  const target = { kind: 'sysroot', path: sysroot };
  const request = (verb: ChangeMethod, params: unknown, method: string = verb): HostileInput => ({
    verb,
    line: JSON.stringify({ id: 1, method, params }),
  });
  const verb = fc.constantFrom(...CHANGE_METHODS);

  const unknownRemote = fc
    .stringMatching(/^[a-z][a-z0-9-]{0,12}$/)
    .filter((name) => !knownRemotes.includes(name))
    .map((name) => `${name}:demo/1/x86_64/workstation`);
  const badRefspec = fc.oneof(poisoned, unknownRemote, fc.string({ minLength: 401, maxLength: 2000 }), notAString);

  const badIndex = fc.oneof(
    fc.integer({ min: deploymentCount, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -1 }),
    fc.double({ noInteger: true }),
    fc.constantFrom(1e308, '0', '1', '0x1', '1e0'),
  );

  const badCommit = fc.oneof(
    fc.record({ checksum: fc.oneof(poisoned, fc.stringMatching(/^[0-9a-f]{1,63}$/), fc.stringMatching(/^[0-9a-f]{65,80}$/), fc.stringMatching(/^[0-9A-F]{64}$/).filter((hex) => /[A-F]/.test(hex))) }),
    // Versions may hold '~' and ':': only those the protocol itself refuses are hostile (a well-formed unknown
    // version would make the helper fetch the branch's history before it could say so).
    fc.record({ version: poisoned.filter((version) => !requestParams.deploy.safeParse({ target, commit: { version } }).success) }),
    notAString,
  );

  // Any path but the allowed sysroot itself (and never the host's /, whatever its spelling).
  const badPath = fc
    .oneof(
      poisoned.map((text) => `${sysroot}/../${text}`),
      fc.string({ maxLength: 60 }).map((text) => `/${text}`),
      fc.string({ maxLength: 60 }),
      fc.constantFrom(`${sysroot}/.`, `${sysroot}/../sysroot`, `${sysroot}/./`, `${sysroot}\0`, `/proc/self/root${sysroot}`),
      notAString,
    )
    .filter((path) => typeof path !== 'string' || (path !== sysroot && resolve('/', path) !== '/'));

  const validParams: Record<ChangeMethod, unknown> = {
    rollback: { target },
    pin: { target, index: 0, pinned: true },
    switch: { target, refspec: `${knownRemotes[0] ?? 'demo'}:demo/1/x86_64/server` },
    upgrade: { target },
    deploy: { target, commit: { version: '1.0' } },
    cleanup: { target },
  };

  return fc.oneof(
    badRefspec.map((refspec) => request('switch', { target, refspec })),
    fc.tuple(badIndex, fc.boolean()).map(([index, pinned]) => request('pin', { target, index, pinned })),
    badCommit.map((commit) => request('deploy', { target, commit })),
    fc.tuple(verb, badPath).map(([name, path]) => request(name, { ...(validParams[name] as object), target: { kind: 'sysroot', path } })),
    // A request for another verb than the one polkit authorized.
    fc.tuple(verb, verb).filter(([a, b]) => a !== b).map(([authorized, asked]) => request(authorized, validParams[asked], asked)),
    fc.tuple(verb, fc.string({ maxLength: 64 }).filter((name) => !(CHANGE_METHODS as readonly string[]).includes(name))).map(([name, method]) => request(name, validParams[name], method)),
    fc.tuple(verb, notAString).map(([name, params]) => request(name, params)),
    // Not a request at all: broken JSON, JSON of the wrong shape, deep nesting.
    fc.tuple(verb, fc.string({ maxLength: 200 }).filter((text) => text.trim() !== '' && !text.includes('\n'))).map(([name, line]) => ({ verb: name, line })),
    fc.tuple(verb, fc.jsonValue({ maxDepth: 3 })).map(([name, value]) => ({ verb: name, line: JSON.stringify(value) })),
    fc.tuple(verb, fc.integer({ min: 1000, max: 100_000 })).map(([name, depth]) => ({ verb: name, line: '['.repeat(depth) + ']'.repeat(depth) })),
  );
}
