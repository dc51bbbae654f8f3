import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  DIETARY_NEEDS,
  type DietaryNeed,
  type LogisticsView,
  type TraineeLogisticsView,
} from '@ganxun/domain';
import { App, Button, Card, Col, Form, Input, Row, Select, Statistic, Switch, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { useSaveServices } from './api';
import { GenderTag, NeedTag, problemText } from './labels';
import { mealCards, specialNeeds } from './logic';

/** 用餐: meal counts by dietary need for the kitchen, and the trainees with special needs. */
export function MealsPart({ view }: { view: LogisticsView }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<TraineeLogisticsView | null | undefined>(undefined);
  const rows = specialNeeds(view.trainees);

  const columns: ColumnsType<TraineeLogisticsView> = [
    {
      title: t('logistics.trainee.name'),
      dataIndex: 'name',
      width: 130,
      render: (_, x) => (
        <span>
          {x.name} <GenderTag gender={x.gender} />
        </span>
      ),
    },
    { title: t('logistics.trainee.unit'), dataIndex: 'unitName', ellipsis: true, render: (v) => v ?? '—' },
    {
      title: t('logistics.meals.need'),
      key: 'need',
      width: 120,
      render: (_, x) => <NeedTag need={x.dietaryNeed} />,
    },
    { title: t('logistics.meals.note'), dataIndex: 'dietaryNote', render: (v) => v ?? '—' },
    {
      title: t('logistics.meals.single'),
      key: 'single',
      width: 100,
      render: (_, x) => (x.singleRoom ? <Tag color="purple">{t('logistics.trainee.single')}</Tag> : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 70,
      render: (_, x) => (
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          aria-label={t('common.edit')}
          onClick={() => setEditing(x)}
          data-testid="lg-need-edit"
        />
      ),
    },
  ];

  return (
    <div data-testid="lg-meals">
      <Row gutter={[12, 12]}>
        <Col xs={12} sm={8} md={6} xl={3}>
          <Card size="small" className="lg-stat lg-stat-total">
            <Statistic
              title={t('logistics.meals.total')}
              value={view.meals.total}
              data-testid="lg-meals-total"
            />
          </Card>
        </Col>
        {mealCards(view.meals.counts, DIETARY_NEEDS).map((c) => (
          <Col key={c.need} xs={12} sm={8} md={6} xl={3}>
            <Card size="small" className={`lg-stat${c.count ? '' : ' lg-stat-zero'}`}>
              <Statistic
                title={t(`logistics.need.${c.need}`)}
                value={c.count}
                data-testid="lg-meal-count"
                data-need={c.need}
              />
            </Card>
          </Col>
        ))}
        <Col span={24}>
          <Card
            size="small"
            title={t('logistics.meals.special')}
            extra={
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setEditing(null)}
                disabled={view.trainees.length === 0}
                data-testid="lg-need-add"
              >
                {t('logistics.meals.record')}
              </Button>
            }
          >
            <Table
              rowKey="enrollmentId"
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 640 }}
              locale={{ emptyText: t('logistics.meals.noneSpecial') }}
              data-testid="lg-needs"
            />
          </Card>
        </Col>
      </Row>
      <NeedsDrawer
        view={view}
        trainee={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
    </div>
  );
}

interface NeedValues {
  enrollmentId?: string;
  dietaryNeed: DietaryNeed;
  dietaryNote?: string | null;
  singleRoom: boolean;
}

/** One trainee's meal need, note and single-room request (the trainee picked when adding). */
function NeedsDrawer({
  view,
  trainee,
  open,
  onClose,
}: {
  view: LogisticsView;
  trainee: TraineeLogisticsView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NeedValues>();
  const save = useSaveServices(view.classId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      enrollmentId: trainee?.enrollmentId,
      dietaryNeed: trainee?.dietaryNeed ?? 'none',
      dietaryNote: trainee?.dietaryNote ?? null,
      singleRoom: trainee?.singleRoom ?? false,
    });
  }, [open, trainee, form]);

  // Picking a trainee shows what is recorded for them already.
  const onPick = (enrollmentId: string) => {
    const x = view.trainees.find((r) => r.enrollmentId === enrollmentId);
    if (x)
      form.setFieldsValue({
        dietaryNeed: x.dietaryNeed ?? 'none',
        dietaryNote: x.dietaryNote,
        singleRoom: x.singleRoom,
      });
  };

  const onFinish = async (v: NeedValues) => {
    const enrollmentId = trainee?.enrollmentId ?? v.enrollmentId;
    if (!enrollmentId) return;
    try {
      await save.mutateAsync({
        enrollmentId,
        body: {
          dietaryNeed: v.dietaryNeed,
          dietaryNote: v.dietaryNote?.trim() ? v.dietaryNote.trim() : null,
          singleRoom: v.singleRoom,
        },
      });
      void message.success(t('logistics.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? problemText(error, t) : errorText(error, t));
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={trainee ? t('logistics.meals.editOf', { name: trainee.name }) : t('logistics.meals.record')}
      width={440}
      onSave={() => form.submit()}
      saving={save.isPending}
      saveTestId="lg-need-save"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        {trainee ? null : (
          <Form.Item
            name="enrollmentId"
            label={t('logistics.trainee.name')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              onChange={onPick}
              data-testid="lg-need-trainee"
              options={view.trainees.map((x) => ({
                value: x.enrollmentId,
                label: x.unitName ? `${x.name}（${x.unitName}）` : x.name,
              }))}
            />
          </Form.Item>
        )}
        <NeedFields />
      </Form>
    </FormDrawer>
  );
}

/** The need, note and single-room fields, shared by the staff drawer and the trainee's own form. */
export function NeedFields({ disabled = false }: { disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="dietaryNeed" label={t('logistics.meals.need')}>
        <Select
          disabled={disabled}
          data-testid="lg-need"
          options={DIETARY_NEEDS.map((n) => ({ value: n, label: t(`logistics.need.${n}`) }))}
        />
      </Form.Item>
      <Form.Item name="dietaryNote" label={t('logistics.meals.note')} extra={t('logistics.meals.noteHint')}>
        <Input maxLength={100} disabled={disabled} data-testid="lg-need-note" />
      </Form.Item>
      <Form.Item
        name="singleRoom"
        label={t('logistics.meals.singleRoom')}
        valuePropName="checked"
        extra={t('logistics.meals.singleHint')}
      >
        <Switch disabled={disabled} data-testid="lg-single" />
      </Form.Item>
    </>
  );
}
