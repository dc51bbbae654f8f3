import { ArrowLeftOutlined, LikeFilled, LikeOutlined } from '@ant-design/icons';
import { QUESTION_MAX_LENGTH, type QuestionOrder, type QuestionView } from '@ganxun/domain';
import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  Result,
  Segmented,
  Skeleton,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { chinaTime } from '../timetable/logic';
import { useLiveBoard, usePostQuestion, useVote } from './api';
import { LiveDot } from './live-dot';
import { boardQuestions, chinaMoment, closedReason, itemTime, opensAt, voteBlock } from './presenter-logic';
import './questions.css';

const STATUS_COLOR: Partial<Record<QuestionView['status'], string>> = {
  pending: 'gold',
  answering: 'red',
  answered: 'green',
  answered_in_writing: 'blue',
  hidden: 'default',
};

function QuestionCard({
  q,
  boardOpen,
  participant,
  voting,
  voteError,
  onVote,
}: {
  q: QuestionView;
  boardOpen: boolean;
  participant: boolean;
  voting: boolean;
  voteError: string | undefined;
  onVote: () => void;
}) {
  const { t } = useTranslation();
  const block = participant || q.mine ? voteBlock(q, boardOpen) : 'not_participant';
  const marked = q.voted;
  const color = STATUS_COLOR[q.status];
  return (
    <li
      className={`gx-qb-card gx-qb-card-${q.status}${q.mine ? ' gx-qb-card-mine' : ''}`}
      data-testid="qb-question"
      data-id={q.id}
      data-status={q.status}
      data-mine={q.mine ? 'true' : 'false'}
      data-voted={q.voted ? 'true' : 'false'}
    >
      <div className="gx-qb-card-body">
        <div className="gx-qb-card-tags">
          {q.status !== 'open' ? (
            <Tag color={color} data-testid="qb-question-status">
              {t(`questions.status.${q.status}`)}
            </Tag>
          ) : null}
          {q.mine ? (
            <Tag color="purple" data-testid="qb-question-mine">
              {t('questions.board.mine')}
            </Tag>
          ) : null}
        </div>
        <div className="gx-qb-card-text" data-testid="qb-question-text">
          {q.text}
        </div>
        <div className="gx-qb-card-meta">
          <span data-testid="qb-question-author">{q.authorName ?? t('questions.board.anonymousName')}</span>
          <span>{chinaTime(q.createdAt)}</span>
        </div>
        {q.status === 'pending' && q.mine ? (
          <div className="gx-qb-card-note">{t('questions.board.pendingHint')}</div>
        ) : null}
        {q.status === 'hidden' && q.hiddenReason ? (
          <div className="gx-qb-card-note gx-qb-card-note-bad">
            {t('questions.board.hiddenReason', { reason: q.hiddenReason })}
          </div>
        ) : null}
        {q.answer ? (
          <div className="gx-qb-answer" data-testid="qb-question-answer">
            <div className="gx-qb-answer-label">{t('questions.board.answer')}</div>
            <div className="gx-qb-answer-text">{q.answer}</div>
          </div>
        ) : null}
        {voteError ? (
          <div className="gx-qb-card-note gx-qb-card-note-bad" data-testid="qb-vote-error">
            {voteError}
          </div>
        ) : null}
      </div>
      <button
        type="button"
        className={`gx-qb-vote${marked ? ' gx-qb-vote-marked' : ''}`}
        disabled={block !== null || voting}
        onClick={onVote}
        title={block ? t(`questions.board.voteBlock.${block}`) : t('questions.board.like')}
        aria-label={block ? t(`questions.board.voteBlock.${block}`) : t('questions.board.like')}
        aria-pressed={marked}
        data-testid="qb-vote"
        data-block={block ?? ''}
      >
        {marked ? <LikeFilled /> : <LikeOutlined />}
        <span className="gx-qb-vote-count" data-testid="qb-vote-count">
          {q.votes}
        </span>
        {marked ? <span className="gx-qb-vote-word">{t('questions.board.voted')}</span> : null}
      </button>
    </li>
  );
}

/** /classes/:id/sessions/:sessionId/questions: the phone board (trainees and invited viewers). */
export default function BoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id: classId = '', sessionId = '' } = useParams();
  const [params] = useSearchParams();
  const invite = params.get('invite');
  const { board, state, error, merge } = useLiveBoard(classId, sessionId, invite);
  const post = usePostQuestion(classId, sessionId, invite);
  const vote = useVote(classId, sessionId, invite);
  const [form] = Form.useForm<{ text: string; anonymous: boolean }>();
  const [order, setOrder] = useState<QuestionOrder>('top');
  // Told by the board (a reader of the class who is neither a trainee nor invited), or learnt
  // from a 403 (e.g. withdrawn since the board was loaded).
  const [refused, setRefused] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [voteErrors, setVoteErrors] = useState<Record<string, string>>({});
  const [votingId, setVotingId] = useState<string | null>(null);
  const text = Form.useWatch('text', form) ?? '';

  const list = useMemo(() => (board ? boardQuestions(board.questions, order) : []), [board, order]);

  if (error === 403) {
    return (
      <div className="gx-qb-page">
        <Result
          status="403"
          title={t('questions.board.forbiddenTitle')}
          subTitle={t('questions.board.forbiddenSubtitle')}
          data-testid="qb-forbidden"
          extra={
            <Link to="/">
              <Button type="primary" size="large">
                {t('result.backHome')}
              </Button>
            </Link>
          }
        />
      </div>
    );
  }
  if (error !== null) {
    return (
      <div className="gx-qb-page">
        <Result
          status={error === 404 ? '404' : 'error'}
          title={error === 404 ? t('questions.board.notFoundTitle') : t('questions.board.loadError')}
          data-testid="qb-error"
        />
      </div>
    );
  }

  const open = board?.open ?? false;
  const notParticipant = refused || (board !== null && !board.participant);
  const blocked = !open || notParticipant;
  const reason = board ? closedReason(board, Date.now()) : 'closed';
  const opening = board ? chinaMoment(new Date(opensAt(board.startsAt)).toISOString()) : '';

  const submit = async (values: { text: string; anonymous?: boolean }) => {
    setFormError(null);
    try {
      const question = await post.mutateAsync({
        text: values.text.trim(),
        anonymous: !!values.anonymous && !!board?.anonymousAllowed,
      });
      merge(question);
      form.resetFields();
      void message.success(
        question.status === 'pending' ? t('questions.board.postedPending') : t('questions.board.posted'),
      );
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) {
        setRefused(true);
        return;
      }
      const unmatched = applyFieldErrors(form, e);
      if (!(e instanceof ApiError) || e.fields.length === 0) setFormError(errorText(e, t));
      else if (unmatched.length > 0)
        setFormError(e.fields.map((f) => f.message).join('；') || errorText(e, t));
    }
  };

  const onVote = async (questionId: string) => {
    setVotingId(questionId);
    setVoteErrors(({ [questionId]: _, ...rest }) => rest);
    try {
      merge(await vote.mutateAsync(questionId));
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) setRefused(true);
      const text = e instanceof ApiError && e.fields[0]?.message ? e.fields[0].message : errorText(e, t);
      setVoteErrors((current) => ({ ...current, [questionId]: text }));
    } finally {
      setVotingId(null);
    }
  };

  return (
    <div className="gx-qb-page" data-testid="qb-page">
      <header className="gx-qb-header">
        <div className="gx-qb-header-row">
          <Link to={`/classes/${classId}`} className="gx-qb-back" data-testid="qb-back">
            <ArrowLeftOutlined /> {t('questions.board.back')}
          </Link>
          <LiveDot state={state} testId="qb-live" />
        </div>
        {board ? (
          <>
            <h1 className="gx-qb-title" data-testid="qb-title">
              {board.title}
            </h1>
            <div className="gx-qb-header-row">
              <span className="gx-qb-time">{itemTime(board.startsAt, board.endsAt)}</span>
              <Tag
                color={open ? 'green' : 'default'}
                className="gx-qb-state"
                data-testid="qb-state"
                data-open={open ? 'true' : 'false'}
              >
                {open ? t('questions.state.open') : t('questions.state.closed')}
              </Tag>
            </div>
            {board.moderator ? (
              <div className="gx-qb-header-links">
                <Link
                  to={`/classes/${classId}/sessions/${sessionId}/moderate`}
                  data-testid="qb-moderate-link"
                >
                  {t('questions.board.moderate')}
                </Link>
                <Link to={`/classes/${classId}/sessions/${sessionId}/present`} data-testid="qb-present-link">
                  {t('questions.board.present')}
                </Link>
              </div>
            ) : null}
          </>
        ) : (
          <Skeleton active title paragraph={{ rows: 1 }} />
        )}
      </header>

      {board ? (
        <main className="gx-qb-main">
          <section className="gx-qb-compose" data-testid="qb-compose">
            {!open ? (
              <Alert
                type="info"
                showIcon
                title={t(`questions.board.closed.${reason}`, { time: opening })}
                data-testid="qb-closed"
                data-reason={reason}
              />
            ) : null}
            {notParticipant ? (
              <Alert
                type="warning"
                showIcon
                title={t('questions.board.notParticipant')}
                data-testid="qb-not-participant"
              />
            ) : null}
            <Form
              form={form}
              layout="vertical"
              onFinish={submit}
              disabled={blocked}
              initialValues={{ text: '', anonymous: false }}
              requiredMark={false}
            >
              <Form.Item
                name="text"
                className="gx-qb-text-item"
                rules={[{ required: true, whitespace: true, message: t('questions.board.placeholder') }]}
              >
                <Input.TextArea
                  placeholder={t('questions.board.placeholder')}
                  maxLength={QUESTION_MAX_LENGTH}
                  showCount
                  autoSize={{ minRows: 3, maxRows: 8 }}
                  className="gx-qb-text"
                  data-testid="qb-text"
                />
              </Form.Item>
              {board.anonymousAllowed ? (
                <div className="gx-qb-anon">
                  <Form.Item name="anonymous" valuePropName="checked" noStyle>
                    <Switch data-testid="qb-anonymous" />
                  </Form.Item>
                  <div>
                    <div className="gx-qb-anon-label">{t('questions.board.anonymous')}</div>
                    <div className="gx-qb-anon-hint">{t('questions.board.anonymousHint')}</div>
                  </div>
                </div>
              ) : null}
              {board.moderation && open ? (
                <Typography.Paragraph type="secondary" className="gx-qb-moderated">
                  {t('questions.board.moderated')}
                </Typography.Paragraph>
              ) : null}
              {formError ? (
                <Alert
                  type="error"
                  showIcon
                  title={formError}
                  className="gx-qb-form-error"
                  data-testid="qb-form-error"
                />
              ) : null}
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                block
                loading={post.isPending}
                disabled={blocked || text.trim().length === 0}
                className="gx-qb-submit"
                data-testid="qb-submit"
              >
                {t('questions.board.submit')}
              </Button>
            </Form>
          </section>

          <section className="gx-qb-list-section">
            <div className="gx-qb-list-head">
              <Segmented<QuestionOrder>
                value={order}
                onChange={setOrder}
                size="large"
                options={[
                  { value: 'top', label: t('questions.board.top') },
                  { value: 'newest', label: t('questions.board.newest') },
                ]}
                data-testid="qb-order"
              />
              <span className="gx-qb-count" data-testid="qb-count">
                {t('questions.board.count', { count: list.length })}
              </span>
            </div>
            {list.length === 0 ? (
              <Empty description={t('questions.board.empty')} data-testid="qb-empty" />
            ) : (
              <ul className="gx-qb-list" data-testid="qb-list">
                {list.map((q) => (
                  <QuestionCard
                    key={q.id}
                    q={q}
                    boardOpen={open}
                    participant={!notParticipant}
                    voting={votingId === q.id}
                    voteError={voteErrors[q.id]}
                    onVote={() => void onVote(q.id)}
                  />
                ))}
              </ul>
            )}
          </section>
        </main>
      ) : (
        <Skeleton active paragraph={{ rows: 6 }} />
      )}
    </div>
  );
}
