import { DesktopOutlined, ScanOutlined } from '@ant-design/icons';
import {
  ATTENDANCE_STATUSES,
  type AttendanceRecordView,
  type AttendanceStatus,
  type AttendanceTally,
  attendanceRate,
  type ClassView,
  type LiveBoardView,
  type SessionView,
} from '@ganxun/domain';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../components/errors';
import { useTimetable } from '../timetable/api';
import { useBoard, useClassAttendance, useMarks } from './api';
import { defaultSessionId, STATUS_COLOR } from './status';
import './attendance.css';

/** A status tag (null: not in yet). */
export function StatusTag({ status }: { status: AttendanceStatus | null }) {
  const { t } = useTranslation();
  if (!status) return <Tag>{t('attendance.status.none')}</Tag>;
  return <Tag color={STATUS_COLOR[status]}>{t(`attendance.status.${status}`)}</Tag>;
}

function sessionLabel(s: SessionView): string {
  return `${dayjs(s.startsAt).format('M/D HH:mm')}–${dayjs(s.endsAt).format('HH:mm')} ${s.title}`;
}

/** A class's attendance for its runners: items, the live board, marks, the room's code, scanning. */
export function AttendanceTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const timetable = useTimetable(cls.id);
  const items = useMemo(
    () => [...(timetable.data?.items ?? [])].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
    [timetable.data],
  );
  const [chosen, setChosen] = useState<string | undefined>();
  const sessionId = chosen && items.some((s) => s.id === chosen) ? chosen : defaultSessionId(items);

  if (timetable.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (timetable.error)
    return <Typography.Text type="danger">{errorText(timetable.error, t)}</Typography.Text>;
  if (items.length === 0) return <Empty description={t('attendance.tab.noItems')} />;

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap align="center">
        <Select
          className="gx-att-session-select"
          value={sessionId}
          onChange={setChosen}
          showSearch={{ optionFilterProp: 'label' }}
          options={items.map((s) => ({ value: s.id, label: sessionLabel(s) }))}
          data-testid="attendance-session"
        />
        <Button
          icon={<DesktopOutlined />}
          disabled={!sessionId}
          onClick={() => window.open(`/classes/${cls.id}/sessions/${sessionId}/qr`, '_blank', 'noopener')}
          data-testid="attendance-project"
        >
          {t('attendance.tab.project')}
        </Button>
        <Link to={`/classes/${cls.id}/scan${sessionId ? `?session=${sessionId}` : ''}`}>
          <Button icon={<ScanOutlined />} data-testid="attendance-staff-scan">
            {t('attendance.tab.staffScan')}
          </Button>
        </Link>
      </Flex>
      {sessionId ? <Board key={sessionId} classId={cls.id} sessionId={sessionId} /> : null}
      <Rates classId={cls.id} items={items} />
    </Flex>
  );
}

function Board({ classId, sessionId }: { classId: string; sessionId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const board = useBoard(classId, sessionId);
  const marks = useMarks(classId);
  const [selected, setSelected] = useState<string[]>([]);
  const [status, setStatus] = useState<AttendanceStatus>('present');
  const [note, setNote] = useState('');
  const b = board.data;

  const apply = () => {
    marks.mutate(
      {
        sessionId,
        marks: selected.map((enrollmentId) => ({ enrollmentId, status, note: note.trim() || null })),
      },
      {
        onSuccess: (r) => {
          void message.success(t('attendance.mark.done', { count: r.items.length }));
          setSelected([]);
          setNote('');
        },
        onError: (e) => void message.error(errorText(e, t)),
      },
    );
  };

  const columns: ColumnsType<AttendanceRecordView> = [
    { title: t('attendance.col.name'), dataIndex: ['person', 'name'], width: 120 },
    { title: t('attendance.col.unit'), dataIndex: ['person', 'unitName'], ellipsis: true },
    {
      title: t('attendance.col.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: AttendanceStatus | null, r) => (
        <span data-status={s ?? ''}>
          <StatusTag status={s} />
          {r.late && s === 'left_early' ? (
            <Tag color={STATUS_COLOR.late}>{t('attendance.status.late')}</Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: t('attendance.col.checkIn'),
      dataIndex: 'checkInAt',
      width: 90,
      render: (v: string | null) => (v ? dayjs(v).format('HH:mm') : ''),
    },
    {
      title: t('attendance.col.method'),
      dataIndex: 'method',
      width: 120,
      render: (m: AttendanceRecordView['method']) => (m ? t(`attendance.method.${m}`) : ''),
    },
    {
      title: t('attendance.col.note'),
      dataIndex: ['mark', 'note'],
      ellipsis: true,
      render: (_: unknown, r) => r.mark?.note ?? '',
    },
  ];

  if (board.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!b) return <Typography.Text type="danger">{errorText(board.error, t)}</Typography.Text>;
  const c = b.counts;
  const arrived = c.present + c.late + c.leftEarly;
  const stats: [Exclude<keyof LiveBoardView['counts'], 'present'> | 'arrived', number, string?][] = [
    ['expected', c.expected],
    ['arrived', arrived, '#389e0d'],
    ['late', c.late, '#d46b08'],
    ['leftEarly', c.leftEarly, '#d4b106'],
    ['onLeave', c.onLeave, '#1677ff'],
    ['missing', c.missing, c.missing > 0 ? '#cf1322' : undefined],
  ];

  return (
    <Card
      data-testid="attendance-board"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{b.title}</span>
          <Tag color={b.phase === 'on_time' ? 'green' : b.phase === 'late' ? 'orange' : undefined}>
            {t(`attendance.phase.${b.phase}`)}
          </Tag>
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" className="gx-att-updated">
          {t('attendance.tab.updated', { time: dayjs(b.generatedAt).format('HH:mm:ss') })}
        </Typography.Text>
      }
    >
      <div className="gx-att-counts" data-testid="attendance-counts">
        {stats.map(([key, value, color]) => (
          <Statistic
            key={key}
            title={t(`attendance.counts.${key}`)}
            value={value}
            styles={{ content: color ? { color } : undefined }}
            data-count={key}
          />
        ))}
      </div>
      <Flex gap={8} wrap align="center" className="gx-att-markbar">
        <Typography.Text>{t('attendance.mark.selected', { count: selected.length })}</Typography.Text>
        <Select<AttendanceStatus>
          value={status}
          onChange={setStatus}
          style={{ width: 110 }}
          options={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: t(`attendance.status.${s}`) }))}
          data-testid="mark-status"
        />
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('attendance.mark.note')}
          maxLength={500}
          style={{ width: 220 }}
          data-testid="mark-note"
        />
        <Button
          type="primary"
          disabled={selected.length === 0}
          loading={marks.isPending}
          onClick={apply}
          data-testid="mark-apply"
        >
          {t('attendance.mark.apply')}
        </Button>
      </Flex>
      <Table<AttendanceRecordView>
        rowKey="enrollmentId"
        size="small"
        columns={columns}
        dataSource={b.records}
        pagination={false}
        scroll={{ x: 700 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        onRow={(r) => ({ 'data-testid': 'attendance-row', 'data-person': r.person.name }) as object}
      />
    </Card>
  );
}

interface RateRow {
  enrollmentId: string;
  name: string;
  unitName: string | null;
  rate: number | null;
  present: number;
  late: number;
  leftEarly: number;
  onLeave: number;
  absent: number;
  required: number;
}

/** Each trainee's attendance over the required items that have started. */
function Rates({ classId, items }: { classId: string; items: SessionView[] }) {
  const { t } = useTranslation();
  const all = useClassAttendance(classId);
  const rows = useMemo<RateRow[]>(() => {
    const toRow = (
      enrollmentId: string,
      person: AttendanceRecordView['person'] | undefined,
      tally: AttendanceTally,
    ) => ({
      enrollmentId,
      name: person?.name ?? '',
      unitName: person?.unitName ?? null,
      rate: tally.rate,
      present: tally.present,
      late: tally.late,
      leftEarly: tally.leftEarly,
      onLeave: tally.onLeave,
      absent: tally.absent,
      required: tally.required,
    });
    let out: RateRow[];
    if (all.data?.rates) {
      // The server's rates: each trainee over the required items of their groups.
      out = all.data.rates.map((r) => toRow(r.enrollmentId, r.person, r));
    } else {
      const records = all.data?.items ?? [];
      const now = Date.now();
      const required = items
        .filter((s) => s.attendanceRequired && Date.parse(s.startsAt) <= now)
        .map((s) => s.id);
      const people = new Map<string, AttendanceRecordView['person']>();
      for (const r of records) people.set(r.enrollmentId, r.person);
      const { byTrainee } = attendanceRate(records, required, [...people.keys()]);
      out = [...byTrainee.entries()].map(([id, tally]) => toRow(id, people.get(id), tally));
    }
    return out.sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.name.localeCompare(b.name, 'zh-CN'));
  }, [all.data, items]);

  const n = (key: 'required' | 'present' | 'late' | 'leftEarly' | 'onLeave' | 'absent') => ({
    title: t(`attendance.rates.${key}`),
    dataIndex: key,
    width: 70,
  });
  const columns: ColumnsType<RateRow> = [
    { title: t('attendance.col.name'), dataIndex: 'name', width: 120 },
    { title: t('attendance.col.unit'), dataIndex: 'unitName', ellipsis: true },
    {
      title: t('attendance.rates.rate'),
      dataIndex: 'rate',
      width: 90,
      render: (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`),
    },
    n('required'),
    n('present'),
    n('late'),
    n('leftEarly'),
    n('onLeave'),
    n('absent'),
  ];
  return (
    <Card title={t('attendance.rates.title')} size="small" data-testid="attendance-rates">
      {all.error ? (
        <Typography.Text type="danger">{errorText(all.error, t)}</Typography.Text>
      ) : (
        <Table<RateRow>
          rowKey="enrollmentId"
          size="small"
          loading={all.isPending}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 760 }}
        />
      )}
    </Card>
  );
}
