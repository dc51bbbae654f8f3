import {
  type ClassNoticeBody,
  type ClassNoticeView,
  NOTICE_AUDIENCES,
  type NoticeAudience,
  noticeWords,
} from '@ganxun/domain';
import { App, Collapse, Flex, Form, Input, Radio, Select, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { zodRule } from '../../components/zod-rule';
import { useNoticeRecipients, usePostNotice } from './api';

type Words = { title?: string; body?: string };
interface Values {
  title: string;
  body: string;
  audience: NoticeAudience;
  userIds?: string[];
  email: boolean;
  sms: boolean;
  pinned: boolean;
  texts?: { 'zh-TW'?: Words; en?: Words };
}

const INITIAL: Partial<Values> = {
  audience: 'trainees',
  email: false,
  sms: false,
  pinned: false,
  userIds: [],
};

/** The filled-in translations only (both title and body left empty: no version in that language). */
function translations(texts: Values['texts']): ClassNoticeBody['texts'] {
  const out: NonNullable<ClassNoticeBody['texts']> = {};
  for (const lang of ['zh-TW', 'en'] as const) {
    const w = texts?.[lang];
    if (w?.title?.trim() || w?.body?.trim()) out[lang] = { title: w.title ?? '', body: w.body ?? '' };
  }
  return Object.keys(out).length ? out : undefined;
}

/** Posting a notice: title and text, to whom, by which channels, pinned or not. */
export function ComposeDrawer({
  classId,
  open,
  onClose,
  onPosted,
}: {
  classId: string;
  open: boolean;
  onClose: () => void;
  onPosted: (view: ClassNoticeView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const audience = Form.useWatch('audience', form);
  const recipients = useNoticeRecipients(classId, open);
  const post = usePostNotice(classId);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async (values: Values) => {
    try {
      const view = await post.mutateAsync({
        title: values.title,
        body: values.body,
        audience: values.audience,
        userIds: values.audience === 'users' ? (values.userIds ?? []) : [],
        email: values.email,
        sms: values.sms,
        pinned: values.pinned,
        texts: translations(values.texts),
      });
      onPosted(view);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      if (unmatched.length || !(error instanceof ApiError && error.fields.length > 0)) {
        void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
      }
    }
  };

  const words = (lang: 'zh-TW' | 'en') => (
    <>
      <Form.Item
        name={['texts', lang, 'title']}
        label={t('notices.compose.noticeTitle')}
        rules={[zodRule(noticeWords.shape.title, t)]}
      >
        <Input maxLength={100} data-testid={`nt-compose-${lang}-title`} />
      </Form.Item>
      <Form.Item name={['texts', lang, 'body']} label={t('notices.compose.body')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} />
      </Form.Item>
    </>
  );

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('notices.compose.title')}
      width={560}
      onSave={() => form.submit()}
      saving={post.isPending}
      saveTestId="nt-compose-save"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={INITIAL}
        onFinish={submit}
        requiredMark={false}
      >
        <Form.Item
          name="title"
          label={t('notices.compose.noticeTitle')}
          rules={[{ required: true, message: t('validation.required') }, zodRule(noticeWords.shape.title, t)]}
        >
          <Input maxLength={100} data-testid="nt-compose-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('notices.compose.body')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 5, maxRows: 14 }}
            maxLength={5000}
            data-testid="nt-compose-body"
          />
        </Form.Item>
        <Form.Item name="audience" label={t('notices.compose.audience')}>
          <Radio.Group
            optionType="button"
            options={NOTICE_AUDIENCES.map((a) => ({ value: a, label: t(`notices.audience.${a}`) }))}
            data-testid="nt-compose-audience"
          />
        </Form.Item>
        {audience === 'users' ? (
          <Form.Item
            name="userIds"
            label={t('notices.compose.users')}
            rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}
          >
            <Select
              mode="multiple"
              allowClear
              loading={recipients.isPending}
              placeholder={t('notices.compose.usersPlaceholder')}
              optionFilterProp="label"
              data-testid="nt-compose-users"
              options={(['trainee', 'staff'] as const).map((role) => ({
                label: t(`notices.role.${role}`),
                title: role,
                options: (recipients.data?.items ?? [])
                  .filter((r) => r.role === role)
                  .map((r) => ({ value: r.userId, label: r.name })),
              }))}
            />
          </Form.Item>
        ) : null}
        <Flex gap={24} wrap>
          <Form.Item name="email" label={t('notices.compose.email')} valuePropName="checked">
            <Switch data-testid="nt-compose-email" />
          </Form.Item>
          <Form.Item name="sms" label={t('notices.compose.sms')} valuePropName="checked">
            <Switch data-testid="nt-compose-sms" />
          </Form.Item>
          <Form.Item name="pinned" label={t('notices.compose.pinned')} valuePropName="checked">
            <Switch data-testid="nt-compose-pinned" />
          </Form.Item>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -12 }}>
          {t('notices.compose.channelsHint')}
        </Typography.Paragraph>
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'texts',
              label: t('notices.compose.translations'),
              forceRender: true,
              children: (
                <>
                  <Typography.Text strong>{t('notices.compose.zhTW')}</Typography.Text>
                  {words('zh-TW')}
                  <Typography.Text strong>{t('notices.compose.en')}</Typography.Text>
                  {words('en')}
                </>
              ),
            },
          ]}
        />
      </Form>
    </FormDrawer>
  );
}
