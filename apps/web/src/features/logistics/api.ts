import type {
  allocationBody,
  allocationResult,
  HotelBody,
  HotelView,
  LogisticsView,
  MyClassView,
  MyLogisticsView,
  materialBody,
  pickUpBody,
  RoomBody,
  RoomView,
  roomsBody,
  SupplyView,
  servicesBody,
} from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile } from '../../api/client';

export type AllocationBody = z.input<typeof allocationBody>;
export type AllocationResult = z.infer<typeof allocationResult>;
export type ServicesBody = z.infer<typeof servicesBody>;
export type PickUpBody = z.input<typeof pickUpBody>;
export type MaterialBody = z.input<typeof materialBody>;
export type RoomsBody = z.infer<typeof roomsBody>;

const logisticsKey = (classId: string) => ['classes', 'one', classId, 'logistics'] as const;
const myKey = (classId: string) => ['my-stay', classId] as const;
const base = (classId: string) => `/classes/${classId}/logistics`;

/** Everything of a class's logistics: hotels and rooms, trainees, meals, pick-ups, materials. */
export function useLogistics(classId: string) {
  return useQuery({
    queryKey: logisticsKey(classId),
    queryFn: ({ signal }) => api.get<LogisticsView>(base(classId), {}, signal),
  });
}

/** Every write refreshes the whole view: counts, rooms and pick-ups hang together. */
function useLogisticsMutation<TVars, TResult>(classId: string, fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: logisticsKey(classId) }),
  });
}

export function useSaveHotel(classId: string) {
  return useLogisticsMutation(classId, ({ id, body }: { id?: string; body: HotelBody }) =>
    id
      ? api.patch<HotelView>(`${base(classId)}/hotels/${id}`, body)
      : api.post<HotelView>(`${base(classId)}/hotels`, body),
  );
}

export function useDeleteHotel(classId: string) {
  return useLogisticsMutation(classId, (id: string) => api.delete<void>(`${base(classId)}/hotels/${id}`));
}

export function useAddRooms(classId: string) {
  return useLogisticsMutation(classId, ({ hotelId, body }: { hotelId: string; body: RoomsBody }) =>
    api.post<unknown>(`${base(classId)}/hotels/${hotelId}/rooms`, body),
  );
}

export function useUpdateRoom(classId: string) {
  return useLogisticsMutation(classId, ({ id, body }: { id: string; body: Partial<RoomBody> }) =>
    api.patch<RoomView>(`${base(classId)}/rooms/${id}`, body),
  );
}

export function useDeleteRoom(classId: string) {
  return useLogisticsMutation(classId, (id: string) => api.delete<void>(`${base(classId)}/rooms/${id}`));
}

/** Puts one trainee in a room, or takes them out (null). */
export function useAssignRoom(classId: string) {
  return useLogisticsMutation(
    classId,
    ({ enrollmentId, roomId }: { enrollmentId: string; roomId: string | null }) =>
      api.put<unknown>(`${base(classId)}/assignments/${enrollmentId}`, { roomId }),
  );
}

/** The allocation: a dry run only shows (and changes no data), so it does not refresh. */
export function useAllocate(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AllocationBody) => api.post<AllocationResult>(`${base(classId)}/allocation`, body),
    onSuccess: (result) => {
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: logisticsKey(classId) });
    },
  });
}

export function useSaveServices(classId: string) {
  return useLogisticsMutation(
    classId,
    ({ enrollmentId, body }: { enrollmentId: string; body: ServicesBody }) =>
      api.put<unknown>(`${base(classId)}/trainees/${enrollmentId}`, body),
  );
}

export function useSavePickUp(classId: string) {
  return useLogisticsMutation(classId, ({ key, body }: { key: string; body: PickUpBody }) =>
    api.put<unknown>(`${base(classId)}/pick-ups/${encodeURIComponent(key)}`, body),
  );
}

export function useSaveMaterial(classId: string) {
  return useLogisticsMutation(classId, ({ id, body }: { id?: string; body: MaterialBody }) =>
    id
      ? api.patch<SupplyView>(`${base(classId)}/materials/${id}`, body)
      : api.post<SupplyView>(`${base(classId)}/materials`, body),
  );
}

export function useDeleteMaterial(classId: string) {
  return useLogisticsMutation(classId, (id: string) => api.delete<void>(`${base(classId)}/materials/${id}`));
}

export function useHandOut(classId: string) {
  return useLogisticsMutation(
    classId,
    ({
      materialId,
      enrollmentIds,
      handed,
    }: {
      materialId: string;
      enrollmentIds: string[];
      handed: boolean;
    }) => api.post<unknown>(`${base(classId)}/materials/${materialId}/handouts`, { enrollmentIds, handed }),
  );
}

/** The class's logistics workbook (rooms, meals, pick-ups, materials). */
export function downloadLogistics(classId: string, fallbackName: string): Promise<void> {
  return downloadFile(`/classes/${classId}/logistics.xlsx`, fallbackName);
}

/** The reader's own classes (to pick the one whose stay is shown). */
export function useMyClassesForStay() {
  return useQuery({
    queryKey: ['me', 'classes'],
    queryFn: ({ signal }) => api.get<{ items: MyClassView[] }>('/me/classes', {}, signal),
  });
}

/** The trainee's room, pick-up, materials and needs in one class. */
export function useMyStay(classId: string | undefined) {
  return useQuery({
    queryKey: myKey(classId ?? ''),
    queryFn: ({ signal }) => api.get<MyLogisticsView>(`${base(classId ?? '')}/me`, {}, signal),
    enabled: Boolean(classId),
  });
}

export function useSaveMyNeeds(classId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ServicesBody) => api.put<MyLogisticsView>(`${base(classId)}/me`, body),
    onSuccess: (view) => queryClient.setQueryData(myKey(classId), view),
  });
}
