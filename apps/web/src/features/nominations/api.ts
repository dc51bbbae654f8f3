import type {
  ClassView,
  CreateNominationBody,
  DecisionBody,
  EnrollmentPage,
  EnrollmentView,
  GroupView,
  MyClassView,
  NominationPage,
  NominationStatus,
  NominationView,
  Page,
  PersonView,
  QuotaList,
  UpdateEnrollmentBody,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { type StatusCounts, statusCounts } from './logic';

/** Everything the class page shows about seats: nominations, quotas, enrollments, the class itself. */
export const nominationsKey = ['nominations'] as const;
export const quotasKey = ['quotas'] as const;
export const enrollmentsKey = ['enrollments'] as const;
export const groupsKey = ['class-groups'] as const;
export const myClassesKey = ['my-classes'] as const;
// The classes feature keeps its queries under this key; a nomination changes the seats it shows.
const classesKey = ['classes'] as const;

export interface NominationFilters {
  status?: NominationStatus;
  quotaId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function useNominations(classId: string, filters: NominationFilters) {
  return useQuery({
    queryKey: [...nominationsKey, classId, 'list', filters],
    queryFn: ({ signal }) =>
      api.get<Page<NominationView>>(`/classes/${classId}/nominations`, { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Counts per status (the list carries them for its other filters: one small request). */
export function useNominationCounts(classId: string, quotaId?: string): StatusCounts | undefined {
  const result = useQuery({
    queryKey: [...nominationsKey, classId, 'count', quotaId ?? null],
    queryFn: ({ signal }) =>
      api.get<NominationPage>(`/classes/${classId}/nominations`, { quotaId, pageSize: 1 }, signal),
  });
  return result.data ? statusCounts(result.data.counts) : undefined;
}

export function useQuotas(classId: string, enabled = true) {
  return useQuery({
    queryKey: [...quotasKey, classId],
    queryFn: ({ signal }) => api.get<QuotaList>(`/classes/${classId}/quotas`, {}, signal),
    enabled,
  });
}

/** People the reader may see (the server scopes the list), for the nominate and substitute pickers. */
export function usePeoplePick(q: string) {
  return useQuery({
    queryKey: ['people', 'pick', q],
    queryFn: ({ signal }) =>
      api.get<Page<PersonView>>('/people', { q: q || undefined, pageSize: 20, status: 'serving' }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Classes open to the reader: to nominate to (liaisons, org admins) or to register for (trainees). */
export function useNominatingClasses() {
  return useQuery({
    queryKey: [...classesKey, 'nominating'],
    queryFn: ({ signal }) =>
      api.get<Page<ClassView>>('/classes', { nominating: 'true', pageSize: 100, sort: 'startDate' }, signal),
  });
}

export function useMyClasses() {
  return useQuery({
    queryKey: myClassesKey,
    queryFn: ({ signal }) => api.get<{ items: MyClassView[] }>('/me/classes', {}, signal),
  });
}

/** Any change to seats refreshes the lists, the quotas' counters and the class's seat numbers. */
function useSeatMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await Promise.all(
        [nominationsKey, quotasKey, enrollmentsKey, groupsKey, myClassesKey, classesKey].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}

export const useNominate = (classId: string) =>
  useSeatMutation((body: CreateNominationBody) =>
    api.post<NominationView>(`/classes/${classId}/nominations`, body),
  );

export const useRegister = () =>
  useSeatMutation(({ classId, note }: { classId: string; note: string | null }) =>
    api.post<NominationView>(`/classes/${classId}/registrations`, { note }),
  );

export const useSubstitute = (classId: string) =>
  useSeatMutation(({ id, personId, reason }: { id: string; personId: string; reason: string }) =>
    api.post<NominationView>(`/classes/${classId}/nominations/${id}/substitute`, { personId, reason }),
  );

export const useWithdrawNomination = (classId: string) =>
  useSeatMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post<NominationView>(`/classes/${classId}/nominations/${id}/withdraw`, { reason }),
  );

export const useDecide = (classId: string) =>
  useSeatMutation((body: DecisionBody) =>
    api.post<{ decided: number; items: NominationView[] }>(`/classes/${classId}/nominations/decisions`, body),
  );

// Roster --------------------------------------------------------------------------------------

export interface EnrollmentFilters {
  status?: 'enrolled' | 'withdrawn';
  groupId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function useEnrollments(classId: string, filters: EnrollmentFilters) {
  return useQuery({
    queryKey: [...enrollmentsKey, classId, 'list', filters],
    queryFn: ({ signal }) =>
      api.get<Page<EnrollmentView>>(`/classes/${classId}/enrollments`, { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Enrolled and checked-in counts for the counter above the roster. */
export function useCheckInCount(classId: string) {
  return useQuery({
    queryKey: [...enrollmentsKey, classId, 'count'],
    queryFn: async ({ signal }) => {
      // The page carries the whole roster's counts; one row is enough to get them.
      const page = await api.get<EnrollmentPage>(`/classes/${classId}/enrollments`, { pageSize: 1 }, signal);
      return page.summary;
    },
  });
}

export const useUpdateEnrollment = (classId: string) =>
  useSeatMutation(({ id, ...body }: UpdateEnrollmentBody & { id: string }) =>
    api.patch<EnrollmentView>(`/classes/${classId}/enrollments/${id}`, body),
  );

export const useCheckIn = (classId: string) =>
  useSeatMutation((id: string) => api.post<EnrollmentView>(`/classes/${classId}/enrollments/${id}/check-in`));

export const useWithdrawEnrollment = (classId: string) =>
  useSeatMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post<EnrollmentView>(`/classes/${classId}/enrollments/${id}/withdraw`, { reason }),
  );

export function useGroups(classId: string) {
  return useQuery({
    queryKey: [...groupsKey, classId],
    queryFn: ({ signal }) => api.get<{ items: GroupView[] }>(`/classes/${classId}/groups`, {}, signal),
  });
}

export const useSaveGroup = (classId: string) =>
  useSeatMutation(({ id, name, sortOrder }: { id?: string; name: string; sortOrder: number }) =>
    id
      ? api.patch<GroupView>(`/classes/${classId}/groups/${id}`, { name, sortOrder })
      : api.post<GroupView>(`/classes/${classId}/groups`, { name, sortOrder }),
  );

export const useDeleteGroup = (classId: string) =>
  useSeatMutation((id: string) => api.delete<void>(`/classes/${classId}/groups/${id}`));
