import {
  CheckCircleFilled,
  DeleteOutlined,
  EditOutlined,
  GiftOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { type LogisticsView, materialBody, type SupplyView, type TraineeLogisticsView } from '@ganxun/domain';
import {
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { zodRule } from '../../components/zod-rule';
import { useDeleteMaterial, useHandOut, useSaveMaterial } from './api';
import { problemText } from './labels';
import { handedPercent, notHanded } from './logic';

/** 物资: the materials handed to each trainee, how far the handing out is, and marking it. */
export function MaterialsPart({ view }: { view: LogisticsView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteMaterial(view.classId);
  const [editing, setEditing] = useState<SupplyView | null | undefined>(undefined);
  const [handing, setHanding] = useState<string | null>(null);
  const handingMaterial = view.materials.find((m) => m.id === handing) ?? null;

  const columns: ColumnsType<SupplyView> = [
    {
      title: t('logistics.materials.name'),
      dataIndex: 'name',
      render: (_, m) => (
        <Flex vertical gap={0}>
          <Typography.Text strong>{m.name}</Typography.Text>
          {m.note ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {m.note}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('logistics.materials.perTrainee'),
      dataIndex: 'quantityPerTrainee',
      width: 90,
      align: 'right',
    },
    {
      title: t('logistics.materials.progress'),
      key: 'progress',
      width: 220,
      render: (_, m) => (
        <Flex vertical gap={0}>
          <Progress
            percent={handedPercent(m.handed, m.total)}
            size="small"
            status={m.total > 0 && m.handed >= m.total ? 'success' : 'normal'}
            showInfo={false}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="lg-material-progress">
            {t('logistics.materials.handedOf', { handed: m.handed, total: m.total })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      render: (_, m) => (
        <Space size={0}>
          <Button
            size="small"
            type="link"
            icon={<GiftOutlined />}
            onClick={() => setHanding(m.id)}
            data-testid="lg-material-handout"
          >
            {t('logistics.materials.handOut')}
          </Button>
          <Button
            type="text"
            size="small"
            icon={<EditOutlined />}
            aria-label={t('common.edit')}
            onClick={() => setEditing(m)}
            data-testid="lg-material-edit"
          />
          <Popconfirm
            title={t('logistics.materials.deleteConfirm', { name: m.name })}
            onConfirm={() =>
              remove.mutateAsync(m.id).then(
                () => void message.success(t('logistics.deleted')),
                (error) => void message.error(problemText(error, t)),
              )
            }
          >
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('logistics.delete')}
              data-testid="lg-material-delete"
            />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('logistics.materials.title')}
      data-testid="lg-materials"
      extra={
        <Button
          size="small"
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing(null)}
          data-testid="lg-material-add"
        >
          {t('logistics.materials.add')}
        </Button>
      }
    >
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={view.materials}
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: t('logistics.materials.empty') }}
        onRow={(m) => ({ 'data-testid': 'lg-material', 'data-name': m.name }) as object}
      />
      <MaterialDrawer
        classId={view.classId}
        material={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
      <HandoutDrawer view={view} material={handingMaterial} onClose={() => setHanding(null)} />
    </Card>
  );
}

interface MaterialValues {
  name: string;
  quantityPerTrainee: number;
  note?: string | null;
}

function MaterialDrawer({
  classId,
  material,
  open,
  onClose,
}: {
  classId: string;
  material: SupplyView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<MaterialValues>();
  const save = useSaveMaterial(classId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      name: material?.name ?? '',
      quantityPerTrainee: material?.quantityPerTrainee ?? 1,
      note: material?.note ?? null,
    });
  }, [open, material, form]);

  const onFinish = async (v: MaterialValues) => {
    try {
      await save.mutateAsync({
        id: material?.id,
        body: {
          name: v.name.trim(),
          quantityPerTrainee: v.quantityPerTrainee,
          note: v.note?.trim() ? v.note.trim() : null,
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
      title={t(material ? 'logistics.materials.edit' : 'logistics.materials.add')}
      width={440}
      onSave={() => form.submit()}
      saving={save.isPending}
      saveTestId="lg-material-save"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="name"
          label={t('logistics.materials.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            zodRule(materialBody.shape.name, t),
          ]}
        >
          <Input
            maxLength={100}
            placeholder={t('logistics.materials.nameHint')}
            data-testid="lg-material-name"
          />
        </Form.Item>
        <Form.Item
          name="quantityPerTrainee"
          label={t('logistics.materials.perTrainee')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={50} precision={0} data-testid="lg-material-qty" />
        </Form.Item>
        <Form.Item name="note" label={t('logistics.materials.note')}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

/** Hands one material out: pick trainees (rows) and mark them handed or not; or everyone left. */
function HandoutDrawer({
  view,
  material,
  onClose,
}: {
  view: LogisticsView;
  material: SupplyView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const handOut = useHandOut(view.classId);
  const [selected, setSelected] = useState<string[]>([]);
  const [pendingOnly, setPendingOnly] = useState(false);
  const open = material !== null;

  useEffect(() => {
    if (open) {
      setSelected([]);
      setPendingOnly(false);
    }
  }, [open]);

  if (!material) return <Drawer open={false} />;
  const left = notHanded(view.trainees, material.id);
  const rows = pendingOnly ? view.trainees.filter((x) => left.includes(x.enrollmentId)) : view.trainees;

  const mark = async (enrollmentIds: string[], handed: boolean) => {
    if (enrollmentIds.length === 0) return;
    try {
      await handOut.mutateAsync({ materialId: material.id, enrollmentIds, handed });
      void message.success(
        t(handed ? 'logistics.materials.markedHanded' : 'logistics.materials.markedNot', {
          n: enrollmentIds.length,
        }),
      );
      setSelected([]);
    } catch (error) {
      void message.error(problemText(error, t));
    }
  };

  const columns: ColumnsType<TraineeLogisticsView> = [
    { title: t('logistics.trainee.name'), dataIndex: 'name', width: 120 },
    { title: t('logistics.trainee.unit'), dataIndex: 'unitName', ellipsis: true, render: (v) => v ?? '—' },
    {
      title: t('logistics.materials.state'),
      key: 'state',
      width: 100,
      render: (_, x) =>
        x.materialIds.includes(material.id) ? (
          <Tag color="success" icon={<CheckCircleFilled />} data-testid="lg-handed">
            {t('logistics.materials.handed')}
          </Tag>
        ) : (
          <Tag data-testid="lg-not-handed">{t('logistics.materials.notHanded')}</Tag>
        ),
    },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={`${t('logistics.materials.handOut')} · ${material.name}`}
      data-testid="lg-handout"
      footer={
        <Flex justify="space-between" wrap gap={8}>
          <Popconfirm
            title={t('logistics.materials.allConfirm', { n: left.length })}
            onConfirm={() => mark(left, true)}
            disabled={left.length === 0}
          >
            <Button disabled={left.length === 0} loading={handOut.isPending} data-testid="lg-handout-all">
              {t('logistics.materials.handAll', { n: left.length })}
            </Button>
          </Popconfirm>
          <Space wrap>
            <Button
              disabled={selected.length === 0}
              onClick={() => mark(selected, false)}
              data-testid="lg-handout-unmark"
            >
              {t('logistics.materials.markNot')}
            </Button>
            <Button
              type="primary"
              disabled={selected.length === 0}
              loading={handOut.isPending}
              onClick={() => mark(selected, true)}
              data-testid="lg-handout-mark"
            >
              {t('logistics.materials.markHanded', { n: selected.length })}
            </Button>
          </Space>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text>
            {t('logistics.materials.handedOf', { handed: material.handed, total: material.total })}
          </Typography.Text>
          <Checkbox checked={pendingOnly} onChange={(e) => setPendingOnly(e.target.checked)}>
            {t('logistics.materials.pendingOnly')}
          </Checkbox>
        </Flex>
        <Table
          rowKey="enrollmentId"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ y: 'calc(100vh - 260px)' }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
          }}
          data-testid="lg-handout-table"
          onRow={(x) => ({ 'data-testid': 'lg-handout-row', 'data-name': x.name }) as object}
        />
      </Flex>
    </Drawer>
  );
}
