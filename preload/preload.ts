// The only bridge into the renderer: named, typed functions from bindApi over ipcRenderer.invoke. Neither
// ipcRenderer nor the IPC event object is ever exposed.
import { contextBridge, ipcRenderer } from 'electron';
import { bindApi } from './bind-api';

const api = bindApi(async (method, params) => {
  try {
    return (await ipcRenderer.invoke(`canopy:${method}`, params)) as unknown;
  } catch (error) {
    // Electron prefixes the message with "Error invoking remote method ...: Error: "; keep the code and the line.
    const text = error instanceof Error ? error.message : String(error);
    const body = text.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
    const match = /^([a-z-]+): (.*)$/.exec(body);
    throw Object.assign(new Error(match?.[2] ?? body), { code: match?.[1] ?? 'internal' });
  }
});

contextBridge.exposeInMainWorld('canopy', api);
