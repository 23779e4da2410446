import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiGet, qs } from "./client";
import type {
  Agency,
  AgencyDisclosures,
  DisclosureBoard,
  DisclosureCycles,
  DisclosureItemDetail,
  Heatmap,
  Movement,
  Rankings,
  Summary,
  WeakIndicators,
  YearsResponse,
} from "./types";
import { useUrlParams } from "./url";

export function useYears(tenant: string) {
  return useQuery({
    queryKey: ["years", tenant],
    queryFn: () => apiGet<YearsResponse>(`/api/tenants/${tenant}/years`),
  });
}

/** The year in the URL (?year=), defaulting to the latest year with data, so a link reproduces the view. */
export function useSelectedYear(tenant: string): [number | undefined, (y: number) => void, number[]] {
  const [params, patch] = useUrlParams();
  const years = useYears(tenant).data?.years.map((y) => y.fiscalYear) ?? [];
  const fromUrl = Number(params.get("year"));
  const year = years.includes(fromUrl) ? fromUrl : years.at(-1);
  const setYear = (y: number) => patch({ year: y });
  return [year, setYear, years];
}

export function useSummary(tenant: string, year: number | undefined) {
  return useQuery({
    queryKey: ["summary", tenant, year],
    queryFn: () => apiGet<Summary>(`/api/tenants/${tenant}/summary${qs({ year })}`),
    enabled: year !== undefined,
  });
}

export function useRankings(
  tenant: string,
  year: number | undefined,
  filters: Record<string, string | undefined> = {},
) {
  return useQuery({
    queryKey: ["rankings", tenant, year, filters],
    queryFn: () => apiGet<Rankings>(`/api/tenants/${tenant}/rankings${qs({ year, ...filters })}`),
    enabled: year !== undefined,
  });
}

export function useWeak(tenant: string, year: number | undefined) {
  return useQuery({
    queryKey: ["weak", tenant, year],
    queryFn: () => apiGet<WeakIndicators>(`/api/tenants/${tenant}/weak-indicators${qs({ year })}`),
    enabled: year !== undefined,
  });
}

export function useHeatmap(tenant: string, year: number | undefined) {
  return useQuery({
    queryKey: ["heatmap", tenant, year],
    queryFn: () => apiGet<Heatmap>(`/api/tenants/${tenant}/heatmap${qs({ year })}`),
    enabled: year !== undefined,
  });
}

export function useMovement(tenant: string, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: ["movement", tenant, from, to],
    queryFn: () => apiGet<Movement>(`/api/tenants/${tenant}/movement${qs({ from, to })}`),
    enabled: from !== undefined && to !== undefined && from < to,
  });
}

// ── Disclosure readiness ────────────────────────────────────────────────────────────────────────────────────

export function useDisclosureCycles(tenant: string) {
  return useQuery({
    queryKey: ["disclosure-cycles", tenant],
    queryFn: () => apiGet<DisclosureCycles>(`/api/tenants/${tenant}/disclosures`),
  });
}

/** The cycle in the URL (?year=), defaulting to the latest cycle, so a link reproduces the view. */
export function useSelectedCycle(tenant: string) {
  const [params, patch] = useUrlParams();
  const cycles = useDisclosureCycles(tenant);
  const list = cycles.data?.cycles ?? [];
  const fromUrl = Number(params.get("year"));
  // The API lists cycles newest first.
  const cycle = list.find((c) => c.fiscalYear === fromUrl) ?? list[0];
  const setYear = (y: number) => patch({ year: y });
  return { cycles, cycle, setYear };
}

export function useDisclosureBoard(
  tenant: string,
  year: number | undefined,
  query: Record<string, string | undefined> = {},
) {
  return useQuery({
    queryKey: ["disclosure-board", tenant, year, query],
    queryFn: () => apiGet<DisclosureBoard>(`/api/tenants/${tenant}/disclosures/${year}/board${qs(query)}`),
    enabled: year !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAgencyDisclosures(tenant: string, code: string, year: number | undefined, enabled = true) {
  return useQuery({
    queryKey: ["agency-disclosures", tenant, code, year],
    queryFn: () => apiGet<AgencyDisclosures>(`/api/tenants/${tenant}/agencies/${code}/disclosures/${year}`),
    enabled: enabled && year !== undefined,
  });
}

export function useDisclosureItem(tenant: string, code: string, year: number, item: string, enabled: boolean) {
  return useQuery({
    queryKey: ["disclosure-item", tenant, code, year, item],
    queryFn: () => apiGet<DisclosureItemDetail>(`/api/tenants/${tenant}/agencies/${code}/disclosures/${year}/${item}`),
    enabled,
  });
}

export function useAgencyList(tenant: string) {
  return useQuery({
    queryKey: ["agencies", tenant],
    queryFn: () => apiGet<Agency[]>(`/api/tenants/${tenant}/agencies`),
    staleTime: 300_000,
  });
}
