import { type SecuritySettings, securitySettings } from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Divider, Form, InputNumber, Row, Skeleton, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import type { Messages } from '../../app/i18n/zh-CN';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';

type NumericKey = Exclude<keyof SecuritySettings, 'requireTotpForAdmins'>;
type Unit = keyof Pick<Messages['settings'], 'characters' | 'kinds' | 'times' | 'days' | 'minutes' | 'hours'>;

const SECTIONS: {
  title: `settings.${keyof Messages['settings']}`;
  fields: { key: NumericKey; unit: Unit; help?: boolean }[];
}[] = [
  {
    title: 'settings.passwordSection',
    fields: [
      { key: 'passwordMinLength', unit: 'characters' },
      { key: 'passwordMinClasses', unit: 'kinds', help: true },
      { key: 'passwordHistory', unit: 'times' },
      { key: 'passwordMaxAgeDays', unit: 'days', help: true },
    ],
  },
  {
    title: 'settings.lockoutSection',
    fields: [
      { key: 'lockoutThreshold', unit: 'times' },
      { key: 'lockoutMinutes', unit: 'minutes' },
    ],
  },
  {
    title: 'settings.sessionSection',
    fields: [
      { key: 'sessionIdleMinutes', unit: 'minutes' },
      { key: 'sessionAbsoluteHours', unit: 'hours' },
    ],
  },
];

/** min/max of a numeric field, read from the zod contract so the form and the server agree. */
function bounds(key: NumericKey): { min?: number; max?: number } {
  const field = securitySettings.shape[key];
  return { min: field.minValue ?? undefined, max: field.maxValue ?? undefined };
}

export default function SecuritySettingsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SecuritySettings>();
  const readOnly = !can('settings.security.edit');
  const settings = useQuery({
    queryKey: ['settings', 'security'],
    queryFn: ({ signal }) => api.get<SecuritySettings>('/settings/security', undefined, signal),
  });
  const save = useMutation({
    mutationFn: (values: Partial<SecuritySettings>) =>
      api.patch<SecuritySettings>('/settings/security', values),
    onSuccess: (data) => {
      if (data) queryClient.setQueryData(['settings', 'security'], data);
      void queryClient.invalidateQueries({ queryKey: ['settings', 'security'] });
    },
  });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const submit = async (values: SecuritySettings) => {
    const changed: Partial<SecuritySettings> = {};
    for (const key of Object.keys(values) as (keyof SecuritySettings)[]) {
      if (settings.data && values[key] !== settings.data[key]) Object.assign(changed, { [key]: values[key] });
    }
    if (Object.keys(changed).length === 0) {
      void message.info(t('common.saved'));
      return;
    }
    try {
      await save.mutateAsync(changed);
      void message.success(t('settings.saved'));
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.intro')} />
      <Card style={{ maxWidth: 880 }}>
        {settings.isError ? <Alert type="error" showIcon title={errorText(settings.error, t)} /> : null}
        {readOnly ? (
          <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 16 }} />
        ) : null}
        {settings.isPending ? (
          <Skeleton active />
        ) : (
          <Form form={form} layout="vertical" onFinish={submit} disabled={readOnly}>
            {SECTIONS.map((section, index) => (
              <div key={section.title}>
                <Divider titlePlacement="start" style={index === 0 ? { marginTop: 0 } : undefined}>
                  {t(section.title)}
                </Divider>
                <Row gutter={24}>
                  {section.fields.map((f) => (
                    <Col xs={24} sm={12} key={f.key}>
                      <Form.Item
                        name={f.key}
                        label={t(`settings.${f.key}`)}
                        extra={
                          f.help
                            ? t(`settings.${f.key as 'passwordMinClasses' | 'passwordMaxAgeDays'}Help`)
                            : undefined
                        }
                        rules={[{ required: true, message: t('validation.required') }]}
                      >
                        <InputNumber
                          {...bounds(f.key)}
                          precision={0}
                          suffix={t(`settings.${f.unit}`)}
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              </div>
            ))}
            <Divider titlePlacement="start">{t('settings.totpSection')}</Divider>
            <Form.Item
              name="requireTotpForAdmins"
              label={t('settings.requireTotpForAdmins')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            {readOnly ? null : (
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            )}
          </Form>
        )}
      </Card>
    </>
  );
}
