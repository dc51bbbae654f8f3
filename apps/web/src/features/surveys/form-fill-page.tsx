import { CheckCircleFilled, LockOutlined } from '@ant-design/icons';
import type { Answers, SurveyQuestion } from '@ganxun/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Skeleton,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { useSubmitResponse, useSurveyForm } from './api';
import { labelOf } from './labels';
import './surveys.css';

/** A 1–5 rating as five big buttons (easy with a thumb). */
function RatingInput({ value, onChange }: { value?: number; onChange?: (v: number) => void }) {
  return (
    <Radio.Group
      value={value}
      onChange={(e) => onChange?.(e.target.value)}
      optionType="button"
      buttonStyle="solid"
      size="large"
      className="gx-survey-rating"
      data-testid="form-rating"
      options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))}
    />
  );
}

/**
 * The control of one question. Form.Item hands its child `value` and `onChange`: they are passed
 * on to the control, or the answer would never reach the form.
 */
function QuestionInput({
  q,
  value,
  onChange,
}: {
  q: SurveyQuestion;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  if (q.kind === 'rating') return <RatingInput value={value as number | undefined} onChange={onChange} />;
  if (q.kind === 'choice') {
    const options = q.options.map((o) => ({ value: o.id, label: labelOf(o.label, i18n.language) }));
    return q.multiple ? (
      <Checkbox.Group
        options={options}
        className="gx-survey-choices"
        value={value as string[] | undefined}
        onChange={(v) => onChange?.(v)}
      />
    ) : (
      <Radio.Group
        options={options}
        className="gx-survey-choices"
        value={value as string | undefined}
        onChange={(e) => onChange?.(e.target.value)}
      />
    );
  }
  return (
    <Input.TextArea
      value={value as string | undefined}
      onChange={(e) => onChange?.(e.target.value)}
      autoSize={{ minRows: 3, maxRows: 8 }}
      maxLength={q.maxLength}
      showCount
      placeholder={t('surveys.fill.textPlaceholder')}
    />
  );
}

/** /my-forms/:formId: fill in an evaluation form on a phone, then a thank-you. */
export default function FormFillPage() {
  const { formId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const form = useSurveyForm(formId);
  const submit = useSubmitResponse(formId);
  const [antForm] = Form.useForm();
  const [done, setDone] = useState(false);

  if (form.isLoading) return <Skeleton active />;
  if (form.isError) return <Alert type="error" showIcon title={errorText(form.error, t)} />;
  const data = form.data;
  if (!data) return null;

  const back = (
    <Link to="/my-forms">
      <Button type="primary" size="large" data-testid="form-back">
        {t('surveys.fill.back')}
      </Button>
    </Link>
  );
  if (done)
    return (
      <Result
        status="success"
        icon={<CheckCircleFilled />}
        title={t('surveys.fill.done')}
        subTitle={t('surveys.fill.doneHint')}
        extra={back}
        data-testid="form-done"
      />
    );
  const blocked = data.submitted
    ? t('surveys.fill.already')
    : data.status === 'not_open'
      ? t('surveys.fill.notOpen')
      : data.status !== 'open'
        ? t('surveys.fill.closed')
        : null;

  const onFinish = async (values: { answers?: Answers }) => {
    const answers: Answers = {};
    for (const q of data.questions) {
      const v = values.answers?.[q.id];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      answers[q.id] = q.kind === 'choice' && !q.multiple && Array.isArray(v) ? (v[0] ?? null) : v;
    }
    try {
      await submit.mutateAsync({ answers });
      setDone(true);
    } catch (e) {
      const rest = applyFieldErrors(antForm, e);
      if (e instanceof ApiError && e.fields.some((f) => f.path === 'id')) {
        message.error(e.fields.map((f) => f.message).join('; '));
      } else if (rest.length) message.error(rest.join('; '));
      else if (!(e instanceof ApiError && e.fields.length)) message.error(errorText(e, t));
    }
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 640, margin: '0 auto', width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {data.target === 'class' ? t('surveys.tab.classForm') : data.title}
        </Typography.Title>
        <Typography.Text type="secondary">{data.className}</Typography.Text>
        {data.item?.speakers.length ? (
          <div>
            <Typography.Text type="secondary">
              {t('surveys.fill.speakers', { names: data.item.speakers.join('、') })}
            </Typography.Text>
          </div>
        ) : null}
      </div>
      <Alert type="info" showIcon icon={<LockOutlined />} title={t('surveys.anonymousNote')} />
      {blocked ? (
        <Result status="info" title={blocked} extra={back} />
      ) : (
        <Form form={antForm} layout="vertical" onFinish={onFinish} requiredMark>
          {data.questions.map((q, i) => (
            <Card key={q.id} size="small" style={{ marginBottom: 12 }} data-testid="form-question">
              <Form.Item
                name={['answers', q.id]}
                label={`${i + 1}. ${labelOf(q.label, i18n.language)}`}
                rules={q.required ? [{ required: true, message: t('surveys.fill.required') }] : []}
                style={{ marginBottom: 0 }}
              >
                <QuestionInput q={q} />
              </Form.Item>
            </Card>
          ))}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={submit.isPending}
            data-testid="form-submit"
          >
            {t('surveys.fill.submit')}
          </Button>
        </Form>
      )}
    </Flex>
  );
}
