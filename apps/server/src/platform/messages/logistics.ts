import type { Texts } from './types.js';

/**
 * Field messages of the logistics module (issue 9 item 4). It also uses `enrollment_withdrawn`
 * (nominations.ts) and `not_enrolled` (attendance.ts).
 */
export const LOGISTICS_MESSAGES: Record<string, Texts> = {
  hotel_name_taken: {
    'zh-CN': '本班次已有同名酒店',
    'zh-TW': '本班次已有同名酒店',
    en: 'the class already has a hotel of this name',
  },
  hotel_occupied: {
    'zh-CN': '该酒店还有 {x} 名学员入住，请先调整住宿',
    'zh-TW': '該酒店還有 {x} 名學員入住，請先調整住宿',
    en: '{x} trainees still sleep in this hotel; move them first',
  },
  hotel_unknown: {
    'zh-CN': '酒店不存在或不属于本班次',
    'zh-TW': '酒店不存在或不屬於本班次',
    en: 'no such hotel in this class',
  },
  room_number_taken: {
    'zh-CN': '房间号 {x} 已存在',
    'zh-TW': '房間號 {x} 已存在',
    en: 'room {x} already exists',
  },
  room_beds_below_occupants: {
    'zh-CN': '床位数不能少于已入住的 {x} 人',
    'zh-TW': '床位數不能少於已入住的 {x} 人',
    en: 'beds cannot be fewer than the {x} trainees already in the room',
  },
  room_gender_occupied: {
    'zh-CN': '房间内已有其他性别的学员入住',
    'zh-TW': '房間內已有其他性別的學員入住',
    en: 'trainees of another gender already sleep in this room',
  },
  room_occupied: {
    'zh-CN': '该房间还有 {x} 名学员入住，不能删除',
    'zh-TW': '該房間還有 {x} 名學員入住，不能刪除',
    en: '{x} trainees still sleep in this room; it cannot be deleted',
  },
  room_full: {
    'zh-CN': '房间已住满',
    'zh-TW': '房間已住滿',
    en: 'the room is full',
  },
  room_gender: {
    'zh-CN': '男女学员不能安排在同一房间',
    'zh-TW': '男女學員不能安排在同一房間',
    en: 'women and men do not share a room',
  },
  gender_unknown: {
    'zh-CN': '学员性别未知，不能与他人合住',
    'zh-TW': '學員性別未知，不能與他人合住',
    en: "the trainee's gender is unknown; they cannot share a room",
  },
  room_not_single: {
    'zh-CN': '该学员需要单间，所选房间已有人入住',
    'zh-TW': '該學員需要單間，所選房間已有人入住',
    en: 'the trainee needs a room of their own and this one is taken',
  },
  room_unknown: {
    'zh-CN': '房间不存在或不属于本班次',
    'zh-TW': '房間不存在或不屬於本班次',
    en: 'no such room in this class',
  },
  not_class_trainee: {
    'zh-CN': '不是本班次的在读学员',
    'zh-TW': '不是本班次的在讀學員',
    en: 'not an enrolled trainee of this class',
  },
  logistics_closed: {
    'zh-CN': '班次已结束，不能再修改服务需求',
    'zh-TW': '班次已結束，不能再修改服務需求',
    en: 'the class is over; service needs can no longer be changed',
  },
  material_name_taken: {
    'zh-CN': '本班次已有同名物资',
    'zh-TW': '本班次已有同名物資',
    en: 'the class already has a material of this name',
  },
};
