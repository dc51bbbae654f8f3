import {
  CheckCircleFilled,
  ExclamationCircleFilled,
  PaperClipOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { MyReflectionView, ReflectionFileView } from '@ganxun/domain';
import { App, Button, Card, Empty, Flex, Input, Skeleton, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { uploadReflectionFile, useMyReflections, useSubmitReflection } from './api';
import { GRADE_COLOR, reasonText, refusalText } from './reasons';

const ACCEPT = '.pdf,.doc,.docx,.jpg,.jpeg,.png';

/** The trainee's reflections (学习心得) on a phone: per class, where completion stands and the editor. */
export default function MyReflectionsPage() {
  const { t } = useTranslation();
  const mine = useMyReflections();
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('completion.mine.title')}
      </Typography.Title>
      {mine.isPending ? (
        <Skeleton active />
      ) : mine.error ? (
        <Typography.Text type="danger">{errorText(mine.error, t)}</Typography.Text>
      ) : mine.data.items.length === 0 ? (
        <Empty description={t('completion.mine.empty')} />
      ) : (
        mine.data.items.map((item) => <ClassCard key={item.enrollmentId} item={item} />)
      )}
    </Flex>
  );
}

function CompletionBlock({ item }: { item: MyReflectionView }) {
  const { t } = useTranslation();
  const c = item.completion;
  const completed = c.status === 'completed';
  const provisional = !c.confirmed && item.class.status !== 'completed' && item.class.status !== 'archived';
  const headline = c.confirmed
    ? t(
        c.confirmed.completed
          ? 'completion.mine.confirmedCompleted'
          : 'completion.mine.confirmedNotCompleted',
      )
    : t(completed ? 'completion.mine.completed' : 'completion.mine.notCompleted');
  const ok = c.confirmed ? c.confirmed.completed : completed;
  return (
    <Flex vertical gap={4} data-testid="my-completion" data-status={c.status}>
      <Typography.Text strong>
        {ok ? (
          <CheckCircleFilled style={{ color: '#52c41a', marginRight: 6 }} />
        ) : (
          <ExclamationCircleFilled style={{ color: '#faad14', marginRight: 6 }} />
        )}
        {headline}
      </Typography.Text>
      {provisional && <Typography.Text type="secondary">{t('completion.mine.provisional')}</Typography.Text>}
      {c.reasons.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('completion.mine.open')}</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {c.reasons.map((r) => (
              <li key={r.code} data-testid="my-completion-reason" data-code={r.code}>
                {reasonText(r, t)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Flex>
  );
}

function ClassCard({ item }: { item: MyReflectionView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reflection = item.reflection;
  const [text, setText] = useState(reflection?.text ?? '');
  const [file, setFile] = useState<ReflectionFileView | null>(reflection?.file ?? null);
  const [uploading, setUploading] = useState(false);
  const submit = useSubmitReflection();

  const onUpload = async (f: File) => {
    setUploading(true);
    try {
      setFile(await uploadReflectionFile(item.class.id, f));
    } catch (e) {
      void message.error(refusalText(e, t));
    } finally {
      setUploading(false);
    }
  };
  const onSubmit = async () => {
    try {
      await submit.mutateAsync({
        classId: item.class.id,
        body: { text: text.trim() ? text : null, fileId: file?.id ?? null },
      });
      void message.success(t('completion.mine.saved'));
    } catch (e) {
      void message.error(refusalText(e, t));
    }
  };
  const dates = [item.class.startDate, item.class.endDate].filter(Boolean).join(' ~ ');

  return (
    <Card size="small" data-testid="reflection-class" data-class={item.class.code}>
      <Flex vertical gap={16}>
        <Flex vertical gap={2}>
          <Typography.Text strong>{item.class.name}</Typography.Text>
          <Typography.Text type="secondary">{dates}</Typography.Text>
        </Flex>
        <CompletionBlock item={item} />
        <Flex vertical gap={8}>
          <Typography.Text strong>{t('completion.mine.reflection')}</Typography.Text>
          {reflection && (
            <Typography.Text type="secondary">
              {t('completion.mine.submitted', { at: formatDateTime(reflection.updatedAt) })}
            </Typography.Text>
          )}
          {reflection?.grade && (
            <Flex vertical gap={4} data-testid="reflection-grade-shown" data-grade={reflection.grade}>
              <span>
                <Tag color={GRADE_COLOR[reflection.grade]}>
                  {t('completion.mine.graded', { grade: t(`completion.grade.${reflection.grade}`) })}
                </Tag>
              </span>
              {reflection.gradeComment && (
                <Typography.Text>
                  {t('completion.mine.comment', { comment: reflection.gradeComment })}
                </Typography.Text>
              )}
            </Flex>
          )}
          {item.editable ? (
            <>
              <Input.TextArea
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={6}
                maxLength={10_000}
                showCount
                placeholder={t('completion.mine.textPlaceholder')}
                data-testid="reflection-text"
              />
              <Flex gap={8} wrap align="center">
                <Upload
                  accept={ACCEPT}
                  showUploadList={false}
                  beforeUpload={(f) => {
                    void onUpload(f);
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={uploading} data-testid="reflection-file">
                    {t('completion.mine.upload')}
                  </Button>
                </Upload>
                {file && (
                  <Tag
                    icon={<PaperClipOutlined />}
                    closable
                    onClose={() => setFile(null)}
                    data-testid="reflection-file-name"
                  >
                    {file.name}
                  </Tag>
                )}
              </Flex>
              <Typography.Text type="secondary">{t('completion.mine.fileHint')}</Typography.Text>
              <Button
                type="primary"
                block
                loading={submit.isPending}
                disabled={uploading || (!text.trim() && !file)}
                onClick={onSubmit}
                data-testid="reflection-submit"
              >
                {t(reflection ? 'completion.mine.resubmit' : 'completion.mine.submit')}
              </Button>
            </>
          ) : (
            <>
              {reflection?.text && (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {reflection.text}
                </Typography.Paragraph>
              )}
              {reflection?.file && <Tag icon={<PaperClipOutlined />}>{reflection.file.name}</Tag>}
              <Typography.Text type="secondary">
                {t(reflection?.grade ? 'completion.mine.locked' : 'completion.mine.closed')}
              </Typography.Text>
            </>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
