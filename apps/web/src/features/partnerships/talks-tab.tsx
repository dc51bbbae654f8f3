import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { multilineText, type PartnershipView, type TalkBody, type TalkView, text } from '@ganxun/domain';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { useDebouncedValue } from '../../components/debounce';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { zodRule } from '../../components/zod-rule';
import { useDeleteTalk, usePartnershipSecondments, useSaveTalk, useTalks } from './api';

interface TalkValues {
  date?: string;
  title?: string;
  location?: string | null;
  participants?: string;
  notes?: string;
  secondmentIds?: string[];
}

const dateProps = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/** Creates (no `talk`) or edits a talk: date, title, place, who took part, notes and the secondees. */
function TalkFormDrawer({
  partnership,
  open,
  talk,
  onClose,
}: {
  partnership: PartnershipView;
  open: boolean;
  talk: TalkView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TalkValues>();
  const save = useSaveTalk();
  const [q, setQ] = useState('');
  const secondments = usePartnershipSecondments(partnership.id, useDebouncedValue(q, 300), open);
  // Labels of the secondees picked so far, so that they stay named when a search no longer lists them.
  const [known, setKnown] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setQ('');
    setKnown(new Map((talk?.secondees ?? []).map((s) => [s.secondmentId, s.personName])));
    if (talk)
      form.setFieldsValue({
        date: talk.date,
        title: talk.title,
        location: talk.location,
        participants: talk.participants,
        notes: talk.notes,
        secondmentIds: talk.secondees.map((s) => s.secondmentId),
      });
  }, [open, talk, form]);

  const found = (secondments.data?.items ?? []).map((s) => ({
    value: s.id,
    label: `${s.person.name}（${s.sendingLabel} → ${s.receivingLabel}，${s.plannedStart.slice(0, 4)}）`,
  }));
  const options = [
    ...new Map(
      [...[...known].map(([value, label]) => ({ value, label })), ...found].map((o) => [o.value, o]),
    ).values(),
  ];
  const remember = (ids: string[]) => {
    const labels = new Map(options.map((o) => [o.value, o.label]));
    setKnown(new Map(ids.map((id) => [id, labels.get(id) ?? known.get(id) ?? id])));
  };

  const required = { required: true, message: t('validation.required') };
  const rules = {
    required: [required] as Rule[],
    title: [{ ...required, whitespace: true }, zodRule(text(100), t)] as Rule[],
    location: [zodRule(text(100, 0), t)] as Rule[],
    participants: [zodRule(multilineText(500), t)] as Rule[],
    notes: [zodRule(multilineText(5000), t)] as Rule[],
  };

  const submit = async (v: TalkValues) => {
    const body: TalkBody = {
      date: v.date ?? '',
      title: (v.title ?? '').trim(),
      location: v.location?.trim() ? v.location.trim() : null,
      participants: v.participants ?? '',
      notes: v.notes ?? '',
      secondmentIds: v.secondmentIds ?? [],
    };
    try {
      await save.mutateAsync({ id: partnership.id, talkId: talk?.id, body });
      void message.success(t('partnerships.talks.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={talk ? t('partnerships.talks.editTitle') : t('partnerships.talks.createTitle')}
      width={600}
      onSave={() => form.submit()}
      saving={save.isPending}
      saveTestId="partnership-talk-submit"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ secondmentIds: [], participants: '', notes: '' }}
        data-testid="partnership-talk-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item name="date" label={t('partnerships.talks.date')} rules={rules.required} {...dateProps}>
              <DatePicker style={{ width: '100%' }} data-testid="partnership-talk-date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="location" label={t('partnerships.talks.location')} rules={rules.location}>
              <Input maxLength={100} data-testid="partnership-talk-location" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t('partnerships.talks.title')} rules={rules.title}>
          <Input maxLength={100} data-testid="partnership-talk-title" />
        </Form.Item>
        <Form.Item
          name="participants"
          label={t('partnerships.talks.participants')}
          rules={rules.participants}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="secondmentIds" label={t('partnerships.talks.secondees')}>
          <Select
            mode="multiple"
            allowClear
            maxCount={500}
            showSearch={{ filterOption: false, onSearch: setQ }}
            onChange={(ids: string[]) => remember(ids)}
            loading={secondments.isFetching}
            options={options}
            placeholder={t('partnerships.talks.secondeesPlaceholder')}
            data-testid="partnership-talk-secondees"
          />
        </Form.Item>
        <Form.Item name="notes" label={t('partnerships.talks.notes')} rules={rules.notes}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** The 座谈交流 tab: meetings of the two sides, newest first, with the secondees who took part. */
export function TalksTab({ partnership }: { partnership: PartnershipView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const talks = useTalks(partnership.id);
  const remove = useDeleteTalk();
  const [editing, setEditing] = useState<TalkView | null>(null);
  const [open, setOpen] = useState(false);
  const items = [...(talks.data?.items ?? [])].sort((a, b) => b.date.localeCompare(a.date));

  const doDelete = async (talk: TalkView) => {
    try {
      await remove.mutateAsync({ id: partnership.id, talkId: talk.id });
      void message.success(t('partnerships.talks.deleted'));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Flex vertical gap={12}>
      {partnership.canEdit ? (
        <Flex justify="flex-end">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
            data-testid="partnership-talk-create"
          >
            {t('partnerships.talks.create')}
          </Button>
        </Flex>
      ) : null}
      {talks.isPending ? (
        <Skeleton active />
      ) : talks.isError ? (
        <Typography.Text type="danger">{errorText(talks.error, t)}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('partnerships.talks.empty')} />
      ) : (
        <Flex vertical gap={12} data-testid="partnership-talks">
          {items.map((talk) => (
            <Card
              key={talk.id}
              size="small"
              data-testid="partnership-talk"
              title={
                <Space wrap>
                  <span className="gx-mono">{talk.date}</span>
                  <span>{talk.title}</span>
                  {talk.location ? <Typography.Text type="secondary">{talk.location}</Typography.Text> : null}
                </Space>
              }
              extra={
                partnership.canEdit ? (
                  <Space size={0}>
                    <Button
                      size="small"
                      type="link"
                      icon={<EditOutlined />}
                      onClick={() => {
                        setEditing(talk);
                        setOpen(true);
                      }}
                      data-testid="partnership-talk-edit"
                    >
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('partnerships.talks.deleteConfirm', { title: talk.title })}
                      onConfirm={() => doDelete(talk)}
                    >
                      <Button
                        size="small"
                        type="link"
                        danger
                        icon={<DeleteOutlined />}
                        data-testid="partnership-talk-delete"
                      >
                        {t('partnerships.talks.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : null
              }
            >
              {talk.participants ? (
                <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
                  <Typography.Text type="secondary">
                    {t('partnerships.talks.participants')}
                    {t('partnerships.colon')}
                  </Typography.Text>
                  {talk.participants}
                </Typography.Paragraph>
              ) : null}
              {talk.secondees.length > 0 ? (
                <Flex gap={4} wrap style={{ marginBottom: 4 }}>
                  <Typography.Text type="secondary">
                    {t('partnerships.talks.secondees')}
                    {t('partnerships.colon')}
                  </Typography.Text>
                  {talk.secondees.map((s) => (
                    <Tag key={s.secondmentId}>{s.personName}</Tag>
                  ))}
                </Flex>
              ) : null}
              {talk.notes ? (
                <Typography.Paragraph
                  ellipsis={{ rows: 3, expandable: 'collapsible' }}
                  style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                >
                  {talk.notes}
                </Typography.Paragraph>
              ) : null}
            </Card>
          ))}
        </Flex>
      )}
      {partnership.canEdit ? (
        <TalkFormDrawer partnership={partnership} open={open} talk={editing} onClose={() => setOpen(false)} />
      ) : null}
    </Flex>
  );
}
