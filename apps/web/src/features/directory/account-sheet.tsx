import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format';
import './directory.css';
import type { AccountSheetRow } from '@ganxun/domain';

/**
 * The printable account notice: rendered straight under <body>, hidden on screen, and the only
 * thing the print stylesheet (directory.css) lets through, so window.print() prints just the sheet.
 * One slip per person, to be cut apart and handed over.
 */
export function AccountSheet({ rows }: { rows: AccountSheetRow[] }) {
  const { t } = useTranslation();
  const printable = rows.filter((r) => r.password);
  const now = formatDateTime(new Date().toISOString());
  return createPortal(
    <div className="gx-print-sheet" data-testid="accounts-sheet">
      <h1>{t('directory.accounts.sheetTitle')}</h1>
      <p className="gx-print-meta">{t('directory.accounts.printedAt', { time: now })}</p>
      {printable.map((r) => (
        <table key={r.personId} className="gx-print-slip">
          <tbody>
            <tr>
              <th>{t('directory.accounts.name')}</th>
              <td>{r.name}</td>
              <th>{t('directory.accounts.unit')}</th>
              <td>{r.unitName}</td>
            </tr>
            <tr>
              <th>{t('directory.accounts.username')}</th>
              <td className="gx-mono">{r.username}</td>
              <th>{t('directory.accounts.password')}</th>
              <td className="gx-mono">{r.password}</td>
            </tr>
            <tr>
              <td colSpan={4} className="gx-print-note">
                {t('directory.accounts.sheetNote')}
              </td>
            </tr>
          </tbody>
        </table>
      ))}
    </div>,
    document.body,
  );
}
