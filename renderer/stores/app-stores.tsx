// All of the app's stores around one API object, handed to the views through context so tests can pass a fake API.
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { CanopyApi } from '../../preload/bind-api';
import { createBranchesStore } from './branches-store';
import { createChangesStore } from './changes-store';
import { createNavigationStore } from './navigation-store';
import { createOperationStore } from './operation-store';
import { createSystemStore } from './system-store';

export function createAppStores(api: CanopyApi) {
  const system = createSystemStore(api);
  return {
    system,
    branches: createBranchesStore(api),
    changes: createChangesStore(api),
    navigation: createNavigationStore(),
    operation: createOperationStore(api, system),
  };
}
export type AppStores = ReturnType<typeof createAppStores>;

const StoresContext = createContext<AppStores | null>(null);

export function StoresProvider({ api, children }: { api: CanopyApi; children: ReactNode }) {
  const [stores] = useState(() => createAppStores(api));
  return <StoresContext value={stores}>{children}</StoresContext>;
}

export function useStores(): AppStores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores needs a StoresProvider');
  return stores;
}
