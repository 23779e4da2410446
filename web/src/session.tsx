import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiGet, apiSend } from "./api/client";
import type { Membership, Session } from "./api/types";

/** The signed-in user (null when signed out), shared by every page through react-query's cache. */
export function useSession() {
  return useQuery({
    queryKey: ["session"],
    queryFn: () =>
      apiGet<Session>("/api/session").catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }),
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => apiSend<Session>("POST", "/api/session", input),
    onSuccess: (session) => {
      client.clear();
      client.setQueryData(["session"], session);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend<void>("DELETE", "/api/session"),
    onSettled: () => {
      client.clear();
      client.setQueryData(["session"], null);
    },
  });
}

/** Where a member lands: an agency user on its own agency, everyone else on the overview. */
export function homeOf(m: Membership): string {
  return m.role === "agency" && m.agencyCode ? `/t/${m.tenant}/agencies/${m.agencyCode}` : `/t/${m.tenant}/overview`;
}

/**
 * Where a signed-in user lands: a member on their (first) tenant, even when also a platform operator; an operator
 * without memberships on the platform page; null for an account with neither (the home page then says so).
 */
export function landingOf(session: Session): string | null {
  const first = session.memberships[0];
  if (first) return homeOf(first);
  return session.user.isOperator ? PLATFORM : null;
}

/** The platform operator's page (tenants and their first-admin invitations). */
export const PLATFORM = "/platform";

/**
 * A `?next=` target from the sign-in URL, when it is one of our own signed-in pages (never an outside URL):
 * a tenant page or the platform page.
 */
export function safeNext(next: string | null): string | null {
  if (!next) return null;
  const platform = next === PLATFORM || [..."/?#"].some((c) => next.startsWith(PLATFORM + c));
  return /^\/t\/[a-z0-9-]+\//.test(next) || platform ? next : null;
}
