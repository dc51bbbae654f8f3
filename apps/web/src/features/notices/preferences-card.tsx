import { notificationPreferencesBody } from '@ganxun/domain';
import { App, Button, Card, Flex, Form, Input, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { usePreferences, useSavePreferences } from './api';

interface Values {
  email?: string;
  emailOn: boolean;
  smsOn: boolean;
}

/**
 * The reader's notification preferences: an email address (only ever shown masked, so it is typed
 * anew to change it) and the email / SMS switches. The inbox copy is always kept.
 */
export function PreferencesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const prefs = usePreferences();
  const save = useSavePreferences();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState(false);
  const current = prefs.data?.email ?? null;
  const typing = editing || !current;

  useEffect(() => {
    if (prefs.data) form.setFieldsValue({ emailOn: prefs.data.emailOn, smsOn: prefs.data.smsOn });
  }, [prefs.data, form]);

  const submit = async (values: Values, email?: string | null) => {
    const typed = values.email?.trim();
    try {
      await save.mutateAsync({
        emailOn: values.emailOn,
        smsOn: values.smsOn,
        ...(email !== undefined ? { email } : typed ? { email: typed } : {}),
      });
      form.setFieldValue('email', undefined);
      setEditing(false);
      void message.success(t(email === null ? 'notices.prefs.removed' : 'notices.prefs.saved'));
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      if (unmatched.length || !(error instanceof ApiError && error.fields.length > 0)) {
        void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
      }
    }
  };

  return (
    <Card size="small" title={t('notices.prefs.title')} loading={prefs.isPending} data-testid="inbox-prefs">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('notices.prefs.description')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => submit(v)}
        initialValues={{ emailOn: true, smsOn: true }}
      >
        <Form.Item label={t('notices.prefs.email')} style={{ marginBottom: 12 }}>
          {current ? (
            <Flex
              justify="space-between"
              align="center"
              gap={8}
              wrap
              style={{ marginBottom: typing ? 8 : 0 }}
            >
              <Typography.Text data-testid="inbox-prefs-email">
                {t('notices.prefs.emailCurrent', { email: current })}
              </Typography.Text>
              <Flex gap={4}>
                <Button size="small" onClick={() => setEditing((e) => !e)} data-testid="inbox-prefs-change">
                  {t('notices.prefs.change')}
                </Button>
                <Button
                  size="small"
                  danger
                  onClick={() => submit(form.getFieldsValue(), null)}
                  data-testid="inbox-prefs-remove"
                >
                  {t('notices.prefs.remove')}
                </Button>
              </Flex>
            </Flex>
          ) : (
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8, fontSize: 13 }}>
              {t('notices.prefs.emailNone')}
            </Typography.Text>
          )}
          {typing ? (
            <Form.Item
              name="email"
              noStyle
              rules={[zodRule(notificationPreferencesBody.shape.email.unwrap().unwrap(), t)]}
            >
              <Input
                type="email"
                autoComplete="email"
                placeholder={t('notices.prefs.emailPlaceholder')}
                data-testid="inbox-prefs-email-input"
              />
            </Form.Item>
          ) : null}
        </Form.Item>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Typography.Text>{t('notices.prefs.emailOn')}</Typography.Text>
          <Form.Item name="emailOn" valuePropName="checked" noStyle>
            <Switch data-testid="inbox-prefs-email-on" />
          </Form.Item>
        </Flex>
        <Flex justify="space-between" align="center">
          <Typography.Text>{t('notices.prefs.smsOn')}</Typography.Text>
          <Form.Item name="smsOn" valuePropName="checked" noStyle>
            <Switch data-testid="inbox-prefs-sms-on" />
          </Form.Item>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', margin: '4px 0 12px' }}>
          {t('notices.prefs.smsHint')}
        </Typography.Text>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          block
          data-testid="inbox-prefs-save"
        >
          {t('notices.prefs.save')}
        </Button>
      </Form>
    </Card>
  );
}
