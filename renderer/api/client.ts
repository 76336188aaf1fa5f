// The renderer's one API: the preload's in Electron, or the same functions over browser mode's HTTP API.
import type { Progress } from '../../helper/protocol';
import { bindApi, type CanopyApi, type ProgressListener } from '../../preload/bind-api';

const TOKEN_KEY = 'canopy-token';

/** The token comes in the URL once; it is kept for reloads and taken out of the address bar and history. */
function takeToken(): string {
  const url = new URL(globalThis.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    globalThis.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readStream(response: Response, onProgress: ProgressListener): Promise<unknown> {
  const reader = response.body?.getReader();
  if (!reader) throw new ApiError('internal', 'empty response');
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    buffered += decoder.decode(value, { stream: !done });
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const message = JSON.parse(buffered.slice(0, newline)) as { progress?: Progress; result?: unknown; error?: { code: string; message: string } };
      buffered = buffered.slice(newline + 1);
      if (message.progress) onProgress(message.progress);
      else if (message.error) throw new ApiError(message.error.code, message.error.message);
      else return message.result;
      newline = buffered.indexOf('\n');
    }
    if (done) throw new ApiError('internal', 'the answer ended early');
  }
}

function browserApi(): CanopyApi {
  const token = takeToken();
  return bindApi(async (method, params, onProgress) => {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(onProgress ? { accept: 'application/x-ndjson' } : {}),
      },
      body: JSON.stringify(params),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({ code: 'internal', message: response.statusText }))) as { code: string; message: string };
      throw new ApiError(body.code, body.message);
    }
    return onProgress && response.headers.get('content-type')?.includes('ndjson') ? readStream(response, onProgress) : response.json();
  });
}

const bridged = (globalThis as { canopy?: CanopyApi }).canopy;

export const api: CanopyApi = bridged ?? browserApi();

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
