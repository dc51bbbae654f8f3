import { useTranslation } from 'react-i18next';
import type { StreamState } from './api';

/** The stream's state as a dot and a word (green live, amber reconnecting). */
export function LiveDot({ state, testId }: { state: StreamState; testId: string }) {
  const { t } = useTranslation();
  return (
    <span className={`gx-qs-live gx-qs-live-${state}`} data-testid={testId} data-state={state}>
      <span className="gx-qs-live-dot" />
      {t(`questions.state.${state}`)}
    </span>
  );
}
