import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ClassView,
  type ConflictView,
  SESSION_LECTURER_ROLES,
  type SessionLecturerRole,
  type SessionView,
  sessionHours,
} from '@ganxun/domain';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { useTrainingSettings } from '../classes/api';
import { useGroups } from '../nominations/api';
import { useCreateSession, useDeleteSession, useSessionTypes, useTimetable, useUpdateSession } from './api';
import { formFieldPath, toWall, wallToIso } from './logic';
import { MaterialsEditor } from './materials';
import { LecturerPicker, VenuePicker } from './pickers';

interface Values {
  type: string;
  title: string;
  range: [Dayjs, Dayjs];
  venueId: string | null;
  location?: string;
  lecturers: { lecturerId?: string; role: SessionLecturerRole }[];
  audience: 'all' | 'groups';
  groupIds?: string[];
  attendanceRequired: boolean;
  hours?: number | null;
  description?: string;
}

const blank = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);
const WALL = 'YYYY-MM-DD HH:mm';

/** The server's field errors with the time fields pointed at the range picker. */
function onForm(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const fields = error.fields.map((f) => ({ ...f, path: formFieldPath(f.path) }));
  return new ApiError(error.status, error.code, error.message, fields, error.details);
}

export interface DrawerTarget {
  /** The item to edit, or null to create one. */
  session: SessionView | null;
  /** The time range picked on the calendar (new items). */
  startsAt?: string;
  endsAt?: string;
}

/**
 * Creates (a range picked on the calendar) or edits (an item clicked) one timetable item. Server
 * field errors land on the fields: a lecturer booked in another class on `lecturers.N.lecturerId`.
 */
export function SessionDrawer({
  cls,
  target,
  conflicts,
  onClose,
}: {
  cls: ClassView;
  target: DrawerTarget | null;
  conflicts: ConflictView[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const types = useSessionTypes();
  const groups = useGroups(cls.id);
  const settings = useTrainingSettings();
  const create = useCreateSession(cls.id);
  const update = useUpdateSession(cls.id);
  const remove = useDeleteSession(cls.id);
  const open = target !== null;
  const session = target?.session ?? null;
  // The materials as the timetable now has them (uploads refresh it; the target is a snapshot).
  const timetable = useTimetable(cls.id);
  const materials = session
    ? (timetable.data?.items.find((i) => i.id === session.id)?.materials ?? session.materials)
    : [];
  const audience = Form.useWatch('audience', form);
  const range = Form.useWatch('range', form);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    const s = target.session;
    if (s) {
      form.setFieldsValue({
        type: s.type,
        title: s.title,
        range: [dayjs(toWall(s.startsAt)), dayjs(toWall(s.endsAt))],
        venueId: s.venue?.id ?? null,
        location: s.location ?? undefined,
        lecturers: s.lecturers.map((l) => ({ lecturerId: l.lecturerId, role: l.role })),
        audience: s.groupIds ? 'groups' : 'all',
        groupIds: s.groupIds ?? undefined,
        attendanceRequired: s.attendanceRequired,
        hours: s.hoursSet ? s.hours : null,
        description: s.description ?? undefined,
      });
    } else if (target.startsAt && target.endsAt) {
      form.setFieldsValue({ range: [dayjs(toWall(target.startsAt)), dayjs(toWall(target.endsAt))] });
    }
  }, [target, form]);

  const rule = {
    minutesPerHour: settings.data?.minutesPerStudyHour ?? 45,
    step: settings.data?.studyHourStep ?? 0.5,
  };
  const derived =
    range?.[0] && range[1]
      ? sessionHours({ start: range[0].valueOf(), end: range[1].valueOf() }, rule)
      : undefined;

  const submit = async (values: Values) => {
    const body = {
      type: values.type,
      title: values.title.trim(),
      startsAt: wallToIso(values.range[0].format(WALL)),
      endsAt: wallToIso(values.range[1].format(WALL)),
      venueId: values.venueId ?? null,
      location: blank(values.location),
      lecturers: (values.lecturers ?? [])
        .filter((l): l is { lecturerId: string; role: SessionLecturerRole } => !!l.lecturerId)
        .map((l) => ({ lecturerId: l.lecturerId, role: l.role })),
      groupIds: values.audience === 'groups' && values.groupIds?.length ? values.groupIds : null,
      attendanceRequired: values.attendanceRequired,
      hours: values.hours ?? null,
      description: blank(values.description),
      acknowledge: [],
    };
    try {
      const result = session
        ? await update.mutateAsync({ id: session.id, version: session.version, ...body })
        : await create.mutateAsync(body);
      if (result.conflicts.length > 0) {
        void message.warning(t('timetable.drawer.savedWithConflicts', { count: result.conflicts.length }));
      } else void message.success(t('timetable.drawer.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, onForm(error));
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const del = async () => {
    if (!session) return;
    try {
      await remove.mutateAsync({ id: session.id, version: session.version });
      void message.success(t('timetable.drawer.deleteDone'));
      onClose();
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  const mine = session ? conflicts : [];
  const venueKnown = session?.venue ? { value: session.venue.id, label: session.venue.name } : undefined;
  const required = [{ required: true, message: t('validation.required') }];

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={session ? t('timetable.drawer.editTitle') : t('timetable.drawer.createTitle')}
      width={560}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      saveTestId="session-save"
    >
      <div data-testid="session-drawer">
        {mine.length > 0 ? (
          <Alert
            type={mine.some((c) => c.severity === 'error') ? 'error' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            title={t('timetable.drawer.itsConflicts')}
            description={
              <ul className="gx-tt-alert-list">
                {mine.map((c) => (
                  <li key={c.key}>{c.message}</li>
                ))}
              </ul>
            }
            data-testid="session-conflicts"
          />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ audience: 'all', attendanceRequired: true, lecturers: [], venueId: null }}
        >
          <Flex gap={12}>
            <Form.Item name="type" label={t('timetable.drawer.type')} rules={required} style={{ width: 170 }}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={types.options}
                loading={types.loading}
                placeholder={t('timetable.drawer.typePlaceholder')}
                data-testid="session-type"
              />
            </Form.Item>
            <Form.Item
              name="title"
              label={t('timetable.drawer.title')}
              rules={[...required, { max: 200 }]}
              style={{ flex: 1 }}
            >
              <Input
                maxLength={200}
                placeholder={t('timetable.drawer.titlePlaceholder')}
                data-testid="session-title"
              />
            </Form.Item>
          </Flex>
          <Form.Item name="range" label={t('timetable.drawer.time')} rules={required}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format={WALL}
              style={{ width: '100%' }}
              data-testid="session-range"
            />
          </Form.Item>
          <Form.Item name="venueId" label={t('timetable.drawer.venue')}>
            <VenuePicker known={venueKnown} testId="session-venue" />
          </Form.Item>
          <Form.Item name="location" label={t('timetable.drawer.location')}>
            <Input maxLength={200} placeholder={t('timetable.drawer.locationPlaceholder')} />
          </Form.Item>
          <Form.Item label={t('timetable.drawer.lecturers')} style={{ marginBottom: 8 }}>
            <Form.List name="lecturers">
              {(fields, { add, remove: drop }) => (
                <Flex vertical gap={0}>
                  {fields.map((field) => {
                    const existing = session?.lecturers[field.name];
                    const known = existing ? { value: existing.lecturerId, label: existing.name } : undefined;
                    return (
                      <Flex key={field.key} gap={8} align="flex-start">
                        <Form.Item
                          name={[field.name, 'lecturerId']}
                          rules={required}
                          style={{ flex: 1, marginBottom: 8 }}
                        >
                          <LecturerPicker known={known} testId={`session-lecturer-${field.name}`} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'role']} style={{ width: 96, marginBottom: 8 }}>
                          <Select
                            aria-label={t('timetable.drawer.role')}
                            options={SESSION_LECTURER_ROLES.map((r) => ({
                              value: r,
                              label: t(`timetable.role.${r}`),
                            }))}
                          />
                        </Form.Item>
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined />}
                          onClick={() => drop(field.name)}
                          aria-label={t('timetable.drawer.delete')}
                        />
                      </Flex>
                    );
                  })}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ role: 'speaker' })}
                    data-testid="session-add-lecturer"
                  >
                    {t('timetable.drawer.addLecturer')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="audience" label={t('timetable.drawer.audience')}>
            <Radio.Group
              options={[
                { value: 'all', label: t('timetable.wholeClass') },
                {
                  value: 'groups',
                  label: t('timetable.drawer.someGroups'),
                  disabled: (groups.data?.items ?? []).length === 0,
                },
              ]}
            />
          </Form.Item>
          {audience === 'groups' ? (
            <Form.Item name="groupIds" rules={required}>
              <Select
                mode="multiple"
                placeholder={t('timetable.drawer.groupsPlaceholder')}
                options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
              />
            </Form.Item>
          ) : null}
          <Flex gap={24}>
            <Form.Item
              name="attendanceRequired"
              label={t('timetable.drawer.attendance')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Form.Item name="hours" label={t('timetable.drawer.hoursLabel')} style={{ flex: 1 }}>
              <InputNumber
                min={0}
                max={24}
                step={0.5}
                style={{ width: '100%' }}
                placeholder={
                  derived !== undefined ? t('timetable.drawer.hoursDerived', { hours: derived }) : undefined
                }
                data-testid="session-hours"
              />
            </Form.Item>
          </Flex>
          <Form.Item name="description" label={t('timetable.drawer.description')}>
            <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Form>
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('timetable.materials.title')}
        </Divider>
        <div data-testid="session-materials" style={{ marginBottom: 24 }}>
          {session ? (
            <MaterialsEditor classId={cls.id} sessionId={session.id} materials={materials} />
          ) : (
            <Typography.Text type="secondary">{t('timetable.materials.afterSave')}</Typography.Text>
          )}
        </div>
        {session ? (
          <Popconfirm
            title={t('timetable.drawer.deleteConfirm')}
            okButtonProps={{ danger: true, loading: remove.isPending }}
            onConfirm={del}
          >
            <Button danger icon={<DeleteOutlined />} data-testid="session-delete">
              {t('timetable.drawer.delete')}
            </Button>
          </Popconfirm>
        ) : null}
      </div>
    </FormDrawer>
  );
}
