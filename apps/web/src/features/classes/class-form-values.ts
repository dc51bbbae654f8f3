import type { ClassMode, ClassView, CreateClassBody } from '@ganxun/domain';

interface BudgetValue {
  item?: string;
  amount?: number | null;
  note?: string;
}

/** What the class form holds; dates as ISO strings, the deadline as an ISO timestamp. */
export interface ClassFormValues {
  name: string;
  kind: string;
  topics?: string[];
  leadOrganiserId: string;
  coOrganiserIds?: (string | null)[];
  hostInstitutionId?: string | null;
  cityCode?: string | null;
  venue?: string;
  mode: ClassMode;
  startDate?: string;
  endDate?: string;
  hoursMode: 'derived' | 'set';
  plannedHours?: number | null;
  capacity?: number | null;
  targetAudience?: string;
  nominationDeadline?: string;
  selfRegistration: boolean;
  waitlist: boolean;
  budget?: BudgetValue[];
  tags?: string[];
  description?: string;
  directorId?: string | null;
  assistantIds?: string[];
}

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/**
 * The body of the form as the API takes it. Director and assistants are sent only when the list of
 * class directors could be loaded (else an edit keeps them as they are).
 */
export function toBody(
  v: ClassFormValues,
  withStaff: boolean,
): Partial<CreateClassBody> & Omit<CreateClassBody, 'directorId' | 'assistantIds'> {
  return {
    ...(withStaff ? { directorId: v.directorId ?? null, assistantIds: v.assistantIds ?? [] } : {}),
    name: v.name.trim(),
    kind: v.kind,
    topics: (v.topics ?? []).map((s) => s.trim()).filter(Boolean),
    leadOrganiserId: v.leadOrganiserId,
    coOrganiserIds: (v.coOrganiserIds ?? []).filter((id): id is string => !!id),
    hostInstitutionId: v.hostInstitutionId ?? null,
    cityCode: v.cityCode ?? null,
    venue: blank(v.venue),
    mode: v.mode,
    startDate: v.startDate ?? null,
    endDate: v.endDate ?? null,
    plannedHours: v.hoursMode === 'set' && v.plannedHours != null ? Number(v.plannedHours) : null,
    capacity: v.capacity ?? null,
    targetAudience: blank(v.targetAudience),
    nominationDeadline: v.nominationDeadline ?? null,
    selfRegistration: v.selfRegistration,
    waitlist: v.waitlist,
    budget: (v.budget ?? []).map((b) => ({
      item: (b.item ?? '').trim(),
      amount: Number(b.amount ?? 0),
      note: blank(b.note),
    })),
    tags: (v.tags ?? []).map((s) => s.trim()).filter(Boolean),
    description: blank(v.description),
  };
}

export function toValues(cls: ClassView): ClassFormValues {
  return {
    name: cls.name,
    kind: cls.kind,
    topics: cls.topics,
    leadOrganiserId: cls.leadOrganiser.id,
    coOrganiserIds: cls.coOrganisers.map((o) => o.id),
    hostInstitutionId: cls.hostInstitution?.id ?? null,
    cityCode: cls.cityCode,
    venue: cls.venue ?? undefined,
    mode: cls.mode,
    startDate: cls.startDate ?? undefined,
    endDate: cls.endDate ?? undefined,
    hoursMode: cls.plannedHoursSet ? 'set' : 'derived',
    plannedHours: cls.plannedHoursSet ? cls.plannedHours : null,
    capacity: cls.capacity,
    targetAudience: cls.targetAudience ?? undefined,
    nominationDeadline: cls.nominationDeadline ?? undefined,
    selfRegistration: cls.selfRegistration,
    waitlist: cls.waitlist,
    budget: cls.budget.map((b) => ({ item: b.item, amount: b.amount, note: b.note ?? undefined })),
    tags: cls.tags,
    description: cls.description ?? undefined,
    directorId: cls.director?.id ?? null,
    assistantIds: cls.assistants.map((a) => a.id),
  };
}
