import {
  REPORT_CHARTS,
  type ReportChart,
  SAVED_PERIODS,
  type SavedPeriod,
  type SavedReportView,
  savedReportBody,
} from '@ganxun/domain';
import type { FormInstance } from 'antd';
import {
  App,
  Checkbox,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Radio,
  Segmented,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText, useNotifyError } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { useCreateSavedReport, useDeleteSavedReport, useSavedReports, useUpdateSavedReport } from './api';

/** Field errors onto the form; anything else (and fields the form lacks) as a toast. */
function showError(form: FormInstance, e: unknown, notify: (e: unknown) => void) {
  const rest = applyFieldErrors(form, e);
  if (!(e instanceof ApiError) || e.fields.length === 0 || rest.length > 0) notify(e);
}

/** The saved reports (mine / shared with me) to open; the owner renames or deletes their own. */
export function SavedReportsList({
  activeId,
  onOpen,
}: {
  activeId: string | null;
  onOpen: (report: SavedReportView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notify = useNotifyError();
  const saved = useSavedReports();
  const remove = useDeleteSavedReport();
  const [tab, setTab] = useState<'mine' | 'shared'>('mine');
  const [renaming, setRenaming] = useState<SavedReportView | null>(null);
  const items = (saved.data?.items ?? []).filter((r) => (tab === 'mine' ? r.mine : !r.mine));
  return (
    <Flex vertical gap={8} data-testid="rb-saved-list">
      <Segmented<'mine' | 'shared'>
        block
        size="small"
        value={tab}
        onChange={setTab}
        options={[
          { value: 'mine', label: t('reportBuilder.saved.mine') },
          { value: 'shared', label: t('reportBuilder.saved.shared') },
        ]}
      />
      <div style={{ maxHeight: 220, overflowY: 'auto' }}>
        <List<SavedReportView>
          size="small"
          loading={saved.isPending}
          dataSource={items}
          locale={{
            emptyText: saved.isError ? (
              <Typography.Text type="danger">{errorText(saved.error, t)}</Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('reportBuilder.saved.empty')}</Typography.Text>
            ),
          }}
          renderItem={(r) => (
            <List.Item
              style={{
                paddingInline: 4,
                background: r.id === activeId ? 'var(--ant-color-primary-bg, #e6f4ff)' : undefined,
              }}
              actions={
                r.mine
                  ? [
                      <Typography.Link
                        key="rename"
                        data-testid="rb-saved-rename"
                        onClick={() => setRenaming(r)}
                      >
                        {t('reportBuilder.saved.rename')}
                      </Typography.Link>,
                      <Popconfirm
                        key="delete"
                        title={t('reportBuilder.saved.deleteConfirm', { name: r.name })}
                        onConfirm={() =>
                          remove
                            .mutateAsync(r.id)
                            .then(() => message.success(t('reportBuilder.saved.deleted')), notify)
                        }
                      >
                        <Typography.Link type="danger" data-testid="rb-saved-delete">
                          {t('reportBuilder.saved.delete')}
                        </Typography.Link>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Typography.Link
                data-testid="rb-saved-open"
                onClick={() => onOpen(r)}
                ellipsis
                style={{ maxWidth: 170 }}
              >
                {r.name}
              </Typography.Link>
              {r.mine ? (
                r.shared ? (
                  <Tag style={{ marginInlineStart: 4 }}>{t('reportBuilder.saved.isShared')}</Tag>
                ) : null
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                  {r.ownerName}
                </Typography.Text>
              )}
            </List.Item>
          )}
        />
      </div>
      <RenameModal report={renaming} onClose={() => setRenaming(null)} />
    </Flex>
  );
}

function RenameModal({ report, onClose }: { report: SavedReportView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const update = useUpdateSavedReport();
  const notify = useNotifyError();
  useEffect(() => {
    if (report) form.setFieldsValue({ name: report.name, shared: report.shared });
  }, [report, form]);
  return (
    <Modal
      open={!!report}
      title={t('reportBuilder.saved.rename')}
      onCancel={onClose}
      okButtonProps={{ loading: update.isPending }}
      onOk={async () => {
        if (!report) return;
        const values = await form.validateFields();
        try {
          await update.mutateAsync({ id: report.id, ...values });
          onClose();
        } catch (e) {
          showError(form, e, notify);
        }
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('reportBuilder.saved.name')}
          rules={[zodRule(savedReportBody.shape.name, t)]}
        >
          <Input data-testid="rb-rename-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked">
          <Checkbox>{t('reportBuilder.saved.shareLabel')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface SaveValues {
  name: string;
  period: SavedPeriod;
  chart: ReportChart;
  shared: boolean;
}

/** "保存": the current definition under a name, with a relative or fixed period, a chart, shared or not. */
export function SaveReportModal({
  open,
  initial,
  definition,
  onClose,
  onSaved,
}: {
  open: boolean;
  initial: Partial<SaveValues>;
  definition: Record<string, unknown>;
  onClose: () => void;
  onSaved: (report: SavedReportView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SaveValues>();
  const create = useCreateSavedReport();
  const notify = useNotifyError();
  useEffect(() => {
    if (open)
      form.setFieldsValue({ name: '', period: 'this_year', chart: 'table', shared: false, ...initial });
  }, [open, initial, form]);
  return (
    <Modal
      open={open}
      title={t('reportBuilder.saved.saveTitle')}
      onCancel={onClose}
      okText={t('reportBuilder.save')}
      okButtonProps={{ loading: create.isPending, id: 'rb-save-ok' }}
      onOk={async () => {
        const values = await form.validateFields();
        try {
          const saved = await create.mutateAsync({ ...values, definition });
          onSaved(saved);
        } catch (e) {
          showError(form, e, notify);
        }
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('reportBuilder.saved.name')}
          rules={[zodRule(savedReportBody.shape.name, t)]}
        >
          <Input data-testid="rb-save-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="period" label={t('reportBuilder.saved.period')}>
          <Radio.Group
            options={SAVED_PERIODS.map((p) => ({ value: p, label: t(`reportBuilder.saved.periods.${p}`) }))}
          />
        </Form.Item>
        <Form.Item name="chart" label={t('reportBuilder.chart')}>
          <Radio.Group
            options={REPORT_CHARTS.map((c) => ({ value: c, label: t(`reportBuilder.charts.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked" extra={t('reportBuilder.saved.shareHint')}>
          <Checkbox data-testid="rb-save-shared">{t('reportBuilder.saved.shareLabel')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
