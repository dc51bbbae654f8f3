import type {
  CertificateItems,
  CertificateList,
  CertificateView,
  IssueBody,
  PublicVerificationView,
  SealView,
} from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile, request } from '../../api/client';

export const certificatesKey = (classId: string) => ['classes', 'one', classId, 'certificates'] as const;
const MINE_KEY = ['me', 'certificates'] as const;

/** A class's certificates, its issuer and seal, and what is pending (staff). */
export function useClassCertificates(classId: string) {
  return useQuery({
    queryKey: certificatesKey(classId),
    queryFn: ({ signal }) => api.get<CertificateList>(`/classes/${classId}/certificates`, {}, signal),
  });
}

function useClassMutation<A, R>(classId: string, fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: certificatesKey(classId) }),
  });
}

/** Issues to the given enrollments, or to every completed one without a certificate. */
export const useIssue = (classId: string) =>
  useClassMutation(classId, (body: IssueBody) =>
    api.post<CertificateItems>(`/classes/${classId}/certificates/issue`, body),
  );

export const useRevoke = (classId: string) =>
  useClassMutation(classId, ({ id, reason }: { id: string; reason: string }) =>
    api.post<CertificateView>(`/certificates/${id}/revoke`, { reason }),
  );

export const useReissue = (classId: string) =>
  useClassMutation(classId, ({ id, reason }: { id: string; reason: string }) =>
    api.post<CertificateView>(`/certificates/${id}/reissue`, { reason }),
  );

/** Uploads the seal of a unit (multipart `file`, PNG or JPEG ≤ 1 MB). */
export const useUploadSeal = (classId: string) =>
  useClassMutation(classId, ({ unitId, file }: { unitId: string; file: File }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<SealView>('PUT', `/certificates/seals/${unitId}`, { body: form });
  });

/** Where a unit's seal image is shown from (a cache-busting version after an upload). */
export const sealUrl = (unitId: string, version: string | null) =>
  `/api/v1/certificates/seals/${unitId}${version ? `?v=${encodeURIComponent(version)}` : ''}`;

export const downloadCertificate = (cert: Pick<CertificateView, 'id' | 'number'>) =>
  downloadFile(`/certificates/${cert.id}/pdf`, `${cert.number}.pdf`);

export const downloadZip = (classId: string) =>
  downloadFile(`/classes/${classId}/certificates.zip`, 'certificates.zip');

/** The signed-in trainee's own certificates. */
export function useMyCertificates() {
  return useQuery({
    queryKey: MINE_KEY,
    queryFn: ({ signal }) => api.get<CertificateItems>('/me/certificates', {}, signal),
  });
}

/** The public verification of a number (no sign-in). */
export function useVerification(number: string | undefined) {
  return useQuery({
    queryKey: ['public', 'certificates', number ?? ''],
    queryFn: ({ signal }) =>
      api.get<PublicVerificationView>(`/public/certificates/${encodeURIComponent(number ?? '')}`, {}, signal),
    enabled: Boolean(number),
    retry: false,
  });
}
