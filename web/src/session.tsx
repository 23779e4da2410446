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
