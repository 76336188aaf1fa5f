import { createRoot } from 'react-dom/client';
import { api } from './api/client';
import { App } from './app';
import { StoresProvider } from './stores/app-stores';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StoresProvider api={api}>
    <App />
  </StoresProvider>,
);
