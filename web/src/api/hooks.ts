import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { apiGet, qs } from "./client";
import type { Heatmap, Movement, Rankings, Summary, WeakIndicators, YearsResponse } from "./types";

export function useYears(tenant: string) {
  return useQuery({
    queryKey: ["years", tenant],
    queryFn: () => apiGet<YearsResponse>(`/api/tenants/${tenant}/years`),
  });
}

/** The year in the URL (?year=), defaulting to the latest year with data, so a link reproduces the view. */
export function useSelectedYear(tenant: string): [number | undefined, (y: number) => void, number[]] {
  const [params, setParams] = useSearchParams();
  const years = useYears(tenant).data?.years.map((y) => y.fiscalYear) ?? [];
  const fromUrl = Number(params.get("year"));
  const year = years.includes(fromUrl) ? fromUrl : years.at(-1);
  const setYear = (y: number) =>
    setParams(
      (p) => {
        p.set("year", String(y));
        return p;
      },
      { replace: true },
    );
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
