import { BellOutlined, DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import type { ClassView, SurveyFormRow, SurveyFormStatus } from '@ganxun/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Flex,
  Form,
  Grid,
  InputNumber,
  Popconfirm,
  Progress,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText, useNotifyError } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import {
  exportClassResults,
  useClassForms,
  useClassSummary,
  useCloseForm,
  useFormResults,
  useRemind,
  useSaveSurveySettings,
  useSurveySettings,
  useTemplates,
} from './api';
import { percent } from './labels';
import { ResultsView } from './results-view';

export const STATUS_COLOR: Record<SurveyFormStatus, string> = {
  not_open: 'default',
  open: 'processing',
  closed: 'success',
  withdrawn: 'warning',
};

/** The class summary card: overall lecture satisfaction, the class form's, the response rate. */
function SummaryCard({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const summary = useClassSummary(classId);
  if (summary.isLoading) return <Skeleton active />;
  if (summary.isError) return <Alert type="error" showIcon title={errorText(summary.error, t)} />;
  const s = summary.data;
  if (!s) return null;
  const hiddenText = t('surveys.summary.hidden', { n: s.minResponses });
  const cf = s.classForm;
  return (
    <Card size="small" title={t('surveys.summary.title')} data-testid="survey-summary">
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Statistic
            title={t('surveys.summary.overall')}
            value={s.overall.hidden ? '—' : percent(s.overall.score?.satisfiedShare)}
          />
          <Typography.Text type="secondary">
            {s.overall.hidden
              ? hiddenText
              : `${t('surveys.summary.mean')} ${s.overall.score?.mean ?? '—'} · ${t('surveys.summary.responses', { n: s.overall.responses })}`}
          </Typography.Text>
        </Col>
        <Col xs={24} sm={8}>
          <Statistic
            title={t('surveys.summary.classForm')}
            value={!cf || cf.results.hidden ? '—' : percent(cf.score?.satisfiedShare)}
          />
          <Typography.Text type="secondary">
            {!cf || cf.results.hidden
              ? hiddenText
              : `${t('surveys.summary.mean')} ${cf.score?.mean ?? '—'} · ${t('surveys.summary.responses', { n: cf.results.responses })}`}
          </Typography.Text>
        </Col>
        <Col xs={24} sm={8}>
          <Statistic title={t('surveys.summary.rate')} value={percent(s.rate.rate)} />
          <Typography.Text type="secondary">
            {t('surveys.results.rate', { responded: s.rate.responded, expected: s.rate.expected })}
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}

/** The drawer of one form's results. */
function ResultsDrawer({ formId, onClose }: { formId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const results = useFormResults(formId);
  const data = results.data;
  return (
    <Drawer
      open={Boolean(formId)}
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={data ? data.title : t('surveys.results.title')}
      destroyOnHidden
    >
      {results.isLoading ? (
        <Skeleton active />
      ) : results.isError ? (
        <Alert type="error" showIcon title={errorText(results.error, t)} />
      ) : data ? (
        <Flex vertical gap={12}>
          <Typography.Text>
            {t('surveys.results.rate', { responded: data.rate.responded, expected: data.rate.expected })}
            {data.rate.rate !== null ? ` (${percent(data.rate.rate)})` : ''}
          </Typography.Text>
          <ResultsView results={data.results} />
        </Flex>
      ) : null}
    </Drawer>
  );
}

/** The class's templates and threshold. */
function SettingsDrawer({ classId, open, onClose }: { classId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm();
  const settings = useSurveySettings(classId);
  const templates = useTemplates();
  const save = useSaveSurveySettings(classId);
  useEffect(() => {
    if (open && settings.data) form.setFieldsValue(settings.data);
  }, [open, settings.data, form]);
  const optionsFor = (target: 'lecture' | 'class') => [
    { value: '', label: t('surveys.settings.builtin') },
    ...(templates.data?.items ?? [])
      .filter((x) => !x.builtin && !x.archived && x.target === target)
      .map((x) => ({ value: x.id, label: x.name })),
  ];
  const onFinish = async (values: {
    lectureTemplateId: string | null;
    classTemplateId: string | null;
    minResponses: number;
  }) => {
    try {
      await save.mutateAsync({
        lectureTemplateId: values.lectureTemplateId || null,
        classTemplateId: values.classTemplateId || null,
        minResponses: values.minResponses,
      });
      message.success(t('surveys.settings.saved'));
      onClose();
    } catch (e) {
      const rest = applyFieldErrors(form, e);
      if (rest.length) message.error(rest.join('; '));
    }
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.md ? 480 : '100%'}
      title={t('surveys.settings.title')}
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="survey-settings-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ minResponses: 5 }}>
        <Form.Item
          name="lectureTemplateId"
          label={t('surveys.settings.lectureTemplate')}
          normalize={(v) => v || null}
        >
          <Select
            options={optionsFor('lecture')}
            allowClear={false}
            placeholder={t('surveys.settings.builtin')}
          />
        </Form.Item>
        <Form.Item
          name="classTemplateId"
          label={t('surveys.settings.classTemplate')}
          normalize={(v) => v || null}
        >
          <Select
            options={optionsFor('class')}
            allowClear={false}
            placeholder={t('surveys.settings.builtin')}
          />
        </Form.Item>
        <Form.Item
          name="minResponses"
          label={t('surveys.settings.minResponses')}
          extra={t('surveys.settings.minHelp')}
          rules={[{ required: true }]}
        >
          <InputNumber min={3} max={100} precision={0} />
        </Form.Item>
        <Alert type="info" showIcon title={t('surveys.settings.applyNote')} />
      </Form>
    </Drawer>
  );
}

/** The class's 评估 tab: forms with response rates, reminders, results, summary, settings, export. */
export function EvaluationTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const forms = useClassForms(cls.id);
  const remind = useRemind(cls.id);
  const close = useCloseForm(cls.id);
  const [resultsOf, setResultsOf] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [exporting, setExporting] = useState(false);

  const doRemind = async (id: string) => {
    try {
      const res = await remind.mutateAsync(id);
      message.success(t('surveys.tab.reminded', { n: res.recipients }));
    } catch (e) {
      notifyError(e);
    }
  };
  const doExport = async () => {
    setExporting(true);
    try {
      await exportClassResults(cls.id, cls.code);
    } catch (e) {
      notifyError(e);
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<SurveyFormRow> = [
    {
      title: t('surveys.tab.title'),
      key: 'title',
      render: (_, f) => (
        <Flex vertical>
          <Typography.Text strong>
            {f.target === 'class' ? t('surveys.tab.classForm') : f.title}
          </Typography.Text>
          {f.item ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(f.item.startsAt)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('surveys.tab.speakers'),
      key: 'speakers',
      responsive: ['md'],
      render: (_, f) => f.item?.speakers.join('、') ?? '—',
    },
    {
      title: t('surveys.tab.window'),
      key: 'window',
      responsive: ['lg'],
      render: (_, f) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {formatDateTime(f.opensAt)} – {formatDateTime(f.closedAt ?? f.closesAt)}
        </Typography.Text>
      ),
    },
    {
      title: t('surveys.tab.status'),
      key: 'status',
      render: (_, f) => <Tag color={STATUS_COLOR[f.status]}>{t(`surveys.status.${f.status}`)}</Tag>,
    },
    {
      title: t('surveys.tab.rate'),
      key: 'rate',
      width: 180,
      render: (_, f) => (
        <Flex vertical>
          <Progress percent={Math.round((f.rate ?? 0) * 100)} size="small" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('surveys.results.rate', { responded: f.responded, expected: f.expected })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('surveys.tab.actions'),
      key: 'actions',
      render: (_, f) => (
        <Flex gap={4} wrap>
          <Button
            size="small"
            icon={<BellOutlined />}
            disabled={f.status !== 'open' || f.responded >= f.expected}
            loading={remind.isPending && remind.variables === f.id}
            onClick={() => doRemind(f.id)}
            title={
              f.reminders.count
                ? t('surveys.tab.remindCount', {
                    n: f.reminders.count,
                    at: formatDateTime(f.reminders.lastSentAt),
                  })
                : undefined
            }
            data-testid="survey-remind"
          >
            {t('surveys.tab.remind')}
            {f.reminders.count ? ` (${f.reminders.count})` : ''}
          </Button>
          <Button size="small" onClick={() => setResultsOf(f.id)} data-testid="survey-results">
            {t('surveys.tab.results')}
          </Button>
          {f.status === 'open' ? (
            <Popconfirm
              title={t('surveys.tab.closeConfirm')}
              onConfirm={() => close.mutateAsync(f.id).catch(notifyError)}
            >
              <Button size="small" type="text">
                {t('surveys.tab.close')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <SummaryCard classId={cls.id} />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('surveys.tab.forms')}
        </Typography.Title>
        <Flex gap={8}>
          <Button
            icon={<SettingOutlined />}
            onClick={() => setSettingsOpen(true)}
            data-testid="survey-settings"
          >
            {t('surveys.tab.settings')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={doExport}
            data-testid="survey-export"
          >
            {t('surveys.tab.export')}
          </Button>
        </Flex>
      </Flex>
      {forms.isError ? (
        <Alert type="error" showIcon title={errorText(forms.error, t)} />
      ) : (
        <Table
          data-testid="survey-forms"
          rowKey="id"
          size="small"
          loading={forms.isLoading}
          columns={columns}
          dataSource={forms.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('surveys.tab.empty') }}
          onRow={() => ({ 'data-testid': 'survey-row' }) as HTMLAttributes<HTMLElement>}
        />
      )}
      <ResultsDrawer formId={resultsOf} onClose={() => setResultsOf(null)} />
      <SettingsDrawer classId={cls.id} open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </Flex>
  );
}
