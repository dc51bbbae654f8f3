import { type StudyHourSettings, studyHourSettings } from '@ganxun/domain';
import { App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { usePutStudyHourSettings, useStudyHourSettings } from './api';

/**
 * The study-hour requirements card (yearly hours, five-year hours of leading cadres, the yearly
 * online minimum) for users with `settings.training.edit`; renders nothing for others.
 */
export function StudyHourSettingsCard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const allowed = can('settings.training.edit');
  const settings = useStudyHourSettings();
  const save = usePutStudyHourSettings();
  const [form] = Form.useForm<StudyHourSettings>();
  const shape = studyHourSettings.shape;

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (!allowed) return null;

  const submit = async (values: StudyHourSettings) => {
    try {
      await save.mutateAsync({
        yearlyHours: Number(values.yearlyHours),
        fiveYearHours: Number(values.fiveYearHours),
        onlineMinimumPerYear: Number(values.onlineMinimumPerYear),
      });
      void message.success(t('common.saved'));
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const required = { required: true, message: t('validation.required') };
  const unit = t('archive.settings.unit');
  return (
    <Card
      size="small"
      title={t('archive.settings.title')}
      loading={settings.isPending}
      data-testid="study-hour-settings"
    >
      {settings.isError ? (
        <Typography.Text type="danger">{errorText(settings.error, t)}</Typography.Text>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('archive.settings.hint')}
          </Typography.Paragraph>
          <Form.Item
            name="yearlyHours"
            label={t('archive.settings.yearlyHours')}
            rules={[required, zodRule(shape.yearlyHours, t)]}
          >
            <InputNumber
              min={1}
              max={2000}
              precision={0}
              suffix={unit}
              style={{ width: 160 }}
              data-testid="study-hours-yearly"
            />
          </Form.Item>
          <Form.Item
            name="fiveYearHours"
            label={t('archive.settings.fiveYearHours')}
            rules={[required, zodRule(shape.fiveYearHours, t)]}
          >
            <InputNumber
              min={1}
              max={10000}
              precision={0}
              suffix={unit}
              style={{ width: 160 }}
              data-testid="study-hours-five-year"
            />
          </Form.Item>
          <Form.Item
            name="onlineMinimumPerYear"
            label={t('archive.settings.onlineMinimumPerYear')}
            extra={t('archive.settings.onlineHint')}
            rules={[required, zodRule(shape.onlineMinimumPerYear, t)]}
          >
            <InputNumber
              min={0}
              max={2000}
              precision={0}
              suffix={unit}
              style={{ width: 160 }}
              data-testid="study-hours-online"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="study-hours-save">
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
