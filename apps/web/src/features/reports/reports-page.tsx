import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { AnnualTab } from './annual-tab';
import { chinaYear } from './api';
import { ClassTab } from './class-tab';
import { PairingTab } from './pairing-tab';
import { PersonTab } from './person-tab';

const TABS = ['annual', 'class', 'pairing', 'person'] as const;
type Tab = (typeof TABS)[number];

/**
 * Standard reports (/reports): the annual training report, a class's summary, a pairing's annual
 * exchange report and a person's training archive. The tab and each tab's choices live in the URL
 * (`?tab=class&classId=…`), so a report can be linked and reloaded.
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'annual';
  const yearParam = Number(params.get('year'));
  const year =
    Number.isInteger(yearParam) && yearParam >= 1949 && yearParam <= 2100 ? yearParam : chinaYear();
  const get = (key: string) => params.get(key) || null;
  const update = (patch: Record<string, string | number | null | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined) continue;
          if (v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );

  return (
    <div>
      <PageHeader title={t('reports.title')} description={t('reports.description')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'annual' ? null : key })}
        items={[
          {
            key: 'annual',
            label: <span data-testid="reports-tab-annual">{t('reports.tabs.annual')}</span>,
            children: (
              <AnnualTab year={year} organiserId={get('organiserId')} onChange={(patch) => update(patch)} />
            ),
          },
          {
            key: 'class',
            label: <span data-testid="reports-tab-class">{t('reports.tabs.class')}</span>,
            children: <ClassTab classId={get('classId')} onChange={(id) => update({ classId: id })} />,
          },
          {
            key: 'pairing',
            label: <span data-testid="reports-tab-pairing">{t('reports.tabs.pairing')}</span>,
            children: (
              <PairingTab pairingId={get('pairingId')} year={year} onChange={(patch) => update(patch)} />
            ),
          },
          {
            key: 'person',
            label: <span data-testid="reports-tab-person">{t('reports.tabs.person')}</span>,
            children: <PersonTab personId={get('personId')} onChange={(id) => update({ personId: id })} />,
          },
        ]}
        destroyOnHidden
      />
    </div>
  );
}
