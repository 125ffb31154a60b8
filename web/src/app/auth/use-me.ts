import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { getMe, type Me } from '../api/endpoints';

export const ME_KEY = ['me'] as const;

/** The signed-in user. `me` is null when nobody is signed in (401) — not an error. */
export function useMe() {
  const q = useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await getMe();
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.code === 'auth.required')) return null;
        throw e;
      }
    },
  });
  return { ...q, me: q.data ?? null };
}

/** Signed in as a member of staff (the staff face needs this, not just any session). */
export const isStaff = (me: Me | null): me is Me => me?.kind === 'staff';

export const hasRole = (me: Me | null, role: string) => !!me?.roles.some((r) => r.role === role);
