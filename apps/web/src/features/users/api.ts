import type { CreateUserBody, Page, RoleAssignment, UserView } from '@ganxun/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface UserFilters {
  q?: string;
  role?: string;
  status?: string;
  page: number;
  pageSize: number;
}

export const usersKey = ['users'] as const;

export function useUserList(filters: UserFilters) {
  return useQuery({
    queryKey: [...usersKey, filters],
    queryFn: ({ signal }) => api.get<Page<UserView>>('/users', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every mutation on a user refreshes the list. */
function useUserMutation<TVars>(fn: (vars: TVars) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export const useCreateUser = () =>
  useUserMutation((body: CreateUserBody) => api.post<UserView>('/users', body));
export const useUpdateUser = () =>
  useUserMutation(
    ({ id, ...body }: { id: string; displayName?: string; status?: UserView['status']; locale?: string }) =>
      api.patch<UserView>(`/users/${id}`, body),
  );
export const useSetRoles = () =>
  useUserMutation(({ id, roles }: { id: string; roles: RoleAssignment[] }) =>
    api.put<UserView>(`/users/${id}/roles`, { roles }),
  );
export const useUnlockUser = () => useUserMutation((id: string) => api.post(`/users/${id}/unlock`));
export const useResetPassword = () =>
  useUserMutation(({ id, newPassword }: { id: string; newPassword: string }) =>
    api.post(`/users/${id}/reset-password`, { newPassword }),
  );
export const useResetTotp = () => useUserMutation((id: string) => api.delete(`/users/${id}/totp`));
