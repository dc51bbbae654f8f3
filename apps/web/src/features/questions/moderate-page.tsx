import {
  ArrowLeftOutlined,
  DesktopOutlined,
  LikeOutlined,
  MobileOutlined,
  UserOutlined,
} from '@ant-design/icons';
import {
  BOARD_MODES,
  type BoardMode,
  type BoardSettingsBody,
  type ModerateBody,
  type ModerationAction,
  type QuestionView,
  WRITTEN_ANSWER_MAX_LENGTH,
} from '@ganxun/domain';
import type { ButtonProps } from 'antd';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Segmented,
  Select,
  Skeleton,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { ForbiddenPage, NotFoundPage } from '../../components/result-pages';
import { useClass } from '../classes/api';
import { boardUrl, type StreamState, useBoardSettings, useLiveBoard, useModerate } from './api';
import {
  mergeTargets,
  moderationActions,
  moderationSections,
  percentText,
  shorten,
} from './moderation-logic';

/** The server's field messages when it gave any (they say what is wrong), else its general message. */
function problemText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.fields.length > 0)
    return error.fields.map((f) => f.message).join('；');
  return errorText(error, t);
}

/** `2026-05-01 09:00–10:30` (the end's date too when it differs). */
function timeRange(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const hm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return `${day(start)} ${hm(start)}–${day(end) === day(start) ? '' : `${day(end)} `}${hm(end)}`;
}

const STATUS_COLOR: Record<QuestionView['status'], string> = {
  pending: 'gold',
  open: 'blue',
  answering: 'processing',
  answered: 'success',
  answered_in_writing: 'cyan',
  hidden: 'default',
  merged: 'purple',
};

const STATE_BADGE: Record<StreamState, 'processing' | 'success' | 'warning'> = {
  connecting: 'processing',
  live: 'success',
  reconnecting: 'warning',
};

/** The test id of each action's button. */
const ACTION_TESTID: Record<ModerationAction, string> = {
  approve: 'qm-approve',
  answering: 'qm-answering',
  answered: 'qm-answered',
  answer_in_writing: 'qm-written',
  merge: 'qm-merge',
  hide: 'qm-hide',
  reopen: 'qm-reopen',
};

/** Actions that ask for something first (a modal). */
type Asking = { action: 'hide' | 'answer_in_writing' | 'merge'; question: QuestionView };

function QuestionCard({
  question,
  all,
  busy,
  onAction,
}: {
  question: QuestionView;
  all: QuestionView[];
  busy: string | null;
  onAction: (question: QuestionView, action: ModerationAction) => void;
}) {
  const { t } = useTranslation();
  const target = question.mergedInto ? all.find((q) => q.id === question.mergedInto) : undefined;
  const actions = moderationActions(question.status);
  return (
    <Card
      size="small"
      className="gx-qm-question"
      data-testid="qm-question"
      data-status={question.status}
      style={question.status === 'answering' ? { borderColor: '#1677ff', background: '#f0f7ff' } : undefined}
    >
      <Flex vertical gap={6}>
        <Typography.Paragraph
          style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 15 }}
          data-testid="qm-text"
        >
          {question.text}
        </Typography.Paragraph>
        <Flex gap={8} wrap align="center">
          <Tag color={STATUS_COLOR[question.status]} style={{ marginInlineEnd: 0 }}>
            {t(`questions.status.${question.status}`)}
          </Tag>
          <Typography.Text type="secondary" data-testid="qm-author">
            <UserOutlined />{' '}
            {question.anonymous || !question.authorName
              ? t('questions.moderation.anonymous')
              : question.authorName}
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="qm-votes">
            <LikeOutlined /> {t('questions.moderation.votes', { n: question.votes })}
          </Typography.Text>
          <Typography.Text type="secondary">{clock(question.createdAt)}</Typography.Text>
        </Flex>
        {question.answer ? (
          <Typography.Paragraph
            style={{
              margin: 0,
              whiteSpace: 'pre-wrap',
              background: '#f6ffed',
              padding: '4px 8px',
              borderRadius: 4,
            }}
            data-testid="qm-answer"
          >
            <Typography.Text strong>{t('questions.moderation.answer')}</Typography.Text>
            {question.answer}
          </Typography.Paragraph>
        ) : null}
        {question.status === 'hidden' && question.hiddenReason ? (
          <Typography.Text type="secondary" data-testid="qm-hidden-reason">
            {t('questions.moderation.hiddenReason')}
            {question.hiddenReason}
          </Typography.Text>
        ) : null}
        {question.status === 'merged' ? (
          <Typography.Text type="secondary" data-testid="qm-merged-into">
            {t('questions.moderation.mergedInto')}
            {target ? shorten(target.text, 40) : t('questions.moderation.mergedGone')}
          </Typography.Text>
        ) : null}
        {actions.length > 0 ? (
          <Flex gap={6} wrap>
            {actions.map((action) => (
              <Button
                key={action}
                size="small"
                type={action === 'approve' || action === 'answering' ? 'primary' : 'default'}
                danger={action === 'hide'}
                loading={busy === `${question.id}:${action}`}
                disabled={Boolean(busy?.startsWith(`${question.id}:`)) && busy !== `${question.id}:${action}`}
                onClick={() => onAction(question, action)}
                data-testid={ACTION_TESTID[action]}
              >
                {t(`questions.moderation.actions.${action}`)}
              </Button>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

/** `09:41`, local time. */
function clock(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function Section({
  testId,
  title,
  empty,
  list,
  all,
  busy,
  onAction,
}: {
  testId: string;
  title: string;
  empty: string;
  list: QuestionView[];
  all: QuestionView[];
  busy: string | null;
  onAction: (question: QuestionView, action: ModerationAction) => void;
}) {
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Flex gap={8} align="center">
          {title}
          <Badge
            count={list.length}
            showZero
            color={list.length > 0 && testId === 'qm-pending' ? '#faad14' : '#8c8c8c'}
            data-testid={`${testId}-count`}
          />
        </Flex>
      }
      styles={{ body: { padding: 8 } }}
    >
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <Flex vertical gap={8}>
          {list.map((q) => (
            <QuestionCard key={q.id} question={q} all={all} busy={busy} onAction={onAction} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

/** Asks what an action needs (the reason, the written answer, the target) and sends it. */
function AskModal({
  asking,
  questions,
  onSubmit,
  onClose,
}: {
  asking: Asking | null;
  questions: QuestionView[];
  onSubmit: (body: ModerateBody & { questionId: string }) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string; answer?: string; mergeInto?: string }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!asking) return;
    form.resetFields();
    if (asking.action === 'answer_in_writing' && asking.question.answer)
      form.setFieldsValue({ answer: asking.question.answer });
  }, [asking, form]);

  const action = asking?.action ?? 'hide';
  const key = action === 'hide' ? 'hideModal' : action === 'merge' ? 'mergeModal' : 'answerModal';
  const testId = action === 'hide' ? 'qm-hide' : action === 'merge' ? 'qm-merge' : 'qm-answer';
  const targets = asking ? mergeTargets(questions, asking.question.id) : [];

  const submit = async () => {
    if (!asking) return;
    // Invalid input stays in the form, with the field's message.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      await onSubmit({
        questionId: asking.question.id,
        action,
        ...(action === 'hide' ? { reason: values.reason?.trim() } : {}),
        ...(action === 'answer_in_writing' ? { answer: values.answer?.trim() } : {}),
        ...(action === 'merge' ? { mergeInto: values.mergeInto } : {}),
      });
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      const ownFields = error instanceof ApiError && error.fields.length > unmatched.length;
      if (!ownFields) void message.error(problemText(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={asking !== null}
      title={t(`questions.moderation.${key}.title`)}
      okText={t(`questions.moderation.${key}.ok`)}
      okButtonProps={
        {
          danger: action === 'hide',
          loading: saving,
          disabled: action === 'merge' && targets.length === 0,
          'data-testid': `${testId}-submit`,
        } as ButtonProps
      }
      onOk={submit}
      onCancel={onClose}
      forceRender
      destroyOnHidden={false}
    >
      {asking ? (
        <Typography.Paragraph
          type="secondary"
          style={{ whiteSpace: 'pre-wrap', borderLeft: '3px solid #d9d9d9', paddingLeft: 8 }}
        >
          {asking.question.text}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" data-testid={`${testId}-modal`}>
        {action === 'hide' ? (
          <Form.Item
            name="reason"
            label={t('questions.moderation.hideModal.reason')}
            extra={t('questions.moderation.hideModal.reasonHint')}
            rules={[
              { required: true, whitespace: true, message: t('questions.moderation.hideModal.required') },
            ]}
          >
            <Input.TextArea rows={2} maxLength={200} showCount data-testid="qm-hide-reason" />
          </Form.Item>
        ) : null}
        {action === 'answer_in_writing' ? (
          <Form.Item
            name="answer"
            label={t('questions.moderation.answerModal.answer')}
            rules={[
              { required: true, whitespace: true, message: t('questions.moderation.answerModal.required') },
            ]}
          >
            <Input.TextArea
              rows={6}
              maxLength={WRITTEN_ANSWER_MAX_LENGTH}
              showCount
              data-testid="qm-answer-text"
            />
          </Form.Item>
        ) : null}
        {action === 'merge' ? (
          <Form.Item
            name="mergeInto"
            label={t('questions.moderation.mergeModal.target')}
            extra={t('questions.moderation.mergeModal.targetHint')}
            rules={[{ required: true, message: t('questions.moderation.mergeModal.required') }]}
          >
            <Select
              data-testid="qm-merge-target"
              notFoundContent={t('questions.moderation.mergeModal.none')}
              showSearch={{ optionFilterProp: 'search' }}
              options={targets.map((q) => ({
                value: q.id,
                search: q.text,
                label: (
                  <Flex justify="space-between" gap={8}>
                    <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{shorten(q.text)}</span>
                    <Typography.Text type="secondary" style={{ flex: 'none' }}>
                      <LikeOutlined /> {q.votes}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function SettingRow({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <Flex gap={8} align="center">
      <Typography.Text>{label}</Typography.Text>
      {hint ? (
        <Tooltip title={hint}>
          <Typography.Text type="secondary" style={{ cursor: 'help' }}>
            ⓘ
          </Typography.Text>
        </Tooltip>
      ) : null}
      {children}
    </Flex>
  );
}

/** /classes/:id/sessions/:sessionId/moderate: the moderator's console for one board. */
export default function ModeratePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '', sessionId = '' } = useParams();
  const cls = useClass(id);
  const { board, state, error, merge, setBoard } = useLiveBoard(id, sessionId);
  const moderate = useModerate(id, sessionId);
  const settings = useBoardSettings(id, sessionId);
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking | null>(null);

  if (!board && error === 403) return <ForbiddenPage />;
  if (!board && (error === 404 || error === 400)) return <NotFoundPage />;
  if (!board && error !== null) return <Result status="error" title={t('errors.loadFailed')} />;
  if (!board) return <Skeleton active paragraph={{ rows: 10 }} />;
  const back = (
    <Link to={`/classes/${id}?tab=questions`} data-testid="qm-back">
      <ArrowLeftOutlined /> {cls.data?.name ?? t('questions.moderation.back')}
    </Link>
  );
  if (!board.moderator)
    return (
      <Flex vertical gap={16}>
        {back}
        <Result status="403" title={t('questions.moderation.notModerator')} />
      </Flex>
    );

  const send = async (body: ModerateBody & { questionId: string }) => {
    const result = await moderate.mutateAsync(body);
    merge(result);
  };

  const onAction = (question: QuestionView, action: ModerationAction) => {
    if (action === 'hide' || action === 'answer_in_writing' || action === 'merge') {
      setAsking({ action, question });
      return;
    }
    setBusy(`${question.id}:${action}`);
    send({ questionId: question.id, action })
      .catch((e: unknown) => void message.error(problemText(e, t)))
      .finally(() => setBusy(null));
  };

  const change = (body: BoardSettingsBody) => {
    settings.mutateAsync(body).then(
      (result) => {
        setBoard(result);
        void message.success(t('questions.moderation.settings.saved'));
      },
      (e: unknown) => void message.error(problemText(e, t)),
    );
  };

  const sections = moderationSections(board.questions);
  const presenterPath = `/classes/${id}/sessions/${sessionId}/present`;
  const inviteUrl = board.viewers && board.invite ? boardUrl(id, sessionId, board.invite) : null;

  return (
    <Flex vertical gap={16} data-testid="moderate">
      {back}
      <PageHeader
        title={board.title}
        description={
          <span data-testid="qm-time">
            {timeRange(board.startsAt, board.endsAt)}
            {' · '}
            {t('questions.moderation.figures', {
              questions: board.figures.questions,
              answered: board.figures.answered,
              share: percentText(board.figures.answeredShare),
            })}
          </span>
        }
        extra={
          <>
            <Flex gap={8} align="center">
              <Badge
                status={STATE_BADGE[state]}
                text={t(`questions.moderation.state.${state}`)}
                data-testid="qm-state"
                data-state={state}
              />
              <Tag
                color={board.open ? 'green' : 'default'}
                data-testid="qm-board-open"
                data-open={board.open}
              >
                {board.open ? t('questions.moderation.boardOpen') : t('questions.moderation.boardClosed')}
              </Tag>
            </Flex>
            <Button
              icon={<DesktopOutlined />}
              href={presenterPath}
              target="_blank"
              rel="noopener"
              data-testid="qm-presenter"
            >
              {t('questions.moderation.presenter')}
            </Button>
            <Button
              icon={<MobileOutlined />}
              href={boardUrl(id, sessionId, null)}
              target="_blank"
              rel="noopener"
              data-testid="qm-board"
            >
              {t('questions.moderation.board')}
            </Button>
          </>
        }
      />

      <Card size="small" title={t('questions.moderation.settings.title')} data-testid="qm-settings">
        <Flex gap={24} wrap align="center" style={{ rowGap: 12 }}>
          <SettingRow
            label={t('questions.moderation.settings.mode')}
            hint={t('questions.moderation.settings.autoHint')}
          >
            <Segmented<BoardMode>
              value={board.mode}
              disabled={settings.isPending}
              onChange={(mode) => change({ mode })}
              options={BOARD_MODES.map((mode) => ({
                value: mode,
                label: t(`questions.moderation.settings.modes.${mode}`),
              }))}
              data-testid="qm-mode"
            />
          </SettingRow>
          <SettingRow
            label={t('questions.moderation.settings.moderation')}
            hint={t('questions.moderation.settings.moderationHint')}
          >
            <Switch
              checked={board.moderation}
              loading={settings.isPending && settings.variables?.moderation !== undefined}
              onChange={(moderation) => change({ moderation })}
              data-testid="qm-moderation"
            />
          </SettingRow>
          <SettingRow label={t('questions.moderation.settings.anonymous')}>
            <Switch
              checked={board.anonymousAllowed}
              loading={settings.isPending && settings.variables?.anonymousAllowed !== undefined}
              onChange={(anonymousAllowed) => change({ anonymousAllowed })}
              data-testid="qm-anonymous"
            />
          </SettingRow>
          <SettingRow label={t('questions.moderation.settings.viewers')}>
            <Switch
              checked={board.viewers}
              loading={settings.isPending && settings.variables?.viewers !== undefined}
              onChange={(viewers) => change({ viewers })}
              data-testid="qm-viewers"
            />
          </SettingRow>
        </Flex>
        {inviteUrl ? (
          <Flex gap={8} align="center" wrap style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('questions.moderation.settings.invite')}</Typography.Text>
            <Typography.Text
              copyable={{ text: inviteUrl }}
              ellipsis={{ tooltip: inviteUrl }}
              style={{ maxWidth: 'min(100%, 560px)' }}
              data-testid="qm-invite"
            >
              {inviteUrl}
            </Typography.Text>
          </Flex>
        ) : null}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Section
            testId="qm-pending"
            title={t('questions.moderation.sections.pending')}
            empty={t('questions.moderation.empty.pending')}
            list={sections.pending}
            all={board.questions}
            busy={busy}
            onAction={onAction}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Section
            testId="qm-open"
            title={t('questions.moderation.sections.open')}
            empty={t('questions.moderation.empty.open')}
            list={sections.open}
            all={board.questions}
            busy={busy}
            onAction={onAction}
          />
        </Col>
        <Col xs={24} lg={8}>
          <Section
            testId="qm-done"
            title={t('questions.moderation.sections.done')}
            empty={t('questions.moderation.empty.done')}
            list={sections.done}
            all={board.questions}
            busy={busy}
            onAction={onAction}
          />
        </Col>
      </Row>

      <AskModal asking={asking} questions={board.questions} onSubmit={send} onClose={() => setAsking(null)} />
    </Flex>
  );
}
