import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The emblem and product name: one line in the header, a stacked title on the login page. */
export function BrandMark({ compact, large }: { compact?: boolean; large?: boolean }) {
  const { t } = useTranslation();
  if (large) {
    return (
      <div className="gx-brand-large" data-testid="brand">
        <img src="/favicon.svg" alt="" className="gx-brand-logo" />
        <div className="gx-brand-title">{t('app.shortName')}</div>
        <div className="gx-brand-subtitle">{t('app.subtitle')}</div>
        <span className="gx-visually-hidden">{t('app.name')}</span>
      </div>
    );
  }
  return (
    <Link to="/" className="gx-brand" data-testid="brand">
      <img src="/favicon.svg" alt="" className="gx-brand-logo" />
      <span className="gx-brand-text">{compact ? t('app.shortName') : t('app.name')}</span>
    </Link>
  );
}
