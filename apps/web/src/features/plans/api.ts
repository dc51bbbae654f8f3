import type {
  ClassView,
  CreatePlanBody,
  Page,
  PlanActionBody,
  PlanDetailView,
  PlanItemBody,
  PlanView,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { classesKey } from '../classes/api';

export const plansKey = ['plans'] as const;

/** The plan list's filters as they stand in the address. */
export interface PlanFilters {
  year?: string;
  status?: string;
  organiserId?: string;
  page: number;
  pageSize: number;
}

export function usePlans(filters: PlanFilters) {
  return useQuery({
    queryKey: [...plansKey, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<PlanView>>('/plans', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: [...plansKey, 'one', id],
    queryFn: ({ signal }) => api.get<PlanDetailView>(`/plans/${id}`, {}, signal),
    enabled: !!id,
  });
}

function usePlanMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>, alsoClasses = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: plansKey }),
        alsoClasses ? queryClient.invalidateQueries({ queryKey: classesKey }) : undefined,
      ]);
    },
  });
}

export const useCreatePlan = () =>
  usePlanMutation((body: CreatePlanBody) => api.post<PlanDetailView>('/plans', body));

export const useUpdatePlan = () =>
  usePlanMutation(({ id, ...body }: { id: string; title?: string; note?: string | null }) =>
    api.patch<PlanDetailView>(`/plans/${id}`, body),
  );

export const usePlanAction = () =>
  usePlanMutation(({ id, ...body }: PlanActionBody & { id: string }) =>
    api.post<PlanDetailView>(`/plans/${id}/actions`, body),
  );

export const useAddPlanItem = () =>
  usePlanMutation(({ planId, ...body }: PlanItemBody & { planId: string }) =>
    api.post<PlanDetailView>(`/plans/${planId}/items`, body),
  );

export const useUpdatePlanItem = () =>
  usePlanMutation(({ planId, itemId, ...body }: PlanItemBody & { planId: string; itemId: string }) =>
    api.patch<PlanDetailView>(`/plans/${planId}/items/${itemId}`, body),
  );

export const useDeletePlanItem = () =>
  usePlanMutation(({ planId, itemId }: { planId: string; itemId: string }) =>
    api.delete<PlanDetailView>(`/plans/${planId}/items/${itemId}`),
  );

export const useScheduleItem = () =>
  usePlanMutation(
    ({
      planId,
      itemId,
      ...body
    }: {
      planId: string;
      itemId: string;
      startDate: string | null;
      endDate: string | null;
      name?: string;
    }) => api.post<ClassView>(`/plans/${planId}/items/${itemId}/schedule`, body),
    true,
  );
