import { DeleteOutlined } from '@ant-design/icons';
import { type HotelView, hotelBody, type RoomBody, type RoomView, roomBody } from '@ganxun/domain';
import { App, Button, Form, Input, InputNumber, Popconfirm, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { zodRule } from '../../components/zod-rule';
import { useAddRooms, useDeleteRoom, useSaveHotel, useUpdateRoom } from './api';
import { problemText } from './labels';
import { parseRoomNumbers, roomsOf } from './logic';

type GenderChoice = 'any' | 'male' | 'female';
const toGender = (g: GenderChoice | undefined): RoomBody['gender'] =>
  g === 'male' || g === 'female' ? g : null;
const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function GenderRadio(props: { 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      optionType="button"
      {...props}
      options={[
        { value: 'any', label: t('logistics.room.anyGender') },
        { value: 'male', label: t('nominations.gender.male') },
        { value: 'female', label: t('nominations.gender.female') },
      ]}
    />
  );
}

/** Shows a failed save: field errors on the form, the rest as a toast. */
function useFailure() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (form: Parameters<typeof applyFieldErrors>[0], error: unknown) => {
    const unmatched = applyFieldErrors(form, error);
    void message.error(unmatched.length ? problemText(error, t) : errorText(error, t));
  };
}

interface HotelValues {
  name: string;
  address?: string | null;
  phone?: string | null;
}

/** Adds or edits a hotel: name, address, front-desk phone. */
export function HotelDrawer({
  classId,
  hotel,
  open,
  onClose,
}: {
  classId: string;
  hotel: HotelView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<HotelValues>();
  const save = useSaveHotel(classId);
  const fail = useFailure();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      name: hotel?.name ?? '',
      address: hotel?.address ?? null,
      phone: hotel?.phone ?? null,
    });
  }, [open, hotel, form]);

  const onFinish = async (v: HotelValues) => {
    try {
      await save.mutateAsync({
        id: hotel?.id,
        body: { name: v.name.trim(), address: blank(v.address), phone: blank(v.phone) },
      });
      void message.success(t('logistics.saved'));
      onClose();
    } catch (error) {
      fail(form, error);
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(hotel ? 'logistics.hotel.edit' : 'logistics.hotel.add')}
      width={460}
      onSave={() => form.submit()}
      saving={save.isPending}
      saveTestId="lg-hotel-save"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="name"
          label={t('logistics.hotel.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            zodRule(hotelBody.shape.name, t),
          ]}
        >
          <Input maxLength={100} data-testid="lg-hotel-name" />
        </Form.Item>
        <Form.Item name="address" label={t('logistics.hotel.address')}>
          <Input maxLength={200} data-testid="lg-hotel-address" />
        </Form.Item>
        <Form.Item name="phone" label={t('logistics.hotel.phone')}>
          <Input maxLength={40} data-testid="lg-hotel-phone" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

interface RoomsValues {
  range: string;
  beds: number;
  gender: GenderChoice;
}

/** Adds rooms in bulk to a hotel: a range of numbers ("301-320"), their beds and gender. */
export function RoomsDrawer({
  classId,
  hotel,
  onClose,
}: {
  classId: string;
  hotel: HotelView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoomsValues>();
  const add = useAddRooms(classId);
  const fail = useFailure();
  const range = Form.useWatch('range', form);
  const parsed = range ? parseRoomNumbers(range) : null;
  const open = hotel !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ range: '', beds: 2, gender: 'any' });
  }, [open, form]);

  const onFinish = async (v: RoomsValues) => {
    if (!hotel) return;
    const result = parseRoomNumbers(v.range);
    if ('problem' in result) return;
    try {
      await add.mutateAsync({
        hotelId: hotel.id,
        body: { rooms: roomsOf(result.numbers, v.beds, toGender(v.gender)) },
      });
      void message.success(t('logistics.room.added', { n: result.numbers.length }));
      onClose();
    } catch (error) {
      fail(form, error);
    }
  };

  const preview =
    parsed && 'numbers' in parsed
      ? parsed.numbers.length > 6
        ? `${parsed.numbers.slice(0, 3).join('、')} … ${parsed.numbers.slice(-2).join('、')}`
        : parsed.numbers.join('、')
      : null;

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('logistics.room.addTo', { hotel: hotel?.name ?? '' })}
      width={460}
      onSave={() => form.submit()}
      saving={add.isPending}
      saveTestId="lg-rooms-save"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="range"
          label={t('logistics.room.range')}
          extra={
            preview && parsed && 'numbers' in parsed ? (
              <span data-testid="lg-rooms-preview">
                {t('logistics.room.preview', { n: parsed.numbers.length, list: preview })}
              </span>
            ) : (
              t('logistics.room.rangeHint')
            )
          }
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            {
              validator: async (_, value: string) => {
                if (!value?.trim()) return;
                const r = parseRoomNumbers(value);
                if ('problem' in r) throw new Error(t(`logistics.room.problem.${r.problem}`));
              },
            },
          ]}
        >
          <Input placeholder="301-320" maxLength={400} data-testid="lg-rooms-range" />
        </Form.Item>
        <Form.Item name="beds" label={t('logistics.room.beds')} rules={[{ required: true }]}>
          <InputNumber min={1} max={8} precision={0} data-testid="lg-rooms-beds" />
        </Form.Item>
        <Form.Item name="gender" label={t('logistics.room.gender')} extra={t('logistics.room.genderHint')}>
          <GenderRadio data-testid="lg-rooms-gender" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

interface RoomValues {
  number: string;
  beds: number;
  gender: GenderChoice;
}

/** Edits one room (number, beds, gender) or deletes it; its occupants are listed. */
export function RoomDrawer({
  classId,
  room,
  onClose,
}: {
  classId: string;
  room: RoomView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoomValues>();
  const update = useUpdateRoom(classId);
  const remove = useDeleteRoom(classId);
  const fail = useFailure();
  const open = room !== null;

  useEffect(() => {
    if (!room) return;
    form.resetFields();
    form.setFieldsValue({ number: room.number, beds: room.beds, gender: room.gender ?? 'any' });
  }, [room, form]);

  const onFinish = async (v: RoomValues) => {
    if (!room) return;
    try {
      await update.mutateAsync({
        id: room.id,
        body: { number: v.number.trim(), beds: v.beds, gender: toGender(v.gender) },
      });
      void message.success(t('logistics.saved'));
      onClose();
    } catch (error) {
      fail(form, error);
    }
  };

  const onDelete = async () => {
    if (!room) return;
    try {
      await remove.mutateAsync(room.id);
      void message.success(t('logistics.deleted'));
      onClose();
    } catch (error) {
      void message.error(problemText(error, t));
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('logistics.room.edit', { number: room?.number ?? '' })}
      width={420}
      onSave={() => form.submit()}
      saving={update.isPending}
      saveTestId="lg-room-save"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="number"
          label={t('logistics.room.number')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            zodRule(roomBody.shape.number, t),
          ]}
        >
          <Input maxLength={20} data-testid="lg-room-number" />
        </Form.Item>
        <Form.Item name="beds" label={t('logistics.room.beds')} rules={[{ required: true }]}>
          <InputNumber min={1} max={8} precision={0} data-testid="lg-room-beds" />
        </Form.Item>
        <Form.Item name="gender" label={t('logistics.room.gender')}>
          <GenderRadio />
        </Form.Item>
        <Form.Item label={t('logistics.room.occupants')}>
          <Typography.Text type={room?.occupants.length ? undefined : 'secondary'}>
            {room?.occupants.length
              ? room.occupants.map((o) => o.name).join('、')
              : t('logistics.room.vacant')}
          </Typography.Text>
        </Form.Item>
      </Form>
      {room?.occupants.length ? (
        <Typography.Text type="secondary">{t('logistics.room.deleteOccupied')}</Typography.Text>
      ) : (
        <Popconfirm title={t('logistics.room.deleteConfirm')} onConfirm={onDelete}>
          <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="lg-room-delete">
            {t('logistics.room.delete')}
          </Button>
        </Popconfirm>
      )}
    </FormDrawer>
  );
}
