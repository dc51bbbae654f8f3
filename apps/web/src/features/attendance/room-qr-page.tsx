import { Progress, QRCode, Result } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { useClass } from '../classes/api';
import { useBoard, useRoomQr } from './api';
import './attendance.css';

/** The check-in address a phone's camera opens (the page checks in at once). */
export function checkInUrl(token: string, origin = window.location.origin): string {
  return `${origin}/check-in?t=${encodeURIComponent(token)}`;
}

function useNow(stepMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), stepMs);
    return () => window.clearInterval(id);
  }, [stepMs]);
  return now;
}

function useViewport(): { width: number; height: number } {
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const onResize = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

/** Keep a projector's screen awake while the code is shown (where the browser allows it). */
function useWakeLock(): void {
  useEffect(() => {
    let lock: { release: () => Promise<void> } | null = null;
    let alive = true;
    const acquire = () => {
      const nav = navigator as Navigator & {
        wakeLock?: { request: (type: 'screen') => Promise<{ release: () => Promise<void> }> };
      };
      nav.wakeLock
        ?.request('screen')
        .then((l) => {
          if (alive) lock = l;
          else void l.release();
        })
        .catch(() => undefined);
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') acquire();
    };
    acquire();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      alive = false;
      document.removeEventListener('visibilitychange', onVisible);
      void lock?.release().catch(() => undefined);
    };
  }, []);
}

/** The room's screen: the rotating check-in code of one item, large, full screen (staff). */
export default function RoomQrPage() {
  const { t } = useTranslation();
  const { id = '', sessionId = '' } = useParams();
  const cls = useClass(id);
  const qr = useRoomQr(id, sessionId);
  const board = useBoard(id, sessionId);
  const now = useNow(250);
  const viewport = useViewport();

  // Fetch the next code when this one expires (clamped: a skewed clock must not spin or stall).
  const data = qr.data;
  const { refetch } = qr;
  useEffect(() => {
    if (!data) return;
    const period = data.rotationSeconds * 1000;
    const wait = Math.min(period, Math.max(1000, Date.parse(data.expiresAt) - Date.now() + 150));
    const timer = window.setTimeout(() => void refetch(), wait);
    return () => window.clearTimeout(timer);
  }, [data, refetch]);

  // A failed fetch (network, server restart): try again soon, keeping the last code on screen.
  const failedAt = qr.errorUpdatedAt;
  useEffect(() => {
    if (!failedAt) return;
    const timer = window.setTimeout(() => void refetch(), 3000);
    return () => window.clearTimeout(timer);
  }, [failedAt, refetch]);

  useWakeLock();

  const forbidden = [qr.error, board.error].some((e) => e instanceof ApiError && e.status === 403);
  if (forbidden) return <Result status="403" title={t('attendance.room.forbidden')} />;
  if (qr.error && !data) {
    return <Result status="error" title={errorText(qr.error, t)} className="gx-att-room-error" />;
  }

  const period = (data?.rotationSeconds ?? 15) * 1000;
  const left = data ? Math.max(0, Math.min(period, Date.parse(data.expiresAt) - now)) : 0;
  const b = board.data;
  const qrSize = Math.max(240, Math.floor(Math.min(viewport.height * 0.78, viewport.width * 0.5)));
  const time = b ? `${dayjs(b.startsAt).format('M/D HH:mm')}–${dayjs(b.endsAt).format('HH:mm')}` : '';
  const counts = b?.counts;
  const arrived = counts ? counts.present + counts.late + counts.leftEarly : 0;

  return (
    <div className="gx-att-room">
      <div className="gx-att-room-qr" data-testid="room-qr" data-slot={data?.slot ?? ''}>
        {data ? (
          <QRCode
            value={checkInUrl(data.token)}
            size={qrSize}
            errorLevel="L"
            color="#000"
            bgColor="#fff"
            bordered={false}
          />
        ) : (
          <QRCode value="-" size={qrSize} status="loading" bordered={false} bgColor="#fff" />
        )}
      </div>
      <div className="gx-att-room-side">
        <div className="gx-att-room-class">{cls.data?.name ?? ''}</div>
        <div className="gx-att-room-title">{b?.title ?? ''}</div>
        <div className="gx-att-room-time">{time}</div>
        <div className="gx-att-room-hint">{t('attendance.room.hint')}</div>
        <div className="gx-att-room-ring">
          <Progress
            type="circle"
            percent={data ? (left / period) * 100 : 0}
            size={Math.round(Math.min(viewport.height * 0.16, 180))}
            strokeWidth={10}
            strokeColor="#ffd666"
            railColor="rgba(255,255,255,0.18)"
            format={() => <span className="gx-att-room-seconds">{Math.ceil(left / 1000)}</span>}
          />
          <span className="gx-att-room-ring-label">{t('attendance.room.refreshes')}</span>
        </div>
        {counts ? (
          <div className="gx-att-room-counts" data-testid="attendance-counts">
            <div className="gx-att-room-label">{t('attendance.room.arrived')}</div>
            <div className="gx-att-room-big">
              <span className="gx-att-room-arrived">{arrived}</span>
              <span className="gx-att-room-of">/ {counts.expected}</span>
            </div>
            <div className="gx-att-room-small">
              <span>
                {t('attendance.counts.late')} {counts.late}
              </span>
              <span>
                {t('attendance.counts.onLeave')} {counts.onLeave}
              </span>
              <span>
                {t('attendance.counts.missing')} {counts.missing}
              </span>
            </div>
          </div>
        ) : null}
        {b && b.phase !== 'on_time' && b.phase !== 'late' ? (
          <div className="gx-att-room-phase">{t(`attendance.phase.${b.phase}`)}</div>
        ) : null}
      </div>
    </div>
  );
}
