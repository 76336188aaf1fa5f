// The list of views. Up and Down move between them and show the one reached, like a settings app's sidebar.
import { useRef, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../stores/app-stores';
import { VIEWS, type ViewName } from '../stores/navigation-store';

export function Sidebar() {
  const { navigation } = useStores();
  const view = useStore(navigation, (state) => state.view);
  const buttons = useRef(new Map<ViewName, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    const target = event.key === 'Home' ? 0 : event.key === 'End' ? VIEWS.length - 1 : step === undefined ? null : (index + step + VIEWS.length) % VIEWS.length;
    const next = target === null ? undefined : VIEWS[target];
    if (!next) return;
    event.preventDefault();
    navigation.getState().show(next);
    buttons.current.get(next)?.focus();
  };

  return (
    <nav className="sidebar" aria-label="Views">
      <div className="app-title">Canopy</div>
      <ul>
        {VIEWS.map((name, index) => (
          <li key={name}>
            <button
              type="button"
              ref={(element) => {
                if (element) buttons.current.set(name, element);
                else buttons.current.delete(name);
              }}
              className="sidebar-item"
              aria-current={view === name ? 'page' : undefined}
              tabIndex={view === name ? 0 : -1}
              onClick={() => navigation.getState().show(name)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {name}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
