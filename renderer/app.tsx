// The window: the sidebar of views, the view on show, and the dialog of a running change.
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useStores } from './stores/app-stores';
import { BranchesView } from './views/branches-view';
import { ChangesView } from './views/changes-view';
import { OperationDialog } from './views/operation-dialog';
import { OverviewView } from './views/overview-view';
import { Sidebar } from './views/sidebar';
import { TimelineView } from './views/timeline-view';

export function App() {
  const stores = useStores();
  const view = useStore(stores.navigation, (state) => state.view);

  useEffect(() => {
    void stores.system.getState().load();
    void stores.branches.getState().load();
  }, [stores]);

  return (
    <div className="app">
      <Sidebar />
      {view === 'Overview' && <OverviewView />}
      {view === 'Branches' && <BranchesView />}
      {view === 'Changes' && <ChangesView />}
      {view === 'Timeline' && <TimelineView />}
      <OperationDialog />
    </div>
  );
}
