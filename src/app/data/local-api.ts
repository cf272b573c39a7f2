/**
 * The local store's write side (the read side is the common source API, backend-queries.ts):
 * delete one trace, clear the store, save a file's bytes. Every write carries the
 * `X-Requested-With` header the server requires, and fails with a BackendRequestError
 * (message and hint from the server) like every other API call.
 */
import { BackendRequestError, fetchApiText } from './backend-api.ts';

const base = (source: string) => `/api/sources/${encodeURIComponent(source)}`;

/** 'already-gone' when the store no longer had it (deleted elsewhere, or by retention). */
export async function deleteLocalTrace(source: string, traceId: string): Promise<'deleted' | 'already-gone'> {
  try {
    await fetchApiText(`${base(source)}/traces/${encodeURIComponent(traceId)}`, undefined, { method: 'DELETE' });
    return 'deleted';
  } catch (error) {
    if (error instanceof BackendRequestError && error.status === 404) return 'already-gone';
    throw error;
  }
}

export async function clearLocalStore(source: string): Promise<void> {
  await fetchApiText(`${base(source)}/traces?all=true`, undefined, { method: 'DELETE' });
}

export interface SavedTraces {
  readonly traceIds: readonly string[];
  readonly spanCount: number;
}

/** POSTs a trace file's bytes as they are (any format the viewer reads); the server decodes them. */
export async function saveToLocalStore(source: string, bytes: Blob | ArrayBuffer | string): Promise<SavedTraces> {
  const text = await fetchApiText(`${base(source)}/traces`, undefined, { method: 'POST', body: bytes, contentType: 'application/octet-stream' });
  const value = (text === '' ? {} : JSON.parse(text)) as Partial<SavedTraces>;
  const traceIds = Array.isArray(value.traceIds) ? value.traceIds.filter((id): id is string => typeof id === 'string') : [];
  return { traceIds, spanCount: typeof value.spanCount === 'number' ? value.spanCount : 0 };
}
