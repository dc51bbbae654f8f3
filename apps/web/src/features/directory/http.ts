import { CSRF_HEADER, type ErrorBody } from '@ganxun/domain';
import { API_BASE, ApiError } from '../../api/client';
import { currentLanguage } from '../../app/i18n';

/** The file name from Content-Disposition (RFC 5987 `filename*` first). */
function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  if (encoded?.[1]) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

/**
 * POSTs a JSON body and saves the file the server answers with: the one download that is also a
 * write (accounts from people as xlsx), which `downloadFile` in api/client (GET only) does not
 * cover. The CSRF token is the caller's `me.csrfToken`.
 */
export async function postAndSave(
  path: string,
  body: unknown,
  fallbackName: string,
  csrfToken: string,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: 'POST',
      headers: {
        'Accept-Language': currentLanguage(),
        'Content-Type': 'application/json',
        [CSRF_HEADER]: csrfToken,
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) {
    const error = ((await response.json().catch(() => null)) as ErrorBody | null)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? (response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
      error?.message ?? response.statusText,
      error?.fields,
      error?.details,
    );
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(response, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
