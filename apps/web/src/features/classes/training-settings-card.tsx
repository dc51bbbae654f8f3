import { trainingSettings } from '@ganxun/domain';
import { App, Button, Card, Flex, Form, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { usePutTrainingSettings, useTrainingSettings } from './api';

/**
 * The training rules card (hours credited per class day), for users with
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
  const [form] = Form.useForm<{ hoursPerDay: number }>();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (!allowed) return null;

  const submit = async (values: { hoursPerDay: number }) => {
    try {
      await save.mutateAsync({ hoursPerDay: Number(values.hoursPerDay) });
      void message.success(t('common.saved'));
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <Card
      size="small"
      title={t('classes.training.title')}
      loading={settings.isPending}
      data-testid="training-settings"
    >
      <Typography.Paragraph type="secondary">{t('classes.training.hint')}</Typography.Paragraph>
      {settings.isError ? (
        <Typography.Text type="danger">{errorText(settings.error, t)}</Typography.Text>
      ) : (
        <Form form={form} layout="inline" onFinish={submit}>
          <Flex gap={8} wrap align="flex-start">
            <Form.Item
              name="hoursPerDay"
              label={t('classes.training.hoursPerDay')}
              rules={[
                { required: true, message: t('validation.required') },
                zodRule(trainingSettings.shape.hoursPerDay, t),
              ]}
            >
              <InputNumber min={1} max={12} step={0.5} style={{ width: 100 }} data-testid="training-hours" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="training-save">
              {t('common.save')}
            </Button>
          </Flex>
        </Form>
      )}
    </Card>
  );
}
