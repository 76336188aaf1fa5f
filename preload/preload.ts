// The only bridge into the renderer: named, typed functions from bindApi over ipcRenderer.invoke. Neither
// ipcRenderer nor the IPC event object is ever exposed.
import { contextBridge, ipcRenderer } from 'electron';
import type { Progress } from '../helper/protocol';
import { bindApi, type ProgressListener } from './bind-api';

// Only one change runs at a time, so one listener slot serves the progress of the running one.
let listener: ProgressListener | null = null;
ipcRenderer.on('canopy:progress', (_event, progress: Progress) => {
  listener?.(progress);
});

const api = bindApi(async (method, params, onProgress) => {
  if (onProgress) listener = onProgress;
  try {
    return (await ipcRenderer.invoke(`canopy:${method}`, params, onProgress !== undefined)) as unknown;
  } catch (error) {
    // Electron prefixes the message with "Error invoking remote method ...: Error: "; keep the code and the line.
    const text = error instanceof Error ? error.message : String(error);
    const body = text.replace(/^Error invoking remote method '[^']+': (Error: )?/, '');
    const match = /^([a-z-]+): (.*)$/.exec(body);
    throw Object.assign(new Error(match?.[2] ?? body), { code: match?.[1] ?? 'internal' });
  } finally {
    if (onProgress && listener === onProgress) listener = null;
  }
});

contextBridge.exposeInMainWorld('canopy', api);
