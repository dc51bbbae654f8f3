import type { UpdateLeaveSettingsBody } from '@ganxun/domain';
import { App, Button, Card, Form, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { useLeaveSettings, usePutLeaveSettings } from './api';
import { percent } from './standing';

/** The form's values: the leave limit as the N of "1/N", the warning as a percentage. */
interface Values {
  secondLevelAboveDays: number;
  secondLevelAboveHours: number;
  denominator: number;
  warnPercent: number;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The leave rules card on the dictionaries page (users with `settings.training.edit`, the system
 * admin): when a request needs a second level, the 1/7 limit, and when to warn before it.
 */
export function LeaveSettingsCard() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const allowed = can('settings.training.edit');
  const settings = useLeaveSettings();
  const save = usePutLeaveSettings();
  const [form] = Form.useForm<Values>();
  const denominator = Form.useWatch('denominator', form);

  useEffect(() => {
    if (settings.data) {
      form.setFieldsValue({
        secondLevelAboveDays: settings.data.secondLevelAboveDays,
        secondLevelAboveHours: settings.data.secondLevelAboveHours,
        denominator: round(1 / settings.data.maxLeaveShare),
        warnPercent: round(settings.data.warnAtShareOfAllowance * 100, 1),
      });
    }
  }, [settings.data, form]);

  if (!allowed) return null;

  const submit = async (v: Values) => {
    const body: UpdateLeaveSettingsBody = {
      secondLevelAboveDays: Number(v.secondLevelAboveDays),
      secondLevelAboveHours: Number(v.secondLevelAboveHours),
      maxLeaveShare: 1 / Number(v.denominator),
      warnAtShareOfAllowance: Number(v.warnPercent) / 100,
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
  const share = denominator && denominator >= 1 ? 1 / denominator : null;
  return (
    <Card
      size="small"
      title={t('leave.settings.title')}
      loading={settings.isPending}
      data-testid="leave-settings"
    >
      {settings.isError ? (
        <Typography.Text type="danger">{errorText(settings.error, t)}</Typography.Text>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('leave.settings.hint')}
          </Typography.Paragraph>
          <Form.Item
            name="secondLevelAboveDays"
            label={t('leave.settings.secondLevelAboveDays')}
            rules={[required]}
          >
            <InputNumber
              min={0}
              max={365}
              step={1}
              suffix={t('leave.settings.daysSuffix')}
              style={{ width: 140 }}
              data-testid="leave-settings-days"
            />
          </Form.Item>
          <Form.Item
            name="secondLevelAboveHours"
            label={t('leave.settings.secondLevelAboveHours')}
            rules={[required]}
          >
            <InputNumber
              min={0}
              max={1000}
              step={0.5}
              suffix={t('leave.settings.hoursSuffix')}
              style={{ width: 140 }}
              data-testid="leave-settings-hours"
            />
          </Form.Item>
          <Form.Item
            name="denominator"
            label={t('leave.settings.maxLeaveShare')}
            extra={
              share
                ? t('leave.settings.maxLeaveShareHint', {
                    percent: percent(share),
                    example: round(56 * share),
                  })
                : undefined
            }
            rules={[required]}
          >
            <InputNumber
              min={1}
              max={100}
              step={1}
              prefix="1 /"
              style={{ width: 140 }}
              data-testid="leave-settings-share"
            />
          </Form.Item>
          <Form.Item name="warnPercent" label={t('leave.settings.warnAtShareOfAllowance')} rules={[required]}>
            <InputNumber
              min={1}
              max={100}
              step={5}
              suffix="%"
              style={{ width: 140 }}
              data-testid="leave-settings-warn"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="leave-settings-save">
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
