import { DeleteOutlined, EditOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { HotelView, LogisticsView, RoomView, TraineeLogisticsView } from '@ganxun/domain';
import {
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HotelDrawer, RoomDrawer, RoomsDrawer } from './accommodation-forms';
import { AllocateModal } from './allocate-modal';
import { useAssignRoom, useDeleteHotel } from './api';
import { GenderTag, problemText } from './labels';
import { bedDots, bedSummary, filterTrainees, roomOptions, roomState, sortRooms } from './logic';

/** 住宿: beds and who has none, hotels with their rooms as a grid, allocation, the trainees' rooms. */
export function AccommodationPart({ view }: { view: LogisticsView }) {
  const [hotelEditing, setHotelEditing] = useState<HotelView | null | undefined>(undefined);
  const [roomsFor, setRoomsFor] = useState<HotelView | null>(null);
  const [room, setRoom] = useState<RoomView | null>(null);
  const [allocating, setAllocating] = useState(false);

  return (
    <Flex vertical gap={16} data-testid="lg-accommodation">
      <SummaryCard
        view={view}
        onAddHotel={() => setHotelEditing(null)}
        onAllocate={() => setAllocating(true)}
      />
      {view.hotels.length === 0 ? (
        <Card size="small">
          <Empty description={<NoHotels />} data-testid="lg-no-hotels" />
        </Card>
      ) : (
        view.hotels.map((h) => (
          <HotelCard
            key={h.id}
            classId={view.classId}
            hotel={h}
            onEdit={() => setHotelEditing(h)}
            onAddRooms={() => setRoomsFor(h)}
            onRoom={setRoom}
          />
        ))
      )}
      <TraineesCard view={view} />
      <HotelDrawer
        classId={view.classId}
        hotel={hotelEditing ?? null}
        open={hotelEditing !== undefined}
        onClose={() => setHotelEditing(undefined)}
      />
      <RoomsDrawer classId={view.classId} hotel={roomsFor} onClose={() => setRoomsFor(null)} />
      <RoomDrawer classId={view.classId} room={room} onClose={() => setRoom(null)} />
      <AllocateModal view={view} open={allocating} onClose={() => setAllocating(false)} />
    </Flex>
  );
}

function NoHotels() {
  const { t } = useTranslation();
  return <span>{t('logistics.hotel.empty')}</span>;
}

function SummaryCard({
  view,
  onAddHotel,
  onAllocate,
}: {
  view: LogisticsView;
  onAddHotel: () => void;
  onAllocate: () => void;
}) {
  const { t } = useTranslation();
  const beds = bedSummary(view.hotels);
  return (
    <Card size="small" data-testid="lg-summary">
      <Flex justify="space-between" align="center" wrap gap={16}>
        <Space size={32} wrap>
          <Statistic title={t('logistics.summary.beds')} value={beds.beds} data-testid="lg-beds" />
          <Statistic
            title={t('logistics.summary.occupied')}
            value={beds.occupied}
            data-testid="lg-occupied"
          />
          <Statistic title={t('logistics.summary.free')} value={beds.free} />
          <Statistic
            title={t('logistics.summary.unplaced')}
            value={view.unplaced}
            styles={view.unplaced > 0 ? { content: { color: '#d46b08' } } : undefined}
            data-testid="lg-unplaced"
          />
        </Space>
        <Space wrap>
          <Button icon={<PlusOutlined />} onClick={onAddHotel} data-testid="lg-hotel-add">
            {t('logistics.hotel.add')}
          </Button>
          <Button
            type="primary"
            icon={<ThunderboltOutlined />}
            onClick={onAllocate}
            disabled={view.hotels.length === 0}
            data-testid="lg-allocate"
          >
            {t('logistics.allocate.button')}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}

function HotelCard({
  classId,
  hotel,
  onEdit,
  onAddRooms,
  onRoom,
}: {
  classId: string;
  hotel: HotelView;
  onEdit: () => void;
  onAddRooms: () => void;
  onRoom: (room: RoomView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteHotel(classId);
  const rooms = sortRooms(hotel.rooms);
  return (
    <Card size="small" data-testid="lg-hotel">
      <Flex justify="space-between" align="start" wrap gap={8} className="lg-hotel-head">
        <Flex vertical gap={0}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {hotel.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[hotel.address, hotel.phone].filter(Boolean).join(' · ') || t('logistics.hotel.noAddress')}
          </Typography.Text>
        </Flex>
        <Space size={4} wrap>
          <Tag data-testid="lg-hotel-beds">
            {t('logistics.hotel.beds', {
              occupied: hotel.occupied,
              beds: hotel.beds,
              rooms: hotel.rooms.length,
            })}
          </Tag>
          <Button size="small" icon={<PlusOutlined />} onClick={onAddRooms} data-testid="lg-rooms-add">
            {t('logistics.room.addBulk')}
          </Button>
          <Button
            size="small"
            type="text"
            icon={<EditOutlined />}
            aria-label={t('logistics.edit')}
            onClick={onEdit}
            data-testid="lg-hotel-edit"
          />
          <Popconfirm
            disabled={hotel.occupied > 0}
            title={t('logistics.hotel.deleteConfirm', { name: hotel.name })}
            onConfirm={() =>
              remove.mutateAsync(hotel.id).then(
                () => void message.success(t('logistics.deleted')),
                (error) => void message.error(problemText(error, t)),
              )
            }
          >
            <Tooltip title={hotel.occupied > 0 ? t('logistics.hotel.deleteOccupied') : undefined}>
              <Button
                size="small"
                type="text"
                danger
                disabled={hotel.occupied > 0}
                icon={<DeleteOutlined />}
                aria-label={t('logistics.delete')}
                data-testid="lg-hotel-delete"
              />
            </Tooltip>
          </Popconfirm>
        </Space>
      </Flex>
      {rooms.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('logistics.room.empty')} />
      ) : (
        <>
          <Legend />
          <div className="lg-rooms" data-testid="lg-rooms">
            {rooms.map((r) => (
              <RoomTile key={r.id} room={r} onClick={() => onRoom(r)} />
            ))}
          </div>
        </>
      )}
    </Card>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Space size={16} className="lg-legend" wrap>
      <span>
        <i className="lg-swatch lg-swatch-male" /> {t('nominations.gender.male')}
      </span>
      <span>
        <i className="lg-swatch lg-swatch-female" /> {t('nominations.gender.female')}
      </span>
      <span>
        <i className="lg-swatch lg-swatch-any" /> {t('logistics.room.anyGender')}
      </span>
      <span>
        <i className="lg-dot lg-dot-on" /> {t('logistics.room.occupiedBed')}
        <i className="lg-dot" style={{ marginInlineStart: 8 }} /> {t('logistics.room.freeBed')}
      </span>
    </Space>
  );
}

function RoomTile({ room, onClick }: { room: RoomView; onClick: () => void }) {
  const { t } = useTranslation();
  const gender = room.gender ?? (room.occupants[0]?.gender as RoomView['gender']) ?? null;
  const names = room.occupants.map((o) => o.name).join('、');
  return (
    <Tooltip title={names || t('logistics.room.vacant')}>
      <button
        type="button"
        className={`lg-room lg-room-${gender ?? 'any'} lg-room-${roomState(room)}`}
        onClick={onClick}
        data-testid="lg-room"
        data-number={room.number}
      >
        <span className="lg-room-head">
          <span className="lg-room-no">{room.number}</span>
          <span
            className="lg-dots"
            role="img"
            aria-label={t('logistics.room.bedsOf', { n: room.occupants.length, beds: room.beds })}
          >
            {bedDots(room).map((on, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: beds have no identity
              <i key={i} className={on ? 'lg-dot lg-dot-on' : 'lg-dot'} />
            ))}
          </span>
        </span>
        <span className="lg-room-names">{names || '—'}</span>
      </button>
    </Tooltip>
  );
}

function TraineesCard({ view }: { view: LogisticsView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const assign = useAssignRoom(view.classId);
  const [q, setQ] = useState('');
  const [unplacedOnly, setUnplacedOnly] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  // A refused choice must not stay shown: the select is keyed on the failures to reset it.
  const [failures, setFailures] = useState(0);
  const rows = filterTrainees(view.trainees, { q, unplacedOnly });
  const groups = useMemo(() => roomOptions(view.hotels), [view.hotels]);
  const roomsById = useMemo(
    () => new Map(groups.flatMap((g) => g.options.map((o) => [o.value, o]))),
    [groups],
  );
  const options = useMemo(
    () =>
      groups.map((g) => ({
        label: g.label,
        title: g.label,
        options: g.options.map((o) => ({ value: o.value, label: o.label, search: o.label })),
      })),
    [groups],
  );

  const onAssign = async (x: TraineeLogisticsView, roomId: string | null) => {
    setBusy(x.enrollmentId);
    try {
      await assign.mutateAsync({ enrollmentId: x.enrollmentId, roomId });
      void message.success(roomId ? t('logistics.assign.done') : t('logistics.assign.removed'));
    } catch (error) {
      void message.error(problemText(error, t));
      setFailures((n) => n + 1);
    } finally {
      setBusy(null);
    }
  };

  const columns: ColumnsType<TraineeLogisticsView> = [
    {
      title: t('logistics.trainee.name'),
      dataIndex: 'name',
      width: 150,
      render: (_, x) => (
        <Space size={4}>
          <span>{x.name}</span>
          <GenderTag gender={x.gender} />
          {x.singleRoom ? <Tag color="purple">{t('logistics.trainee.single')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('logistics.trainee.room'),
      key: 'room',
      width: 230,
      render: (_, x) => (
        <Select
          key={`${x.roomId}:${failures}`}
          size="small"
          style={{ width: 210 }}
          allowClear
          showSearch
          optionFilterProp="search"
          placeholder={t('logistics.trainee.noRoom')}
          value={x.roomId ?? undefined}
          loading={busy === x.enrollmentId}
          disabled={busy === x.enrollmentId}
          onChange={(v) => void onAssign(x, v ?? null)}
          options={options}
          optionRender={(o) => {
            const r = roomsById.get(String(o.value));
            return (
              <Flex justify="space-between" gap={8}>
                <span>{o.label}</span>
                {r ? (
                  <Typography.Text type={r.free ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
                    {r.gender ? `${t(`nominations.gender.${r.gender}`)} · ` : ''}
                    {r.free ? t('logistics.room.freeN', { n: r.free }) : t('logistics.room.full')}
                  </Typography.Text>
                ) : null}
              </Flex>
            );
          }}
          data-testid="lg-room-select"
        />
      ),
    },
    { title: t('logistics.trainee.unit'), dataIndex: 'unitName', ellipsis: true, render: (v) => v ?? '—' },
  ];

  return (
    <Card size="small" title={t('logistics.trainee.title')}>
      <Flex style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            size="small"
            placeholder={t('logistics.trainee.search')}
            onChange={(e) => setQ(e.target.value)}
            style={{ width: 180 }}
            data-testid="lg-trainee-search"
          />
          <Checkbox
            checked={unplacedOnly}
            onChange={(e) => setUnplacedOnly(e.target.checked)}
            data-testid="lg-unplaced-only"
          >
            {t('logistics.trainee.unplacedOnly')}
          </Checkbox>
        </Space>
      </Flex>
      <Table
        rowKey="enrollmentId"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 560 }}
        locale={{ emptyText: t('logistics.trainee.empty') }}
        data-testid="lg-trainees"
        onRow={(x) => ({ 'data-testid': 'lg-trainee', 'data-name': x.name }) as object}
      />
    </Card>
  );
}
