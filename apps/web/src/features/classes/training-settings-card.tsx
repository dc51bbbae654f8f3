import { type TrainingSettings, trainingSettings, type UpdateTrainingSettingsBody } from '@ganxun/domain';
import { App, Button, Card, Divider, Form, InputNumber, Segmented, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { usePutTrainingSettings, useTrainingSettings } from './api';

const STEPS = [0.25, 0.5, 1] as const;

/**
 * The training rules card — hours credited per class day, and the timetable's 学时 rule (minutes per
 * study hour, rounding step) and travel time between cities — for users with
 * `settings.training.edit`; renders nothing for others. Meant for the system admin's settings or
 * dictionaries page.
 */
export function TrainingSettingsCard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const allowed = can('settings.training.edit');
  const settings = useTrainingSettings();
  const save = usePutTrainingSettings();
  const [form] = Form.useForm<TrainingSettings>();
  const shape = trainingSettings.shape;

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (!allowed) return null;

  const submit = async (values: TrainingSettings) => {
    const body: UpdateTrainingSettingsBody = {
      hoursPerDay: Number(values.hoursPerDay),
      minutesPerStudyHour: Number(values.minutesPerStudyHour),
      studyHourStep: values.studyHourStep,
      travelMinutes: Number(values.travelMinutes),
    };
    try {
      await save.mutateAsync(body);
      void message.success(t('common.saved'));
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const required = { required: true, message: t('validation.required') };
  const minutes = t('classes.training.minutes');

  return (
    <Card
      size="small"
      title={t('classes.training.title')}
      loading={settings.isPending}
      data-testid="training-settings"
    >
      {settings.isError ? (
        <Typography.Text type="danger">{errorText(settings.error, t)}</Typography.Text>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="hoursPerDay"
            label={t('classes.training.hoursPerDay')}
            extra={t('classes.training.hint')}
            rules={[required, zodRule(shape.hoursPerDay, t)]}
          >
            <InputNumber min={1} max={12} step={0.5} style={{ width: 120 }} data-testid="training-hours" />
          </Form.Item>
          <Divider style={{ margin: '8px 0 12px' }} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('classes.training.timetableHint')}
          </Typography.Paragraph>
          <Form.Item
            name="minutesPerStudyHour"
            label={t('classes.training.minutesPerStudyHour')}
            rules={[required, zodRule(shape.minutesPerStudyHour, t)]}
          >
            <InputNumber
              min={20}
              max={120}
              step={5}
              precision={0}
              suffix={minutes}
              style={{ width: 140 }}
              data-testid="training-minutes-per-hour"
            />
          </Form.Item>
          <Form.Item
            name="studyHourStep"
            label={t('classes.training.studyHourStep')}
            rules={[required, zodRule(shape.studyHourStep, t)]}
          >
            <Segmented<number>
              options={STEPS.map((s) => ({ value: s, label: String(s) }))}
              data-testid="training-hour-step"
            />
          </Form.Item>
          <Form.Item
            name="travelMinutes"
            label={t('classes.training.travelMinutes')}
            extra={t('classes.training.travelHint')}
            rules={[required, zodRule(shape.travelMinutes, t)]}
          >
            <InputNumber
              min={0}
              max={720}
              step={15}
              precision={0}
              suffix={minutes}
              style={{ width: 140 }}
              data-testid="training-travel-minutes"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="training-save">
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
