import { CheckCircleFilled, ClockCircleFilled, CloseCircleFilled, ScanOutlined } from '@ant-design/icons';
import {
  ATTENDANCE_REFUSAL_MESSAGES,
  type AttendanceRecordView,
  decodeQrPayload,
  type MyClassView,
} from '@ganxun/domain';
import { Button, Card, Empty, Flex, QRCode, Skeleton, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { checkIn, useMyCard, useMyClasses } from './api';
import { QrCamera } from './qr-camera';
import { roomTokenOf } from './queue';
import './attendance.css';

type Outcome =
  | { kind: 'busy' }
  | { kind: 'ok'; record: AttendanceRecordView }
  | { kind: 'refused'; message: string };

/** The message of a refused check-in: the field's (the server's clear reason) or the request's. */
export function refusalText(error: unknown, t: Parameters<typeof errorText>[1]): string {
  if (error instanceof ApiError && error.fields.length > 0 && error.fields[0]?.message)
    return error.fields[0].message;
  return errorText(error, t);
}

function refusalLanguage(language: string): 'zh-CN' | 'zh-TW' | 'en' {
  return language === 'zh-TW' || language === 'en' ? language : 'zh-CN';
}

/** Classes whose card the trainee may need now: enrolled, and the class not over. */
function currentClasses(items: MyClassView[]): MyClassView[] {
  const over = new Set(['completed', 'archived', 'cancelled']);
  return items.filter((c) => c.enrollmentStatus === 'enrolled' && !over.has(c.classStatus));
}

/** The trainee's check-in on a phone: opened from the room's code (`?t=`) or by scanning it here. */
export default function CheckInPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [scanning, setScanning] = useState(false);
  const sent = useRef<string | null>(null);

  const submit = useCallback(
    async (text: string) => {
      const token = roomTokenOf(text);
      if (sent.current === token) return;
      sent.current = token;
      setScanning(false);
      const decoded = decodeQrPayload(token);
      if ('refused' in decoded || decoded.payload.kind !== 'session') {
        const reason = 'refused' in decoded ? decoded.refused : 'qr_wrong_session';
        setOutcome({
          kind: 'refused',
          message: ATTENDANCE_REFUSAL_MESSAGES[reason][refusalLanguage(i18n.language)],
        });
        return;
      }
      setOutcome({ kind: 'busy' });
      try {
        const record = await checkIn(decoded.payload.classId, { token });
        setOutcome({ kind: 'ok', record });
      } catch (e) {
        setOutcome({ kind: 'refused', message: refusalText(e, t) });
      }
    },
    [i18n.language, t],
  );

  // Opened by the phone's camera from the room's code: check in at once, then drop the token
  // from the address (a reload would only send an expired code).
  const token = params.get('t');
  useEffect(() => {
    if (!token) return;
    void submit(token);
    setParams(
      (p) => {
        p.delete('t');
        return p;
      },
      { replace: true },
    );
  }, [token, submit, setParams]);

  return (
    <div className="gx-att-phone">
      <Typography.Title level={4} className="gx-att-phone-title">
        {t('attendance.checkIn.title')}
      </Typography.Title>
      {outcome ? <CheckInResult outcome={outcome} /> : null}
      {scanning ? (
        <Card size="small" className="gx-att-scan-card">
          <QrCamera onResult={(text) => void submit(text)} testId="checkin-camera" />
          <Typography.Paragraph type="secondary" className="gx-att-center">
            {t('attendance.checkIn.aim')}
          </Typography.Paragraph>
          <Button block size="large" onClick={() => setScanning(false)}>
            {t('common.cancel')}
          </Button>
        </Card>
      ) : (
        <Button
          type="primary"
          size="large"
          block
          icon={<ScanOutlined />}
          className="gx-att-scan-button"
          data-testid="checkin-scan"
          onClick={() => {
            sent.current = null;
            setOutcome(null);
            setScanning(true);
          }}
        >
          {t('attendance.checkIn.scan')}
        </Button>
      )}
      <MyCards />
    </div>
  );
}

function CheckInResult({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if (outcome.kind === 'busy') {
    return (
      <div className="gx-att-result" data-testid="checkin-result" data-state="busy">
        <Spin size="large" />
        <div className="gx-att-result-text">{t('attendance.checkIn.sending')}</div>
      </div>
    );
  }
  if (outcome.kind === 'refused') {
    return (
      <div className="gx-att-result gx-att-result-refused" data-testid="checkin-result" data-state="refused">
        <CloseCircleFilled className="gx-att-result-icon" />
        <div className="gx-att-result-text">{t('attendance.checkIn.refused')}</div>
        <div className="gx-att-result-detail">{outcome.message}</div>
      </div>
    );
  }
  const r = outcome.record;
  const late = r.status === 'late' || r.late;
  const time = r.checkInAt ? dayjs(r.checkInAt).format('HH:mm') : '';
  return (
    <div
      className={`gx-att-result ${late ? 'gx-att-result-late' : 'gx-att-result-ok'}`}
      data-testid="checkin-result"
      data-state={r.status ?? 'ok'}
    >
      {late ? (
        <ClockCircleFilled className="gx-att-result-icon" />
      ) : (
        <CheckCircleFilled className="gx-att-result-icon" />
      )}
      <div className="gx-att-result-text">
        {late ? t('attendance.checkIn.late', { time }) : t('attendance.checkIn.done', { time })}
      </div>
      <div className="gx-att-result-detail">{r.person.name}</div>
    </div>
  );
}

function MyCards() {
  const { t } = useTranslation();
  const classes = useMyClasses();
  const items = currentClasses(classes.data?.items ?? []);
  return (
    <section className="gx-att-cards">
      <Typography.Title level={5}>{t('attendance.card.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('attendance.card.hint')}</Typography.Paragraph>
      {classes.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('attendance.card.none')} />
      ) : (
        items.map((c) => <MyCard key={c.classId} cls={c} />)
      )}
    </section>
  );
}

function MyCard({ cls }: { cls: MyClassView }) {
  const { t } = useTranslation();
  const card = useMyCard(cls.classId);
  return (
    <Card size="small" className="gx-att-card" data-testid="my-card">
      <Flex vertical align="center" gap={8}>
        <Typography.Text strong className="gx-att-card-name">
          {cls.name}
        </Typography.Text>
        {cls.groupName ? <Typography.Text type="secondary">{cls.groupName}</Typography.Text> : null}
        {card.data ? (
          <QRCode
            value={card.data.token}
            size={240}
            errorLevel="M"
            bordered={false}
            className="gx-att-card-qr"
          />
        ) : card.isPending ? (
          <QRCode value="-" size={240} status="loading" bordered={false} />
        ) : (
          <Typography.Text type="danger">{errorText(card.error, t)}</Typography.Text>
        )}
        {card.data ? (
          <Typography.Text type="secondary" className="gx-att-card-rev">
            {t('attendance.card.rev', { rev: card.data.rev })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}
