import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import type { MySurveyView } from '@ganxun/domain';
import { Alert, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useMySurveys } from './api';

function FormItem({ form }: { form: MySurveyView }) {
  const { t } = useTranslation();
  const fillable = form.status === 'open' && !form.submitted;
  const title = form.target === 'class' ? t('surveys.tab.classForm') : form.title;
  const body = (
    <Flex justify="space-between" align="center" gap={12} style={{ width: '100%', minHeight: 48 }}>
      <Flex vertical style={{ minWidth: 0 }}>
        <Typography.Text strong ellipsis>
          {title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {form.className}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {form.status === 'not_open'
            ? t('surveys.my.opensAt', { at: formatDateTime(form.opensAt) })
            : t('surveys.my.closesAt', { at: formatDateTime(form.closesAt) })}
        </Typography.Text>
        {form.remindedAt && fillable ? (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('surveys.my.remindedAt', { at: formatDateTime(form.remindedAt) })}
          </Typography.Text>
        ) : null}
      </Flex>
      {form.submitted ? (
        <Tag color="success" icon={<CheckCircleFilled />}>
          {t('surveys.my.done')}
        </Tag>
      ) : fillable ? (
        <Flex gap={4} align="center">
          <Tag color="processing">{t('surveys.my.fill')}</Tag>
          <RightOutlined />
        </Flex>
      ) : (
        <Tag>{form.status === 'not_open' ? t('surveys.my.later') : t('surveys.my.closed')}</Tag>
      )}
    </Flex>
  );
  return (
    <List.Item data-testid="myforms-item" data-status={form.status} data-submitted={String(form.submitted)}>
      {fillable ? (
        <Link to={`/my-forms/${form.id}`} style={{ width: '100%', color: 'inherit' }}>
          {body}
        </Link>
      ) : (
        body
      )}
    </List.Item>
  );
}

/** /my-forms: the trainee's evaluation forms on a phone, those to fill in first. */
export default function MyFormsPage() {
  const { t } = useTranslation();
  const mine = useMySurveys();
  const items = mine.data?.items ?? [];
  const todo = items.filter((f) => f.status === 'open' && !f.submitted);
  const rest = items.filter((f) => !(f.status === 'open' && !f.submitted));
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('surveys.my.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('surveys.anonymousNote')}</Typography.Text>
      {mine.isLoading ? (
        <Skeleton active />
      ) : mine.isError ? (
        <Alert type="error" showIcon title={errorText(mine.error, t)} />
      ) : items.length === 0 ? (
        <Empty description={t('surveys.my.empty')} />
      ) : (
        <Flex vertical gap={12} data-testid="myforms-list">
          {todo.length > 0 ? (
            <Card size="small" title={`${t('surveys.my.todo')} (${todo.length})`}>
              <List dataSource={todo} renderItem={(f) => <FormItem key={f.id} form={f} />} />
            </Card>
          ) : null}
          {rest.length > 0 ? (
            <Card size="small">
              <List dataSource={rest} renderItem={(f) => <FormItem key={f.id} form={f} />} />
            </Card>
          ) : null}
        </Flex>
      )}
    </Flex>
  );
}
