import { NARRATIVE_SCRIPTS, type NarrativeScript } from '@ganxun/domain';
import { Alert, Button, Empty, Flex, Segmented, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from '../../components/debounce';
import { errorText, useNotifyError } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { UnitPicker } from '../../components/unit-picker';
import {
  chinaYear,
  type DocumentChoice,
  type DocumentKind,
  downloadDocument,
  useClassLabel,
  useClassOptions,
  useGeneratedDocument,
} from './api';
import { PaperPreview } from './paper-preview';
import './documents.css';

const KINDS: readonly DocumentKind[] = ['annual', 'brief'];

/**
 * Generated documents (/documents): the annual work summary of a year (of the reader's scope or
 * one organiser) or a class's news brief, in Simplified or Traditional Chinese, previewed as a
 * page and downloaded as DOCX (editable) or PDF. The choices live in the URL.
 */
export default function DocumentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const kind: DocumentKind = params.get('kind') === 'brief' ? 'brief' : 'annual';
  const yearParam = Number(params.get('year'));
  const year =
    Number.isInteger(yearParam) && yearParam >= 1949 && yearParam <= 2100 ? yearParam : chinaYear();
  const script: NarrativeScript = params.get('script') === 'zh-TW' ? 'zh-TW' : 'zh-CN';
  const choice: DocumentChoice = {
    kind,
    year,
    organiserId: params.get('organiserId') || null,
    classId: params.get('classId') || null,
    script,
  };
  const update = (patch: Record<string, string | number | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );

  const { data, error, isFetching } = useGeneratedDocument(choice);
  const ready = kind === 'annual' || !!choice.classId;

  return (
    <div>
      <PageHeader title={t('documents.title')} description={t('documents.description')} />
      <Flex gap={12} wrap align="center" className="gx-documents-toolbar">
        <Segmented<DocumentKind>
          value={kind}
          onChange={(v) => update({ kind: v === 'annual' ? null : v })}
          options={KINDS.map((k) => ({ value: k, label: t(`documents.kinds.${k}`) }))}
          data-testid="documents-kind"
        />
        {kind === 'annual' ? (
          <>
            <YearSelect value={year} onChange={(y) => update({ year: y })} />
            <UnitPicker
              value={choice.organiserId}
              onChange={(id) => update({ organiserId: id })}
              placeholder={t('documents.organiserAll')}
              allowClear
              style={{ width: 280 }}
              data-testid="documents-organiser"
            />
          </>
        ) : (
          <ClassSelect value={choice.classId} onChange={(id) => update({ classId: id })} />
        )}
        <Segmented<NarrativeScript>
          value={script}
          onChange={(v) => update({ script: v === 'zh-CN' ? null : v })}
          options={NARRATIVE_SCRIPTS.map((s) => ({ value: s, label: t(`documents.scripts.${s}`) }))}
          data-testid="documents-script"
        />
        <Flex gap={8} className="gx-documents-downloads">
          <DownloadButton choice={choice} format="docx" disabled={!ready || !data} />
          <DownloadButton choice={choice} format="pdf" disabled={!ready || !data} />
        </Flex>
      </Flex>
      {!ready ? (
        <Empty description={t('documents.pickClass')} style={{ marginTop: 48 }} />
      ) : error ? (
        <Alert type="error" showIcon message={errorText(error, t)} style={{ marginTop: 16 }} />
      ) : (
        <Spin spinning={isFetching}>
          <div className="gx-documents-desk">
            {data ? (
              <PaperPreview document={data} />
            ) : (
              <div className="gx-documents-paper gx-documents-paper--empty" />
            )}
          </div>
        </Spin>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('documents.hint')}
      </Typography.Paragraph>
    </div>
  );
}

/** This year back to 2015 (and the chosen one). */
function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const { t } = useTranslation();
  const now = chinaYear();
  const years = Array.from({ length: now - 2014 }, (_, i) => now - i);
  if (!years.includes(value)) years.unshift(value);
  return (
    <Select<number>
      value={value}
      onChange={onChange}
      options={years.map((y) => ({ value: y, label: t('documents.yearOption', { year: y }) }))}
      style={{ width: 110 }}
      aria-label={t('documents.year')}
      data-testid="documents-year"
    />
  );
}

/** A class, searched by name or code. */
function ClassSelect({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q);
  const options = useClassOptions(search);
  const picked = useClassLabel(value);
  const items = (options.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }));
  if (picked.data && !items.some((o) => o.value === picked.data.id))
    items.unshift({ value: picked.data.id, label: `${picked.data.code} ${picked.data.name}` });
  return (
    <Select
      showSearch
      allowClear
      value={value ?? undefined}
      placeholder={t('documents.classPick')}
      filterOption={false}
      onSearch={setQ}
      onChange={(v) => onChange(v ?? null)}
      options={items}
      loading={options.isFetching}
      style={{ width: 380 }}
      data-testid="documents-class"
    />
  );
}

function DownloadButton({
  choice,
  format,
  disabled,
}: {
  choice: DocumentChoice;
  format: 'docx' | 'pdf';
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const notify = useNotifyError();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type={format === 'docx' ? 'primary' : 'default'}
      loading={busy}
      disabled={disabled}
      data-testid={`documents-${format}`}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadDocument(choice, format);
        } catch (e) {
          notify(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t(`documents.download.${format}`)}
    </Button>
  );
}
