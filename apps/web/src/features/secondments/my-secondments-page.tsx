import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import type { SecondmentView } from '@ganxun/domain';
import { Button, Card, Drawer, Empty, Flex, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorText } from '../../components/errors';
import { useMySecondment, useMySecondments } from './api';
import {
  AlertTag,
  daysLeftText,
  directionText,
  StatusTag,
  type Translate,
  termText,
  useSecondmentForms,
} from './parts';
import { LogForm, LogList } from './secondment-panels';
import './secondments.css';

/** One term as a card: direction, host unit and post, term, status and the days left. */
function TermCard({ s, onOpen }: { s: SecondmentView; onOpen?: () => void }) {
  const { t } = useTranslation();
  const forms = useSecondmentForms();
  const left = daysLeftText(s, t as unknown as Translate);
  return (
    <Card
      size="small"
      className={onOpen ? 'gx-secondment-card' : undefined}
      onClick={onOpen}
      data-testid="my-secondment-card"
      data-status={s.status}
    >
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {directionText(s)}
          </Typography.Text>
          <StatusTag status={s.status} />
        </Flex>
        <Typography.Text>
          {s.hostUnit.name}
          {s.hostPost ? ` · ${s.hostPost}` : ''}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {termText(s.actualStart ?? s.plannedStart, s.actualEnd ?? s.plannedEnd)} · {forms.label(s.form)}
        </Typography.Text>
        {left || s.alert ? (
          <Flex gap={8} align="center" wrap>
            {left ? (
              <Typography.Text
                strong
                type={s.alert ? 'danger' : undefined}
                data-testid="my-secondment-days-left"
              >
                {left}
              </Typography.Text>
            ) : null}
            <AlertTag alert={s.alert} />
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

/** One of the secondee's terms: its card, the work log, and "写日志" (a bottom sheet). */
function MySecondment({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const query = useMySecondment(id);
  const [writing, setWriting] = useState(false);
  const s = query.data;
  const m = 'secondments.mine';

  return (
    <div className="gx-secondment-phone">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        onClick={onBack}
        style={{ alignSelf: 'flex-start', padding: 0 }}
      >
        {t(`${m}.back`)}
      </Button>
      {query.isPending ? (
        <Skeleton active />
      ) : !s ? (
        <Result status="404" title={t(`${m}.notFound`)} subTitle={errorText(query.error, t)} />
      ) : (
        <>
          <TermCard s={s} />
          <Flex justify="space-between" align="center">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t(`${m}.logs`)}
            </Typography.Title>
            {s.canLog ? (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setWriting(true)}
                data-testid="my-secondment-log-add"
              >
                {t(`${m}.writeLog`)}
              </Button>
            ) : null}
          </Flex>
          {s.logs.length === 0 ? (
            <Card size="small">
              <Typography.Text type="secondary">{t(`${m}.noLogs`)}</Typography.Text>
            </Card>
          ) : (
            <Card size="small">
              <LogList secondmentId={s.id} logs={s.logs} editable={false} />
            </Card>
          )}
          <Drawer
            open={writing}
            onClose={() => setWriting(false)}
            title={t(`${m}.writeLog`)}
            placement="bottom"
            size="90%"
            destroyOnHidden
          >
            <LogForm
              secondmentId={s.id}
              log={null}
              submitLabel={t('common.submit')}
              onDone={() => setWriting(false)}
            />
          </Drawer>
        </>
      )}
    </div>
  );
}

/** /my-secondments: the secondee's own terms as cards (phone first); one opens with its work log. */
export default function MySecondmentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const mine = useMySecondments();
  const openId = params.get('id');

  if (openId) return <MySecondment id={openId} onBack={() => setParams({}, { replace: false })} />;

  const items = mine.data?.items ?? [];
  return (
    <div className="gx-secondment-phone">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('secondments.mine.title')}
      </Typography.Title>
      {mine.isPending ? (
        <Skeleton active />
      ) : mine.isError ? (
        <Typography.Text type="danger">{errorText(mine.error, t)}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty description={t('secondments.mine.empty')} />
      ) : (
        items.map((s) => <TermCard key={s.id} s={s} onOpen={() => setParams({ id: s.id })} />)
      )}
    </div>
  );
}
