import { App } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/** The message to show for a failed request: the server's (already localised) or our own. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return t('errors.network');
    return error.message || t('errors.unknown');
  }
  return t('errors.unknown');
}

/** Shows a failed request as a toast; 401s are left to the login redirect. */
export function useNotifyError(): (error: unknown) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return;
      void message.error(errorText(error, t));
    },
    [message, t],
  );
}
