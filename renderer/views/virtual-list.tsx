// A scrolling list that renders only the rows in view, so diffs of thousands of packages or files stay smooth.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

interface VirtualListProps<T> {
  items: readonly T[];
  label: string;
  rowKey: (item: T) => string;
  renderRow: (item: T) => ReactNode;
  estimateRowHeight?: number;
}

export function VirtualList<T>({ items, label, rowKey, renderRow, estimateRowHeight = 34 }: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimateRowHeight,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : rowKey(item);
    },
    overscan: 12,
  });

  return (
    // The scroller is focusable so keyboard users can scroll it, and named so they know what they scroll.
    <div ref={scroller} className="virtual-scroller" tabIndex={0} role="region" aria-label={label}>
      <div role="list" className="virtual-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          return (
            <div
              key={row.key}
              role="listitem"
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="virtual-row"
              style={{ transform: `translateY(${String(row.start)}px)` }}
            >
              {renderRow(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
