// Human output of the CLI. JSON output is the engine's and the services' results as they are.
import type { Commit, Deployment, HistoryEntry, Remote, RemoteRef } from '../../helper/protocol';
import type { CommitDiff } from '../services/commit-diff';
import type { Package } from '../packages/package-model';

export function shortChecksum(checksum: string | null): string {
  return checksum ? checksum.slice(0, 10) : '-';
}

export function formatDate(seconds: number | null): string {
  return seconds === null ? 'unknown date' : new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function formatDeployments(deployments: Deployment[]): string {
  if (deployments.length === 0) return 'No deployments.';
  return deployments
    .map((d) => {
      const marks = [d.booted ? 'booted' : null, d.role, d.pinned ? 'pinned' : null, d.staged ? 'staged' : null, d.index === 0 ? 'default' : null]
        .filter((mark): mark is string => mark !== null)
        .map((mark) => `[${mark}]`)
        .join(' ');
      const lines = [
        `${d.booted ? '●' : ' '} ${String(d.index)}  ${d.osname} ${d.version ?? '(no version)'}  ${marks}`,
        `     Commit: ${d.checksum}`,
        `     Date:   ${formatDate(d.timestamp)}`,
        `     Origin: ${d.origin ?? '(none)'}${d.originKind === 'refspec' ? '' : ` (${d.originKind})`}`,
      ];
      if (d.layered) {
        const layered = [...d.layered.packages, ...d.layered.localPackages];
        if (layered.length) lines.push(`     Layered: ${layered.join(', ')}`);
        if (d.layered.removed.length) lines.push(`     Removed: ${d.layered.removed.join(', ')}`);
        if (d.layered.settings.length) lines.push(`     Settings: ${d.layered.settings.join(', ')}`);
      }
      if (d.endOfLife) lines.push(`     End of life: ${d.endOfLife}`);
      return lines.join('\n');
    })
    .join('\n');
}

export function formatRemotes(remotes: Remote[]): string {
  if (remotes.length === 0) return 'No remotes.';
  return remotes.map((r) => `${r.name}\t${r.url}\t${r.gpgVerify ? 'gpg-verify' : 'no gpg-verify'}`).join('\n');
}

export function formatRefs(refs: RemoteRef[], stale: boolean): string {
  const lines = refs.map((r) => `${r.ref}\t${shortChecksum(r.checksum)}\t${r.version ?? ''}\t${r.timestamp ? formatDate(r.timestamp) : ''}`.trimEnd());
  if (stale) lines.unshift('(the remote could not be reached; these refs are from the cache)');
  return lines.length ? lines.join('\n') : 'No refs.';
}

export function formatCommits(commits: Commit[], next: string | null, partial: boolean): string {
  const blocks = commits.map((c) =>
    [
      `commit ${c.checksum}`,
      c.parent ? `Parent:  ${c.parent}` : null,
      c.version ? `Version: ${c.version}` : null,
      `Date:    ${formatDate(c.timestamp)}`,
      c.endOfLife ? `End of life: ${c.endOfLife}${c.endOfLifeRebase ? ` (rebase to ${c.endOfLifeRebase})` : ''}` : null,
      '',
      `    ${c.subject}`,
      ...(c.body ? ['', ...c.body.split('\n').map((line) => `    ${line}`)] : []),
    ]
      .filter((line): line is string => line !== null)
      .join('\n'),
  );
  if (next) blocks.push(`(more: canopy log ${next})`);
  if (partial) blocks.push('(older history was not pulled)');
  return blocks.join('\n\n');
}

export function formatPackage(p: Package): string {
  return `${p.name}-${p.evr}.${p.arch}`;
}

export function formatDiff(diff: CommitDiff): string {
  const { added, removed, upgraded, downgraded } = diff.packages;
  const lines = [
    `From ${shortChecksum(diff.from)} to ${shortChecksum(diff.to)} (${diff.source})`,
    `Upgraded: ${String(upgraded.length)}  Downgraded: ${String(downgraded.length)}  Removed: ${String(removed.length)}  Added: ${String(added.length)}`,
  ];
  const section = (title: string, rows: string[]): void => {
    if (rows.length) lines.push('', `${title}:`, ...rows.map((row) => `  ${row}`));
  };
  const changeRows = (changes: CommitDiff['packages']['upgraded']): string[] =>
    changes.flatMap((c) => [
      `${c.name}.${c.arch} ${c.from} -> ${c.to}`,
      ...(c.changelog ?? []).flatMap((entry) => [
        `    * ${formatDate(entry.time).slice(0, 10)} ${entry.author}`,
        ...entry.text.split('\n').map((line) => `      ${line}`),
      ]),
    ]);
  section('Upgraded', changeRows(upgraded));
  section('Downgraded', changeRows(downgraded));
  section('Removed', removed.map(formatPackage));
  section('Added', added.map(formatPackage));
  if (diff.files) {
    const { added: a, removed: r, modified: m } = diff.files;
    lines.push('', `Files: ${String(m.length)} modified, ${String(r.length)} removed, ${String(a.length)} added`);
    lines.push(...m.map((path) => `  M ${path}`), ...r.map((path) => `  D ${path}`), ...a.map((path) => `  A ${path}`));
  }
  return lines.join('\n');
}

export function formatHistory(entries: HistoryEntry[]): string {
  if (entries.length === 0) return 'No changes recorded yet.';
  return entries
    .map((e) => {
      const what = e.refspec ? ` ${e.refspec}` : e.detail ? ` (${e.detail})` : '';
      const outcome = e.result === 'ok' ? '' : ` ${e.result.toUpperCase()}: ${e.error ?? ''}`;
      return `${formatDate(e.time)}  ${e.user}  ${e.action}${what}  ${shortChecksum(e.from)} -> ${shortChecksum(e.to)}${outcome}`;
    })
    .join('\n');
}
