import type {
  CreateLecturerBody,
  CreateVenueBody,
  LecturerView,
  Page,
  UpdateLecturerBody,
  UpdateVenueBody,
  VenueView,
} from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const lecturersKey = ['lecturers'] as const;
export const venuesKey = ['venues'] as const;

// Lecturers ----------------------------------------------------------------------------------

export interface LecturerFilters {
  q?: string;
  kind?: string;
  expertise?: string;
  status?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

export function useLecturers(filters: LecturerFilters) {
  return useQuery({
    queryKey: [...lecturersKey, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<LecturerView>>('/lecturers', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

function usePoolMutation<TVars, TResult>(key: readonly string[], fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export const useCreateLecturer = () =>
  usePoolMutation(lecturersKey, (body: CreateLecturerBody) => api.post<LecturerView>('/lecturers', body));
export const useUpdateLecturer = () =>
  usePoolMutation(lecturersKey, ({ id, ...body }: UpdateLecturerBody & { id: string }) =>
    api.patch<LecturerView>(`/lecturers/${id}`, body),
  );

// Venues -------------------------------------------------------------------------------------

export interface VenueFilters {
  q?: string;
  kind?: string;
  ownerUnitId?: string;
  cityCode?: string;
  minCapacity?: string;
  status?: string;
  sort?: string;
  page: number;
  pageSize: number;
}

export function useVenues(filters: VenueFilters) {
  return useQuery({
    queryKey: [...venuesKey, 'list', filters],
    queryFn: ({ signal }) => api.get<Page<VenueView>>('/venues', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export const useCreateVenue = () =>
  usePoolMutation(venuesKey, (body: CreateVenueBody) => api.post<VenueView>('/venues', body));
export const useUpdateVenue = () =>
  usePoolMutation(venuesKey, ({ id, ...body }: UpdateVenueBody & { id: string }) =>
    api.patch<VenueView>(`/venues/${id}`, body),
  );
