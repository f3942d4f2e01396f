import { API_BASE } from '../config';

/** An answer of the API other than 2xx, or no answer at all (status 0, code `network_error`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  token?: string | null;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

let onUnauthorized: (() => void) | null = null;

/** Called when a request that carried a token answers 401: the session is over. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export function apiUrl(path: string): string {
  return API_BASE + path;
}

export function authHeaders(token: string | null | undefined): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** One JSON call of the contract in API.md; throws {@link ApiError} on anything but 2xx. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(options.token) };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  return readJson<T>(response, Boolean(options.token));
}

export async function readJson<T>(response: Response, sentToken: boolean): Promise<T> {
  const text = await response.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) {
    const body = (json ?? {}) as { error?: unknown; message?: unknown };
    const code = typeof body.error === 'string' ? body.error : `http_${response.status}`;
    const message = typeof body.message === 'string' ? body.message : response.statusText;
    if (response.status === 401 && sentToken) onUnauthorized?.();
    throw new ApiError(response.status, code, message);
  }
  return json as T;
}

export function pageQuery(limit: number, before: string | null | undefined): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (before) params.set('before', before);
  return params.toString();
}
