import { DeleteOutlined } from '@ant-design/icons';
import type { ClassView, QuotaList } from '@ganxun/domain';
import { Alert, App, Button, Card, Flex, InputNumber, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { RegionPicker, regionName } from '../../components/region-picker';
import { UnitPicker } from '../../components/unit-picker';
import { useRegion, useUnit } from '../directory/api';
import { AllocationSummary } from './allocation-summary';
import { usePutQuotas, useSplitQuotas } from './api';
import {
  addHolder,
  applySplit,
  holderKey,
  putBody,
  type QuotaRow,
  quotaTotals,
  rowsBelowUsed,
  rowsFromQuotas,
  splitBody,
} from './quota-math';

/** The name of a holder added in the editor (saved quotas carry theirs). */
function HolderName({ row }: { row: QuotaRow }) {
  const region = useRegion(row.holderName ? null : row.regionCode);
  const unit = useUnit(row.holderName ? null : row.unitId);
  if (row.holderName) return <>{row.holderName}</>;
  if (row.regionCode) return <>{region.data ? regionName(region.data) : row.regionCode}</>;
  return <>{unit.data?.name ?? '…'}</>;
}

/**
 * Edits a class's quotas as a whole: add regions or units, type seats (and weights), or let the
 * server split a number of seats evenly or by weights (largest remainder) as a preview; saving
 * replaces all quotas at once. Saving is refused here when the seats exceed the capacity or fall
 * below what nominations already hold.
 */
export function QuotaEditor({ cls, list, onDone }: { cls: ClassView; list: QuotaList; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [rows, setRows] = useState<QuotaRow[]>(() => rowsFromQuotas(list.items));
  const [splitTotal, setSplitTotal] = useState<number | null>(list.capacity);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const split = useSplitQuotas();
  const save = usePutQuotas();
  const capacity = list.capacity;
  const totals = quotaTotals(rows, capacity);
  const below = new Set(rowsBelowUsed(rows));

  const change = (index: number, patch: Partial<QuotaRow>) => {
    setRows((old) => old.map((r, i) => (i === index ? { ...r, ...patch } : r)));
    setRowErrors((old) => {
      const { [index]: _drop, ...rest } = old;
      return rest;
    });
  };

  const runSplit = async (method: 'even' | 'weights') => {
    setFormError(null);
    try {
      const preview = await split.mutateAsync({
        id: cls.id,
        ...splitBody(rows, method, splitTotal ?? undefined),
      });
      setRows((old) => applySplit(old, preview));
      setRowErrors({});
    } catch (error) {
      setFormError(errorText(error, t));
    }
  };

  const submit = async () => {
    setFormError(null);
    try {
      await save.mutateAsync({ id: cls.id, ...putBody(rows) });
      void message.success(t('classes.quotas.saved'));
      onDone();
    } catch (error) {
      const byRow: Record<number, string> = {};
      const other: string[] = [];
      if (error instanceof ApiError) {
        for (const f of error.fields) {
          const m = /^quotas\.(\d+)/.exec(f.path);
          if (m) byRow[Number(m[1])] = f.message;
          else other.push(f.message);
        }
      }
      setRowErrors(byRow);
      setFormError(other.length ? other.join('; ') : Object.keys(byRow).length ? null : errorText(error, t));
    }
  };

  const blocked = totals.over || below.size > 0;
  return (
    <Flex vertical gap={12} data-testid="quota-editor">
      <Flex gap={8} wrap align="center">
        <Typography.Text>{t('classes.quotas.addRegion')}</Typography.Text>
        <RegionPicker
          value={null}
          onChange={(code) => code && setRows((old) => addHolder(old, { kind: 'region', code }))}
          placeholder={t('classes.quotas.addRegionPlaceholder')}
          style={{ width: 220, maxWidth: '100%' }}
          data-testid="quota-add-region"
        />
        <Typography.Text>{t('classes.quotas.addUnit')}</Typography.Text>
        <UnitPicker
          value={null}
          onChange={(id) => id && setRows((old) => addHolder(old, { kind: 'unit', id }))}
          placeholder={t('classes.quotas.addUnitPlaceholder')}
          style={{ width: 260, maxWidth: '100%' }}
          data-testid="quota-add-unit"
        />
      </Flex>
      <Card size="small">
        <Flex gap={8} wrap align="center">
          <Typography.Text>{t('classes.quotas.splitSeats')}</Typography.Text>
          <InputNumber
            min={0}
            max={100_000}
            precision={0}
            value={splitTotal}
            onChange={(v) => setSplitTotal(v ?? null)}
            placeholder={t('classes.field.capacity')}
            style={{ width: 110 }}
            data-testid="quota-split-total"
          />
          <Button
            onClick={() => void runSplit('even')}
            disabled={rows.length === 0}
            loading={split.isPending && split.variables?.method === 'even'}
            data-testid="quota-split-even"
          >
            {t('classes.quotas.splitEven')}
          </Button>
          <Button
            onClick={() => void runSplit('weights')}
            disabled={rows.length === 0}
            loading={split.isPending && split.variables?.method === 'weights'}
            data-testid="quota-split-weights"
          >
            {t('classes.quotas.splitWeights')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('classes.quotas.splitHint')}
          </Typography.Text>
        </Flex>
      </Card>
      <Table<QuotaRow & { index: number }>
        rowKey={(r) => holderKey(r)}
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows.map((r, index) => ({ ...r, index }))}
        locale={{ emptyText: t('classes.quotas.editorEmpty') }}
        columns={[
          {
            title: t('classes.quotas.holder'),
            key: 'holder',
            render: (_, r) => (
              <Flex vertical gap={2}>
                <Flex gap={6} align="center">
                  <Tag style={{ marginInlineEnd: 0 }}>
                    {r.regionCode ? t('classes.quotas.region') : t('classes.quotas.unit')}
                  </Tag>
                  <HolderName row={r} />
                </Flex>
                {rowErrors[r.index] ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {rowErrors[r.index]}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('classes.quotas.weight'),
            key: 'weight',
            width: 120,
            render: (_, r) => (
              <InputNumber
                min={0}
                max={1_000_000}
                value={r.weight}
                placeholder="1"
                onChange={(v) => change(r.index, { weight: v ?? null })}
                style={{ width: 100 }}
              />
            ),
          },
          {
            title: t('classes.quotas.seats'),
            key: 'seats',
            width: 120,
            render: (_, r) => (
              <InputNumber
                min={0}
                max={100_000}
                precision={0}
                value={r.seats}
                status={below.has(holderKey(r)) || rowErrors[r.index] ? 'error' : undefined}
                onChange={(v) => change(r.index, { seats: v ?? 0 })}
                style={{ width: 100 }}
                data-testid="quota-seats"
              />
            ),
          },
          {
            title: t('classes.quotas.used'),
            key: 'used',
            width: 80,
            align: 'right',
            render: (_, r) =>
              below.has(holderKey(r)) ? (
                <Tooltip title={t('classes.quotas.belowUsed', { used: r.used })}>
                  <Typography.Text type="danger">{r.used}</Typography.Text>
                </Tooltip>
              ) : (
                r.used
              ),
          },
          {
            key: 'remove',
            width: 48,
            render: (_, r) => (
              <Tooltip title={r.used > 0 ? t('classes.quotas.cannotRemove') : t('classes.form.remove')}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={r.used > 0}
                  onClick={() => setRows((old) => old.filter((_, i) => i !== r.index))}
                  aria-label={t('classes.form.remove')}
                />
              </Tooltip>
            ),
          },
        ]}
        data-testid="quota-editor-table"
      />
      <AllocationSummary allocated={totals.allocated} capacity={capacity} />
      {totals.over ? (
        <Alert
          type="error"
          showIcon
          title={t('classes.quotas.overCapacity', { allocated: totals.allocated, capacity: capacity ?? 0 })}
          data-testid="quota-over"
        />
      ) : null}
      {below.size > 0 ? <Alert type="error" showIcon title={t('classes.quotas.belowUsedAlert')} /> : null}
      {formError ? <Alert type="error" showIcon title={formError} data-testid="quota-error" /> : null}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button
          type="primary"
          onClick={() => void submit()}
          disabled={blocked}
          loading={save.isPending}
          data-testid="quota-save"
        >
          {t('classes.quotas.save')}
        </Button>
      </Flex>
    </Flex>
  );
}
