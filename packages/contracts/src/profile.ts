// Agency profile and agency list schemas (owned by the profile work; see analytics.ts for the rest).
export {};
