import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The emblem and product name shown in the header and on the login page. */
export function BrandMark({ compact, large }: { compact?: boolean; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" className={large ? 'gx-brand gx-brand-large' : 'gx-brand'} data-testid="brand">
      <img src="/favicon.svg" alt="" className="gx-brand-logo" />
      <span className="gx-brand-text">{compact ? t('app.shortName') : t('app.name')}</span>
    </Link>
  );
}
