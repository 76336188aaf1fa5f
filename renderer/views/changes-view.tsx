// The comparison of two commits: counts per category first, then a filterable list of packages or files.
import { useDeferredValue, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { FileDiffResult } from '../../helper/protocol';
import type { CommitDiff } from '../../main/services/commit-diff';
import type { Package, PackageChange } from '../../main/packages/package-model';
import { useStores } from '../stores/app-stores';
import { PACKAGE_CATEGORIES, type Category, type Comparison, type PackageCategory } from '../stores/changes-store';
import { CompareForm } from './compare-form';
import { ChangeRow, PackageRow } from './package-rows';
import { VirtualList } from './virtual-list';

const CATEGORY_LABELS: Record<Category, string> = {
  upgraded: 'Upgraded',
  downgraded: 'Downgraded',
  removed: 'Removed',
  added: 'Added',
  files: 'Files',
};

export function ChangesView() {
  const stores = useStores();
  const comparison = useStore(stores.changes, (state) => state.comparison);
  const diff = useStore(stores.changes, (state) => state.diff);

  return (
    <main className="view" aria-label="Changes">
      <h1>Changes</h1>
      <CompareForm />
      {comparison && <ComparisonHeader comparison={comparison} />}
      {!diff && <p className="muted">Preview an update or a branch, or pick two commits to compare.</p>}
      {diff?.state === 'loading' && (
        <p className="muted" role="status">
          Comparing… this can take a while when packages have to be downloaded.
        </p>
      )}
      {diff?.state === 'error' && (
        <p className="error" role="alert">
          {diff.message}
        </p>
      )}
      {diff?.state === 'ready' && <DiffBody diff={diff.value} />}
    </main>
  );
}

function ComparisonHeader({ comparison }: { comparison: Comparison }) {
  const { operation } = useStores();
  return (
    <div className="comparison-header">
      <p>
        From <strong>{comparison.fromLabel}</strong> to <strong>{comparison.toLabel}</strong>
      </p>
      {comparison.kind === 'update' && (
        <button type="button" className="primary" onClick={() => operation.getState().request({ kind: 'upgrade' })}>
          Update
        </button>
      )}
      {comparison.kind === 'switch' && (
        <button
          type="button"
          className="primary"
          onClick={() => operation.getState().request({ kind: 'switch', refspec: comparison.refspec })}
        >
          Switch to {comparison.refspec}
        </button>
      )}
    </div>
  );
}

function DiffBody({ diff }: { diff: CommitDiff }) {
  const stores = useStores();
  const category = useStore(stores.changes, (state) => state.category);
  const filter = useStore(stores.changes, (state) => state.filter);
  // Typing stays responsive while the (possibly long) list filters behind it.
  const deferredFilter = useDeferredValue(filter);
  const total = PACKAGE_CATEGORIES.reduce((sum, name) => sum + diff.packages[name].length, 0);

  return (
    <>
      <div className="category-bar" role="group" aria-label="Categories">
        {([...PACKAGE_CATEGORIES, 'files'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className="category"
            aria-pressed={category === name}
            onClick={() => stores.changes.getState().setCategory(name)}
          >
            {name === 'files' ? CATEGORY_LABELS[name] : `${CATEGORY_LABELS[name]} ${String(diff.packages[name].length)}`}
          </button>
        ))}
      </div>
      {total === 0 && category !== 'files' && <p className="muted">No packages differ between these commits.</p>}
      <input
        type="search"
        className="filter"
        aria-label={category === 'files' ? 'Filter files' : 'Filter packages'}
        placeholder={category === 'files' ? 'Filter files' : 'Filter packages'}
        value={filter}
        onChange={(event) => stores.changes.getState().setFilter(event.target.value)}
      />
      {category === 'files' ? <FileList filter={deferredFilter} /> : <PackageList diff={diff} category={category} filter={deferredFilter} />}
    </>
  );
}

function matches(name: string, filter: string): boolean {
  return name.toLowerCase().includes(filter.trim().toLowerCase());
}

const packageKey = (item: Package | PackageChange) => `${item.name}.${item.arch}`;

function PackageList({ diff, category, filter }: { diff: CommitDiff; category: PackageCategory; filter: string }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const label = `${CATEGORY_LABELS[category]} packages`;

  if (category === 'upgraded' || category === 'downgraded') {
    const items = diff.packages[category].filter((item) => matches(item.name, filter));
    return (
      <>
        <FilterCount shown={items.length} total={diff.packages[category].length} />
        <VirtualList
          items={items}
          label={label}
          rowKey={packageKey}
          renderRow={(item) => (
            <ChangeRow item={item} expanded={expanded.has(packageKey(item))} onToggle={() => toggle(packageKey(item))} />
          )}
        />
      </>
    );
  }
  const items = diff.packages[category].filter((item) => matches(item.name, filter));
  return (
    <>
      <FilterCount shown={items.length} total={diff.packages[category].length} />
      <VirtualList items={items} label={label} rowKey={packageKey} renderRow={(item) => <PackageRow item={item} />} />
    </>
  );
}

function FilterCount({ shown, total }: { shown: number; total: number }) {
  return (
    <p className="muted filter-count" aria-live="polite">
      {shown === total ? `${String(total)} shown` : `${String(shown)} of ${String(total)} shown`}
    </p>
  );
}

interface FileChange {
  kind: 'Added' | 'Removed' | 'Modified';
  path: string;
}

function fileChanges(files: FileDiffResult): FileChange[] {
  return [
    ...files.modified.map((path) => ({ kind: 'Modified' as const, path })),
    ...files.added.map((path) => ({ kind: 'Added' as const, path })),
    ...files.removed.map((path) => ({ kind: 'Removed' as const, path })),
  ];
}

function FileList({ filter }: { filter: string }) {
  const { changes } = useStores();
  const files = useStore(changes, (state) => state.files);
  const all = useMemo(() => (files?.state === 'ready' ? fileChanges(files.value) : []), [files]);
  const items = useMemo(() => all.filter((item) => matches(item.path, filter)), [all, filter]);

  if (!files || files.state === 'loading') return <p className="muted" role="status">Listing files…</p>;
  if (files.state === 'error') {
    return (
      <p className="error" role="alert">
        {files.message}
      </p>
    );
  }
  return (
    <>
      <p className="muted">
        {files.value.modified.length} modified, {files.value.added.length} added, {files.value.removed.length} removed
      </p>
      <VirtualList
        items={items}
        label="Changed files"
        rowKey={(item) => `${item.kind}:${item.path}`}
        renderRow={(item) => (
          <div className="file-row">
            <span className={`file-kind ${item.kind.toLowerCase()}`}>{item.kind}</span>
            <span className="file-path">{item.path}</span>
          </div>
        )}
      />
    </>
  );
}
