import { ArrowLeftOutlined, CloudSyncOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Input, Select, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { useClass } from '../classes/api';
import { useTimetable } from '../timetable/api';
import { syncQueue, useBoard } from './api';
import { QrCamera } from './qr-camera';
import {
  applyResults,
  batch,
  enqueue,
  logInvalid,
  newClientId,
  parseQueue,
  queueKey,
  type ScanOutcome,
  type ScanQueueState,
  scanToItem,
  serializeQueue,
} from './queue';
import { defaultSessionId } from './status';
import './attendance.css';

/** Retry the queue this often while items wait (besides the browser's `online` event). */
const RETRY_MS = 15_000;

const namesKey = (classId: string) => `ganxun.attendance.names.${classId}`;

function readNames(classId: string): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(namesKey(classId)) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * The device's queue of one class, kept in localStorage, sent with POST …/attendance/sync when
 * online (at once after a scan, on the `online` event and periodically).
 */
function useScanQueue(classId: string) {
  const { t } = useTranslation();
  const key = queueKey(classId);
  const [state, setState] = useState<ScanQueueState>(() => parseQueue(localStorage.getItem(key)));
  const ref = useRef(state);
  const inFlight = useRef(false);

  const update = useCallback(
    (fn: (s: ScanQueueState) => ScanQueueState) => {
      // Another tab may have changed the stored queue: start from what is stored.
      const stored = localStorage.getItem(key);
      const next = fn(stored === null ? ref.current : parseQueue(stored));
      ref.current = next;
      try {
        localStorage.setItem(key, serializeQueue(next));
      } catch {
        // Storage full or unavailable: the queue still lives in memory while the page is open.
      }
      setState(next);
    },
    [key],
  );

  const flush = useCallback(async () => {
    if (inFlight.current || !navigator.onLine) return;
    const items = batch(ref.current);
    if (items.length === 0) return;
    inFlight.current = true;
    try {
      const result = await syncQueue(classId, { items });
      update((s) => applyResults(s, result));
    } catch (e) {
      // The batch itself was refused (bad input): answer each item, or it blocks the queue forever.
      if (e instanceof ApiError && e.status === 400) {
        const reason = errorText(e, t);
        update((s) =>
          applyResults(s, {
            items: items.map((i) => ({ clientId: i.clientId, outcome: 'refused', reason })),
          }),
        );
      }
    } finally {
      inFlight.current = false;
    }
    if (ref.current.pending.length > 0 && navigator.onLine) window.setTimeout(() => void flush(), 1000);
  }, [classId, update, t]);

  useEffect(() => {
    const onOnline = () => void flush();
    window.addEventListener('online', onOnline);
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    void flush();
    return () => {
      window.removeEventListener('online', onOnline);
      window.clearInterval(timer);
    };
  }, [flush]);

  return { state, update, flush };
}

/** Staff scan trainees' cards (works offline; the queue syncs later without duplicates). */
export default function ScanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const cls = useClass(id);
  const timetable = useTimetable(id);
  const items = useMemo(
    () => [...(timetable.data?.items ?? [])].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
    [timetable.data],
  );
  const requested = params.get('session');
  const sessionId = requested ?? defaultSessionId(items);
  const online = useOnline();
  const { state, update, flush } = useScanQueue(id);
  const [scanning, setScanning] = useState(false);
  const [typed, setTyped] = useState('');
  const [last, setLast] = useState<{ clientId: string; label: string } | null>(null);

  // Names of the trainees, remembered on the device for when it is offline.
  const board = useBoard(id, sessionId ?? undefined);
  const [names, setNames] = useState<Record<string, string>>(() => readNames(id));
  useEffect(() => {
    const records = board.data?.records;
    if (!records) return;
    const next = { ...readNames(id) };
    for (const r of records) next[r.person.id] = r.person.name;
    localStorage.setItem(namesKey(id), JSON.stringify(next));
    setNames(next);
  }, [board.data, id]);

  const onScan = (text: string) => {
    if (!sessionId) return;
    const clientId = newClientId();
    const at = new Date();
    const r = scanToItem(text, { classId: id, sessionId, at, clientId });
    if ('refused' in r) {
      // The camera keeps reading the same bad code: log it once a few seconds.
      const recent = state.log[0];
      if (recent?.outcome === 'invalid' && Date.now() - Date.parse(recent.at) < 3000) return;
      update((s) =>
        logInvalid(s, {
          clientId,
          personId: '',
          label: null,
          at: at.toISOString(),
          reason: t(`attendance.scan.${r.refused}`),
        }),
      );
      setLast({ clientId, label: '' });
      return;
    }
    const label = names[r.item.personId] ?? null;
    let added = false;
    update((s) => {
      const out = enqueue(s, { item: r.item, label });
      added = out.added;
      return out.state;
    });
    if (added) {
      setLast({ clientId, label: label ?? t('attendance.scan.unknownPerson') });
      navigator.vibrate?.(80);
      void flush();
    }
  };

  const lastOutcome: ScanOutcome | 'pending' | null = last
    ? (state.log.find((l) => l.clientId === last.clientId) ??
      (state.pending.some((p) => p.item.clientId === last.clientId) ? 'pending' : null))
    : null;
  const pending = state.pending.length;

  return (
    <div className="gx-att-phone">
      <Link to={`/classes/${id}?tab=attendance`}>
        <ArrowLeftOutlined /> {cls.data?.name ?? t('attendance.scan.back')}
      </Link>
      <Typography.Title level={4} className="gx-att-phone-title">
        {t('attendance.scan.title')}
      </Typography.Title>
      {timetable.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('attendance.tab.noItems')} />
      ) : (
        <Select
          className="gx-att-scan-session"
          value={sessionId}
          onChange={(v) => setParams({ session: v }, { replace: true })}
          options={items.map((s) => ({
            value: s.id,
            label: `${dayjs(s.startsAt).format('M/D HH:mm')} ${s.title}`,
          }))}
        />
      )}
      <Flex
        justify="space-between"
        align="center"
        className="gx-att-scan-status"
        data-testid="scan-queue"
        data-pending={pending}
      >
        <Badge
          status={online ? 'success' : 'error'}
          text={online ? t('attendance.scan.online') : t('attendance.scan.offline')}
        />
        <Flex gap={8} align="center">
          {pending > 0 ? (
            <Tag color="orange">{t('attendance.scan.pending', { count: pending })}</Tag>
          ) : (
            <Tag color="green">{t('attendance.scan.synced')}</Tag>
          )}
          <Button
            size="small"
            icon={<CloudSyncOutlined />}
            disabled={pending === 0 || !online}
            onClick={() => void flush()}
          >
            {t('attendance.scan.syncNow')}
          </Button>
        </Flex>
      </Flex>
      {last ? <LastScan label={last.label} outcome={lastOutcome} /> : null}
      {scanning && sessionId ? (
        <Card size="small" className="gx-att-scan-card">
          <QrCamera onResult={onScan} testId="scan-camera" />
          <Button block size="large" onClick={() => setScanning(false)}>
            {t('attendance.scan.stop')}
          </Button>
        </Card>
      ) : (
        <Button
          type="primary"
          size="large"
          block
          className="gx-att-scan-button"
          disabled={!sessionId}
          onClick={() => setScanning(true)}
          data-testid="scan-start"
        >
          {t('attendance.scan.start')}
        </Button>
      )}
      <Input.Search
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={(v) => {
          if (!v.trim()) return;
          onScan(v);
          setTyped('');
        }}
        enterButton={t('attendance.scan.enter')}
        placeholder={t('attendance.scan.typed')}
        disabled={!sessionId}
        allowClear
        data-testid="scan-input"
      />
      <ScanLog
        rows={[
          ...state.pending
            .slice()
            .reverse()
            .map((p) => ({
              key: p.item.clientId,
              label: p.label ?? names[p.item.personId] ?? null,
              at: p.item.at,
              outcome: 'pending' as const,
              reason: null,
            })),
          ...state.log.map((l) => ({
            key: l.clientId,
            label: l.label ?? names[l.personId] ?? null,
            at: l.at,
            outcome: l.outcome,
            reason: l.reason,
          })),
        ]}
      />
    </div>
  );
}

interface LogRow {
  key: string;
  label: string | null;
  at: string;
  outcome: keyof typeof OUTCOME_COLOR;
  reason: string | null;
}

function ScanLog({ rows }: { rows: LogRow[] }) {
  const { t } = useTranslation();
  return (
    <section className="gx-att-scan-log">
      <div className="gx-att-scan-log-head">{t('attendance.scan.recent')}</div>
      {rows.length === 0 ? (
        <Typography.Text type="secondary" className="gx-att-scan-log-empty">
          {t('attendance.scan.empty')}
        </Typography.Text>
      ) : (
        rows.map((row) => (
          <Flex
            key={row.key}
            justify="space-between"
            align="center"
            gap={8}
            className="gx-att-scan-log-row"
            data-testid="scan-item"
            data-outcome={row.outcome}
          >
            <span>
              <Typography.Text strong>
                {row.label ??
                  (row.outcome === 'invalid'
                    ? t('attendance.scan.invalid')
                    : t('attendance.scan.unknownPerson'))}
              </Typography.Text>{' '}
              <Typography.Text type="secondary">{dayjs(row.at).format('HH:mm:ss')}</Typography.Text>
            </span>
            <OutcomeTag outcome={row.outcome} reason={row.reason} />
          </Flex>
        ))
      )}
    </section>
  );
}

const OUTCOME_COLOR = {
  applied: 'green',
  duplicate: 'blue',
  refused: 'red',
  invalid: 'red',
  pending: 'orange',
} as const;

/** A refusal's text: the server sends a reason key (known ones are translated here). */
function useReasonText(): (reason: string | null) => string | null {
  const { t, i18n } = useTranslation();
  return (reason) => {
    if (!reason) return null;
    const key = `attendance.reason.${reason}`;
    return i18n.exists(key) ? t(key as 'attendance.reason.qr_expired') : reason;
  };
}

function OutcomeTag({
  outcome,
  reason: raw,
}: {
  outcome: keyof typeof OUTCOME_COLOR;
  reason: string | null;
}) {
  const { t } = useTranslation();
  const reason = useReasonText()(raw);
  return (
    <Tag color={OUTCOME_COLOR[outcome]} className="gx-att-outcome">
      {outcome === 'refused' || outcome === 'invalid'
        ? (reason ?? t(`attendance.outcome.${outcome}`))
        : t(`attendance.outcome.${outcome}`)}
    </Tag>
  );
}

function LastScan({ label, outcome }: { label: string; outcome: ScanOutcome | 'pending' | null }) {
  const { t } = useTranslation();
  const kind = outcome === null ? 'pending' : outcome === 'pending' ? 'pending' : outcome.outcome;
  const reason = useReasonText()(outcome && outcome !== 'pending' ? outcome.reason : null);
  const tone =
    kind === 'applied' ? 'ok' : kind === 'duplicate' ? 'dup' : kind === 'pending' ? 'wait' : 'refused';
  return (
    <div className={`gx-att-last gx-att-last-${tone}`} data-testid="scan-last" data-outcome={kind}>
      <div className="gx-att-last-name">{label || t('attendance.scan.invalid')}</div>
      <div className="gx-att-last-outcome">
        {kind === 'refused' || kind === 'invalid'
          ? (reason ?? t(`attendance.outcome.${kind}`))
          : t(`attendance.outcome.${kind}`)}
      </div>
    </div>
  );
}
