// One row of the package list: a change from one version to another (with its changelog) or a package as it is.
import type { Package, PackageChange } from '../../main/packages/package-model';
import { formatTime } from '../format';

export function PackageRow({ item }: { item: Package }) {
  return (
    <div className="package-row">
      <span className="package-name">{item.name}</span>
      <span className="package-version">{item.evr}</span>
      <span className="package-arch">{item.arch}</span>
    </div>
  );
}

interface ChangeRowProps {
  item: PackageChange;
  expanded: boolean;
  onToggle: () => void;
}

export function ChangeRow({ item, expanded, onToggle }: ChangeRowProps) {
  const changelogId = `changelog-${item.name}-${item.arch}`;
  return (
    <div className="package-change">
      <div className="package-row">
        <button
          type="button"
          className="expander"
          aria-expanded={expanded}
          aria-controls={expanded ? changelogId : undefined}
          aria-label={`Changelog of ${item.name}`}
          onClick={onToggle}
        >
          <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
        </button>
        <span className="package-name">{item.name}</span>
        <span className="package-version">
          {item.from} → {item.to}
        </span>
        <span className="package-arch">{item.arch}</span>
      </div>
      {expanded && (
        <div id={changelogId} className="changelog">
          {item.changelog && item.changelog.length > 0 ? (
            item.changelog.map((entry) => (
              <div key={`${String(entry.time)}-${entry.author}`} className="changelog-entry">
                <div className="muted">
                  {formatTime(entry.time)} · {entry.author}
                </div>
                <pre>{entry.text}</pre>
              </div>
            ))
          ) : (
            <p className="muted">No changelog entries for this change.</p>
          )}
        </div>
      )}
    </div>
  );
}
