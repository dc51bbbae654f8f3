import {
  FACT_DIMENSIONS,
  FILTER_FACTS,
  MEASURE_FACT,
  PERSON_CATEGORIES,
  REPORT_DIMENSIONS,
  REPORT_MEASURES,
  type ReportDimension,
  type ReportFilter,
  type ReportMeasure,
  SPECIALTIES,
} from '@ganxun/domain';
import { Checkbox, DatePicker, Flex, Input, Select, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RegionPicker } from '../../components/region-picker';
import { UnitPicker } from '../../components/unit-picker';
import { useClassKinds } from '../classes/api';
import { usePartnershipOptions } from '../partnerships/api';
import { usePlanItems } from './api';
import { type Draft, thisYear, wholeYear, yearRange } from './definition';

/** Why a measure cannot use a dimension or filter (its fact: anonymous forms, secondments). */
export function useRefusal() {
  const { t } = useTranslation();
  return (measure: ReportMeasure, thing: string) =>
    t(`reportBuilder.why.${MEASURE_FACT[measure]}`, {
      measure: t(`reportBuilder.measure.${measure}`),
      thing,
    });
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rb-field">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

/** Holds a disabled control's reason in a tooltip (a disabled control gets no pointer events). */
function Refused({ reason, children }: { reason: string | null; children: ReactNode }) {
  if (!reason) return <>{children}</>;
  return (
    <Tooltip title={reason}>
      <div style={{ cursor: 'not-allowed' }}>{children}</div>
    </Tooltip>
  );
}

/**
 * The left panel: dimensions (ordered, at most 3), measures, period and filters. A dimension,
 * measure or filter the current choice cannot use is disabled with the reason in a tooltip.
 */
export function DefinitionPanel({ draft, onChange }: { draft: Draft; onChange: (draft: Draft) => void }) {
  const { t } = useTranslation();
  const refusal = useRefusal();
  const kinds = useClassKinds();
  const pairings = usePartnershipOptions();
  const year = wholeYear(draft.from, draft.to);
  const planItems = usePlanItems(year ?? Number(draft.from.slice(0, 4)));
  const set = (patch: Partial<Draft>) => onChange({ ...draft, ...patch });
  const setFilter = (f: ReportFilter, v: string | null | undefined) =>
    set({ filters: { ...draft.filters, [f]: v || undefined } });

  const dimensionLabel = (d: ReportDimension) => t(`reportBuilder.dimension.${d}`);
  const filterLabel = (f: ReportFilter) => t(`reportBuilder.filter.${f}`);
  /** The first chosen measure refusing a dimension, with its reason. */
  const dimensionRefusal = (d: ReportDimension) => {
    const m = draft.measures.find((x) => !FACT_DIMENSIONS[MEASURE_FACT[x]].includes(d));
    return m ? refusal(m, dimensionLabel(d)) : null;
  };
  const filterRefusal = (f: ReportFilter) => {
    const m = draft.measures.find((x) => !FILTER_FACTS[f].includes(MEASURE_FACT[x]));
    return m ? refusal(m, filterLabel(f)) : null;
  };
  /** A measure that cannot go with a chosen dimension or a set filter. */
  const measureRefusal = (m: ReportMeasure) => {
    const fact = MEASURE_FACT[m];
    const d = draft.dimensions.find((x) => !FACT_DIMENSIONS[fact].includes(x));
    if (d) return refusal(m, dimensionLabel(d));
    const f = (Object.keys(draft.filters) as ReportFilter[]).find(
      (x) => draft.filters[x] && FILTER_FACTS[x] && !FILTER_FACTS[x].includes(fact),
    );
    return f ? refusal(m, filterLabel(f)) : null;
  };

  const years = Array.from({ length: thisYear() - 2005 + 2 }, (_, i) => thisYear() + 1 - i);
  const filterControl = (f: ReportFilter, control: (disabled: boolean) => ReactNode) => {
    const reason = filterRefusal(f);
    return (
      <Field key={f} label={filterLabel(f)}>
        <Refused reason={reason}>{control(!!reason && !draft.filters[f])}</Refused>
      </Field>
    );
  };

  return (
    <Flex vertical gap={14}>
      <Field label={t('reportBuilder.dimensions')}>
        <Select<ReportDimension[]>
          mode="multiple"
          maxCount={3}
          data-testid="rb-dimension"
          style={{ width: '100%' }}
          placeholder={t('reportBuilder.dimensionsPlaceholder')}
          value={draft.dimensions}
          onChange={(dimensions) => set({ dimensions })}
          optionLabelProp="label"
          options={REPORT_DIMENSIONS.map((d) => {
            const reason = draft.dimensions.includes(d) ? null : dimensionRefusal(d);
            return {
              value: d,
              label: dimensionLabel(d),
              disabled: !!reason,
              title: reason ?? dimensionLabel(d),
            };
          })}
          optionRender={(option) => {
            const reason = option.data.disabled ? option.data.title : null;
            return reason ? (
              <Tooltip title={reason} placement="right">
                <span style={{ display: 'block' }} data-testid={`rb-dimension-${option.value}`}>
                  {option.data.label}
                </span>
              </Tooltip>
            ) : (
              <span data-testid={`rb-dimension-${option.value}`}>{option.data.label}</span>
            );
          }}
          tagRender={({ label, value, closable, onClose }) => {
            const reason = dimensionRefusal(value as ReportDimension);
            const index = draft.dimensions.indexOf(value as ReportDimension);
            return (
              <Tooltip title={reason}>
                <span className={`rb-tag${reason ? ' rb-tag-bad' : ''}`}>
                  <span className="rb-tag-index">{index + 1}</span>
                  {label}
                  {closable ? (
                    <button
                      type="button"
                      className="rb-tag-close"
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={onClose}
                    >
                      ×
                    </button>
                  ) : null}
                </span>
              </Tooltip>
            );
          }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reportBuilder.dimensionsHint')}
        </Typography.Text>
      </Field>

      <Field label={t('reportBuilder.measures')}>
        <Flex vertical gap={4}>
          {REPORT_MEASURES.map((m) => {
            const reason = measureRefusal(m);
            const checked = draft.measures.includes(m);
            return (
              <Refused key={m} reason={reason}>
                <Checkbox
                  data-testid={`rb-measure-${m}`}
                  checked={checked}
                  disabled={!!reason && !checked}
                  onChange={(e) =>
                    set({
                      measures: e.target.checked
                        ? REPORT_MEASURES.filter((x) => x === m || draft.measures.includes(x))
                        : draft.measures.filter((x) => x !== m),
                    })
                  }
                >
                  <span className={reason && checked ? 'rb-bad' : undefined}>
                    {t(`reportBuilder.measure.${m}`)}
                  </span>
                </Checkbox>
              </Refused>
            );
          })}
        </Flex>
      </Field>

      <Field label={t('reportBuilder.period')}>
        <Select<number | 'custom'>
          data-testid="rb-year"
          style={{ width: '100%' }}
          value={year ?? 'custom'}
          onChange={(v) => {
            if (v !== 'custom') set(yearRange(v));
          }}
          options={[
            ...years.map((y) => ({ value: y, label: t('reportBuilder.year', { year: y }) })),
            { value: 'custom' as const, label: t('reportBuilder.customRange'), disabled: true },
          ]}
        />
        <Flex gap={6} align="center">
          <DatePicker
            data-testid="rb-from"
            allowClear={false}
            style={{ flex: 1 }}
            value={dayjs(draft.from)}
            onChange={(d) => d && set({ from: d.format('YYYY-MM-DD') })}
          />
          <span>~</span>
          <DatePicker
            data-testid="rb-to"
            allowClear={false}
            style={{ flex: 1 }}
            value={dayjs(draft.to)}
            onChange={(d) => d && set({ to: d.format('YYYY-MM-DD') })}
          />
        </Flex>
      </Field>

      <Typography.Text strong>{t('reportBuilder.filters')}</Typography.Text>
      {filterControl('classKind', (disabled) => (
        <Select
          data-testid="rb-filter-classKind"
          allowClear
          disabled={disabled}
          style={{ width: '100%' }}
          placeholder={t('reportBuilder.any')}
          value={draft.filters.classKind}
          onChange={(v) => setFilter('classKind', v)}
          options={kinds.options}
          loading={kinds.loading}
        />
      ))}
      {filterControl('organiserId', (disabled) => (
        <UnitPicker
          data-testid="rb-filter-organiser"
          allowClear
          disabled={disabled}
          style={{ width: '100%' }}
          placeholder={t('reportBuilder.any')}
          value={draft.filters.organiserId ?? null}
          onChange={(v) => setFilter('organiserId', v)}
        />
      ))}
      {filterControl('regionCode', (disabled) => (
        <RegionPicker
          data-testid="rb-filter-region"
          allowClear
          disabled={disabled}
          style={{ width: '100%' }}
          placeholder={t('reportBuilder.any')}
          value={draft.filters.regionCode ?? null}
          onChange={(v) => setFilter('regionCode', v)}
        />
      ))}
      {filterControl('unitId', (disabled) => (
        <UnitPicker
          data-testid="rb-filter-unit"
          allowClear
          disabled={disabled}
          style={{ width: '100%' }}
          placeholder={t('reportBuilder.any')}
          value={draft.filters.unitId ?? null}
          onChange={(v) => setFilter('unitId', v)}
        />
      ))}
      {filterControl('partnershipId', (disabled) => (
        <Select
          data-testid="rb-filter-pairing"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          disabled={disabled}
          style={{ width: '100%' }}
          placeholder={t('reportBuilder.any')}
          value={draft.filters.partnershipId}
          onChange={(v) => setFilter('partnershipId', v)}
          loading={pairings.isPending}
          options={(pairings.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
      ))}
      {filterControl('planItemId', (disabled) => (
        <Select
          data-testid="rb-filter-series"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          disabled={disabled}
          style={{ width: '100%' }}
          placeholder={t('reportBuilder.seriesPlaceholder')}
          value={draft.filters.planItemId}
          onChange={(v) => setFilter('planItemId', v)}
          loading={planItems.loading}
          options={planItems.items}
          notFoundContent={t('reportBuilder.seriesNone')}
          popupMatchSelectWidth={false}
        />
      ))}
      {filterControl('topic', (disabled) => (
        <Input
          data-testid="rb-filter-topic"
          allowClear
          disabled={disabled}
          placeholder={t('reportBuilder.any')}
          value={draft.filters.topic ?? ''}
          onChange={(e) => setFilter('topic', e.target.value.trim())}
        />
      ))}
      {filterControl('tag', (disabled) => (
        <Input
          data-testid="rb-filter-tag"
          allowClear
          disabled={disabled}
          placeholder={t('reportBuilder.any')}
          value={draft.filters.tag ?? ''}
          onChange={(e) => setFilter('tag', e.target.value.trim())}
        />
      ))}
      {filterControl('category', (disabled) => (
        <Select
          data-testid="rb-filter-category"
          allowClear
          disabled={disabled}
          style={{ width: '100%' }}
          placeholder={t('reportBuilder.any')}
          value={draft.filters.category}
          onChange={(v) => setFilter('category', v)}
          options={PERSON_CATEGORIES.map((c) => ({ value: c, label: t(`directory.category.${c}`) }))}
        />
      ))}
      {filterControl('specialty', (disabled) => (
        <Select
          data-testid="rb-filter-specialty"
          allowClear
          disabled={disabled}
          style={{ width: '100%' }}
          placeholder={t('reportBuilder.any')}
          value={draft.filters.specialty}
          onChange={(v) => setFilter('specialty', v)}
          options={SPECIALTIES.map((s) => ({ value: s, label: t(`directory.specialty.${s}`) }))}
        />
      ))}
    </Flex>
  );
}
