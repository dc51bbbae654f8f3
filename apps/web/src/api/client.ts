import type { ErrorBody, ErrorCode, FieldError } from '@ganxun/domain';
import { CSRF_HEADER } from '@ganxun/domain';

/** Codes the client can see: the server's codes plus a network failure that never reached it. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

/** An error response of the API (`{ error: { code, message, fields?, details? } }`) as a throwable. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: ClientErrorCode,
    message: string,
    fields?: FieldError[],
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields ?? [];
    this.details = details ?? {};
  }
}

export const API_BASE = '/api/v1';

// The CSRF token lives only in memory: it comes with /auth/me and the login response.
let csrfToken: string | null = null;
let currentLanguage = 'zh-CN';
let onUnauthenticated: ((code: ClientErrorCode) => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(language: string): void {
  currentLanguage = language;
}

/** Called when a request other than login answers 401, so the app can show the login page. */
export function setUnauthenticatedHandler(handler: ((code: ClientErrorCode) => void) | null): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `?a=1&b=2` from the defined, non-empty values. */
export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not report a 401 to the app (the login form handles its own). */
  quiet401?: boolean;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    typeof (value as { error: unknown }).error === 'object' &&
    typeof (value as ErrorBody).error?.code === 'string'
  );
}

/** One request to the API; resolves with the parsed JSON (or undefined for 204), rejects with ApiError. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let body: string | FormData | undefined;
  if (options.body instanceof FormData) {
    // No Content-Type: the browser writes multipart/form-data with its boundary.
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${toQueryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
  const text = await response.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) throw failure(response, data, options.quiet401);
  return data as T;
}

/** The ApiError of a failed response; a missing or ended session is also reported to the app. */
function failure(response: Response, data: unknown, quiet401 = false): ApiError {
  const error = isErrorBody(data)
    ? new ApiError(
        response.status,
        data.error.code,
        data.error.message,
        data.error.fields,
        data.error.details,
      )
    : new ApiError(response.status, response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', response.statusText);
  // Wrong passwords and codes are 401s too; only a missing or ended session signs the user out.
  if (!quiet401 && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')) {
    onUnauthenticated?.(error.code);
  }
  return error;
}

/**
 * Downloads a file from the API (xlsx templates, reports) and hands it to the browser to save,
 * named as the server's Content-Disposition says, else `fallbackName`. Rejects with ApiError.
 */
export function downloadFile(
  path: string,
  fallbackName: string,
  query?: Record<string, QueryValue>,
): Promise<void> {
  return saveFile('GET', `${path}${toQueryString(query)}`, fallbackName);
}

/**
 * POSTs a JSON body and saves the file the server answers with, like {@link downloadFile}: a
 * download that is also a write (accounts from people as xlsx), so it carries the CSRF header.
 */
export function postAndSave(path: string, body: unknown, fallbackName: string): Promise<void> {
  return saveFile('POST', path, fallbackName, body);
}

async function saveFile(
  method: 'GET' | 'POST',
  path: string,
  fallbackName: string,
  body?: unknown,
): Promise<void> {
  const headers: Record<string, string> = { 'Accept-Language': currentLanguage };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers[CSRF_HEADER] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      credentials: 'same-origin',
      headers,
      body: method === 'POST' ? JSON.stringify(body) : undefined,
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw failure(response, await response.json().catch(() => undefined));
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition) ?? /filename="?([^";]+)"?/i.exec(disposition);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** POST of a multipart form (file uploads); carries the CSRF header like every other write. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
};
