import { FullscreenExitOutlined, FullscreenOutlined, LikeFilled } from '@ant-design/icons';
import { QRCode, Result, Spin } from 'antd';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useClass } from '../classes/api';
import { boardUrl, useLiveBoard } from './api';
import { LiveDot } from './live-dot';
import { itemTime, longQuestion, presenterView, questionFontVh } from './presenter-logic';
import './questions.css';

function useViewport(): { width: number; height: number } {
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const onResize = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

function useFullscreen(): [boolean, () => void] {
  const [full, setFull] = useState(() => !!document.fullscreenElement);
  useEffect(() => {
    const onChange = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  return [full, toggle];
}

/** Keeps a projector's screen awake while the page is shown (where the browser allows it). */
function useWakeLock(): void {
  useEffect(() => {
    type Lock = { release: () => Promise<void> };
    const nav = navigator as Navigator & { wakeLock?: { request: (type: 'screen') => Promise<Lock> } };
    let lock: Lock | null = null;
    let alive = true;
    const acquire = () =>
      nav.wakeLock
        ?.request('screen')
        .then((l) => {
          if (alive) lock = l;
          else void l.release();
        })
        .catch(() => undefined);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void acquire();
    };
    void acquire();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      alive = false;
      document.removeEventListener('visibilitychange', onVisible);
      void lock?.release().catch(() => undefined);
    };
  }, []);
}

/**
 * Starts the current question at the size its length suggests and shrinks it until it fits its
 * box (a long question on a 1280×720 projector), never below 2.2vh.
 */
function useFittedText(text: string | undefined, viewport: { width: number; height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit when the viewport changes
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || text === undefined) return;
    let size = questionFontVh(text);
    el.style.fontSize = `${size}vh`;
    while (el.scrollHeight > el.clientHeight + 1 && size > 2.2) {
      size = Math.max(2.2, size * 0.92);
      el.style.fontSize = `${size}vh`;
    }
    el.dataset.fontVh = size.toFixed(2);
  }, [text, viewport.width, viewport.height]);
  return ref;
}

/** /classes/:id/sessions/:sessionId/present: the hall's screen and the speaker's view. */
export default function PresenterPage() {
  const { t } = useTranslation();
  const { id: classId = '', sessionId = '' } = useParams();
  const { board, state, error } = useLiveBoard(classId, sessionId);
  const cls = useClass(classId);
  const viewport = useViewport();
  const [full, toggleFull] = useFullscreen();
  useWakeLock();

  const view = useMemo(() => presenterView(board?.questions ?? []), [board]);
  const textRef = useFittedText(view.current?.text, viewport);

  if (error !== null) {
    return (
      <div className="gx-qp gx-qp-error">
        <Result
          status={error === 403 ? '403' : error === 404 ? '404' : 'error'}
          title={error === 404 ? t('questions.board.notFoundTitle') : t('questions.presenter.forbiddenTitle')}
          subTitle={error === 403 ? t('questions.presenter.forbiddenSubtitle') : undefined}
          data-testid="qp-error"
        />
      </div>
    );
  }
  if (!board) {
    return (
      <div className="gx-qp gx-qp-loading">
        <Spin size="large" />
      </div>
    );
  }

  const { current, queue, answered, total } = view;
  // A long current question needs the room: the code shrinks beside it.
  const long = !!current && longQuestion(current.text);
  const qrSize = Math.max(
    120,
    Math.round(Math.min(viewport.height * (long ? 0.15 : 0.24), viewport.width * (long ? 0.09 : 0.14))),
  );

  return (
    <div className="gx-qp" data-testid="qp-page">
      <header className="gx-qp-header">
        <div className="gx-qp-heading">
          <div className="gx-qp-class">{cls.data?.name ?? ''}</div>
          <div className="gx-qp-title" data-testid="qp-title">
            {board.title}
          </div>
        </div>
        <div className="gx-qp-header-side">
          <span className="gx-qp-time">{itemTime(board.startsAt, board.endsAt)}</span>
          <span
            className={`gx-qp-state ${board.open ? 'gx-qp-state-open' : 'gx-qp-state-closed'}`}
            data-testid="qp-state"
            data-open={board.open ? 'true' : 'false'}
          >
            {board.open ? t('questions.state.open') : t('questions.state.closed')}
          </span>
          <LiveDot state={state} testId="qp-live" />
          <button
            type="button"
            className="gx-qp-fullscreen"
            onClick={toggleFull}
            title={full ? t('questions.presenter.exitFullscreen') : t('questions.presenter.fullscreen')}
            aria-label={full ? t('questions.presenter.exitFullscreen') : t('questions.presenter.fullscreen')}
            data-testid="qp-fullscreen"
          >
            {full ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
          </button>
        </div>
      </header>

      <main className="gx-qp-main">
        <section className={`gx-qp-left${long ? ' gx-qp-left-long' : ''}`}>
          {current ? (
            <div
              className={`gx-qp-current${current.status === 'answering' ? ' gx-qp-current-answering' : ''}`}
              data-testid="qp-current"
              data-id={current.id}
              data-status={current.status}
            >
              <div className="gx-qp-current-label">
                {current.status === 'answering'
                  ? t('questions.presenter.answering')
                  : t('questions.presenter.current')}
              </div>
              <div className="gx-qp-current-text" ref={textRef} data-testid="qp-current-text">
                {current.text}
              </div>
              <div className="gx-qp-current-meta">
                <span className="gx-qp-current-votes" data-testid="qp-current-votes">
                  <LikeFilled /> {current.votes}
                </span>
                <span className="gx-qp-current-author" data-testid="qp-current-author">
                  {current.authorName ?? t('questions.presenter.anonymous')}
                </span>
              </div>
            </div>
          ) : (
            <div className="gx-qp-current gx-qp-current-none" data-testid="qp-none">
              <div className="gx-qp-none-title">{t('questions.presenter.none')}</div>
              <div className="gx-qp-none-hint">{t('questions.presenter.noneHint')}</div>
            </div>
          )}

          <div className="gx-qp-footer">
            <div className="gx-qp-qr" data-testid="qp-qr">
              <QRCode
                value={boardUrl(classId, sessionId, board.invite)}
                size={qrSize}
                errorLevel="M"
                color="#000"
                bgColor="#fff"
                bordered={false}
              />
            </div>
            <div className="gx-qp-scan">
              <div className="gx-qp-scan-caption">{t('questions.presenter.scan')}</div>
              <div className="gx-qp-figures" data-testid="qp-figures">
                <div className="gx-qp-figure">
                  <div className="gx-qp-figure-value" data-testid="qp-answered">
                    {answered}
                  </div>
                  <div className="gx-qp-figure-label">{t('questions.presenter.answered')}</div>
                </div>
                <div className="gx-qp-figure">
                  <div className="gx-qp-figure-value gx-qp-figure-total" data-testid="qp-total">
                    {total}
                  </div>
                  <div className="gx-qp-figure-label">{t('questions.presenter.questions')}</div>
                </div>
              </div>
            </div>
          </div>
        </section>

        <aside className="gx-qp-queue" data-testid="qp-queue">
          <div className="gx-qp-queue-title">{t('questions.presenter.queue')}</div>
          {queue.length === 0 ? (
            <div className="gx-qp-queue-empty">{t('questions.presenter.queueEmpty')}</div>
          ) : (
            <ol className="gx-qp-queue-list">
              {queue.map((q, i) => (
                <li key={q.id} className="gx-qp-queue-item" data-testid="qp-queue-item" data-id={q.id}>
                  <span className="gx-qp-queue-rank">{i + 1}</span>
                  <span className="gx-qp-queue-text">{q.text}</span>
                  <span className="gx-qp-queue-votes">
                    <LikeFilled /> {q.votes}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </aside>
      </main>
    </div>
  );
}
