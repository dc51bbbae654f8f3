import type { MessageLocale, VenueView } from '@ganxun/domain';
import type { VenueRecord } from './service.js';

/** Venue → API shape: owner named, city named in the reader's script, and whether they may edit it. */
export function presentVenue(record: VenueRecord, canEdit: boolean, locale: MessageLocale): VenueView {
  const { row, owner, city } = record;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    owner: { id: owner.id, name: owner.name },
    capacity: row.capacity,
    building: row.building,
    equipment: row.equipment,
    address: row.address,
    cityCode: row.cityCode,
    cityName: city ? (locale === 'zh-TW' ? city.nameZhTw || city.name : city.name) : null,
    liveUrl: row.liveUrl,
    replayUrl: row.replayUrl,
    note: row.note,
    status: row.status,
    canEdit,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
