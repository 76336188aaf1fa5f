// Picks any two known commits to compare: deployments, commits from the journal, and the selected branch's history.
import { useEffect, useMemo, useState, type SubmitEvent } from 'react';
import { useStore } from 'zustand';
import { deploymentName, formatTime, shortChecksum } from '../format';
import { useStores } from '../stores/app-stores';
import { currentDeployment } from '../stores/system-store';

interface KnownCommit {
  checksum: string;
  label: string;
}

function useKnownCommits(): KnownCommit[] {
  const stores = useStores();
  const status = useStore(stores.system, (state) => state.status);
  const history = useStore(stores.system, (state) => state.history);
  const selected = useStore(stores.branches, (state) => state.selected);
  const log = useStore(stores.branches, (state) => state.log);
  const comparison = useStore(stores.changes, (state) => state.comparison);

  return useMemo(() => {
    const known = new Map<string, string>();
    const add = (checksum: string | null, label: string) => {
      if (checksum && !known.has(checksum)) known.set(checksum, label);
    };
    if (status.state === 'ready') {
      for (const deployment of status.value.deployments) {
        const role = deployment.booted ? 'booted' : (deployment.role ?? `deployment ${String(deployment.index)}`);
        add(deployment.checksum, `${deploymentName(deployment)} (${role}, ${shortChecksum(deployment.checksum)})`);
      }
    }
    if (history.state === 'ready') {
      for (const entry of history.value) {
        const when = formatTime(entry.time);
        add(entry.to, `${shortChecksum(entry.to ?? '')} (after ${entry.action}, ${when})`);
        add(entry.from, `${shortChecksum(entry.from ?? '')} (before ${entry.action}, ${when})`);
      }
    }
    if (log?.state === 'ready' && selected) {
      for (const commit of log.value.commits) {
        add(commit.checksum, `${commit.version ?? shortChecksum(commit.checksum)} (${selected}, ${shortChecksum(commit.checksum)})`);
      }
    }
    if (comparison?.kind === 'commits') {
      add(comparison.from, comparison.fromLabel);
      add(comparison.to, comparison.toLabel);
    }
    return [...known].map(([checksum, label]) => ({ checksum, label }));
  }, [status, history, selected, log, comparison]);
}

export function CompareForm() {
  const stores = useStores();
  const commits = useKnownCommits();
  const status = useStore(stores.system, (state) => state.status);
  const running = status.state === 'ready' ? currentDeployment(status.value.deployments) : undefined;
  const comparison = useStore(stores.changes, (state) => state.comparison);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // A comparison opened elsewhere (What changed, the Timeline) becomes the form's choice.
  useEffect(() => {
    setFrom('');
    setTo('');
  }, [comparison]);
  const shown = comparison?.kind === 'commits' ? comparison : null;
  // Otherwise, until the user picks, compare the running system with the newest other commit known.
  const fromValue = from || (shown?.from ?? running?.checksum ?? commits[0]?.checksum ?? '');
  const toValue = to || (shown?.to ?? commits.find((commit) => commit.checksum !== fromValue)?.checksum ?? '');
  const labelOf = (checksum: string) => commits.find((commit) => commit.checksum === checksum)?.label ?? shortChecksum(checksum);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!fromValue || !toValue) return;
    void stores.changes.getState().compare(fromValue, toValue, { from: labelOf(fromValue), to: labelOf(toValue) });
  };

  return (
    <form className="compare-form" aria-label="Compare commits" onSubmit={submit}>
      <CommitSelect label="From" commits={commits} value={fromValue} onChange={setFrom} />
      <CommitSelect label="To" commits={commits} value={toValue} onChange={setTo} />
      <button type="submit" disabled={!fromValue || !toValue || fromValue === toValue}>
        Compare
      </button>
    </form>
  );
}

function CommitSelect({ label, commits, value, onChange }: { label: string; commits: { checksum: string; label: string }[]; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {commits.map((commit) => (
          <option key={commit.checksum} value={commit.checksum}>
            {commit.label}
          </option>
        ))}
      </select>
    </label>
  );
}
