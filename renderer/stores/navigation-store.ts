// Which view the window shows.
import { createStore } from 'zustand';

export const VIEWS = ['Overview', 'Branches', 'Changes', 'Timeline'] as const;
export type ViewName = (typeof VIEWS)[number];

export interface NavigationState {
  view: ViewName;
  show: (view: ViewName) => void;
}

export function createNavigationStore() {
  return createStore<NavigationState>()((set) => ({
    view: 'Overview',
    show: (view) => set({ view }),
  }));
}
export type NavigationStore = ReturnType<typeof createNavigationStore>;
