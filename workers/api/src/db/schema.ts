import type { Generated } from "kysely";

/** Kysely's view of the D1 schema in migrations/. Scores are integer hundredths; years are BE. */
export interface Database {
  tenants: TenantsTable;
  agencies: AgenciesTable;
  results: ResultsTable;
  item_scores: ItemScoresTable;
  import_batches: ImportBatchesTable;
  import_changes: ImportChangesTable;
  disclosure_cycles: DisclosureCyclesTable;
  disclosure_records: DisclosureRecordsTable;
  disclosure_history: DisclosureHistoryTable;
  link_checks: LinkChecksTable;
  audit_log: AuditLogTable;
  frameworks: FrameworksTable;
  memberships: MembershipsTable;
  platform_operators: { user_id: string; created_at: Generated<string> };
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  login_throttle: LoginThrottleTable;
  d1_migrations: { id: Generated<number>; name: string; applied_at: string };
}

export interface TenantsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  name_en: string | null;
  synthetic: Generated<number>;
  settings: Generated<string>;
  created_at: Generated<string>;
  /** Moved by triggers on agencies and results (migration 0007); keys the analytics answer cache. */
  data_version: Generated<number>;
}

export type AgencyTypeKey = "pao" | "city" | "town" | "subdistrict" | "sao" | "other";

export interface AgenciesTable {
  id: Generated<number>;
  tenant_id: number;
  code: string;
  name_th: string;
  name_en: string | null;
  type: AgencyTypeKey;
  size: "S" | "M" | "L" | null;
  district: string | null;
  website: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

type Score = number | null;

export interface ResultsTable {
  id: Generated<number>;
  tenant_id: number;
  agency_id: number;
  fiscal_year: number;
  iit: Score;
  eit: Score;
  eit_part1: Score;
  eit_part2: Score;
  oit: Score;
  ind1: Score;
  ind2: Score;
  ind3: Score;
  ind4: Score;
  ind5: Score;
  ind6: Score;
  ind7: Score;
  ind8: Score;
  ind9: Score;
  ind10: Score;
  total: Score;
  rating: string | null;
  source: "import" | "manual" | "demo";
  source_note: string | null;
  import_batch_id: number | null;
  derived_fields: Generated<string>;
  version: Generated<number>;
  updated_by: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface ItemScoresTable {
  tenant_id: number;
  agency_id: number;
  fiscal_year: number;
  tool: "iit" | "eit" | "oit";
  item_code: string;
  score: number;
  import_batch_id: number | null;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  tenant_id: number;
  file_name: string;
  sha256: string;
  content_type: string | null;
  row_count: number;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  unchanged_count: Generated<number>;
  warnings: Generated<string>;
  status: Generated<"committed" | "rolled_back">;
  created_by: string | null;
  created_at: Generated<string>;
  rolled_back_by: string | null;
  rolled_back_at: string | null;
}

export interface ImportChangesTable {
  id: Generated<number>;
  tenant_id: number;
  batch_id: number;
  entity: "agency" | "result" | "item_scores";
  agency_id: number;
  fiscal_year: number | null;
  before: string | null;
  after: string | null;
}

export interface DisclosureCyclesTable {
  tenant_id: number;
  fiscal_year: number;
  catalogue_year: number;
  stand_in: Generated<number>;
  submit_by: string | null;
  review_by: string | null;
  created_at: Generated<string>;
}

export type DisclosureStatus = "not_started" | "in_progress" | "submitted" | "approved" | "needs_fix";

export interface DisclosureRecordsTable {
  id: Generated<number>;
  tenant_id: number;
  agency_id: number;
  fiscal_year: number;
  item_code: string;
  status: Generated<DisclosureStatus>;
  evidence_urls: Generated<string>;
  note: string | null;
  review_verdict: "approved" | "needs_fix" | null;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  updated_by: string | null;
  updated_at: Generated<string>;
  version: Generated<number>;
}

export interface DisclosureHistoryTable {
  id: Generated<number>;
  tenant_id: number;
  record_id: number;
  version: number;
  status: string;
  evidence_urls: Generated<string>;
  note: string | null;
  review_verdict: string | null;
  review_comment: string | null;
  changed_by: string | null;
  changed_at: Generated<string>;
}

export type LinkProblem =
  | "invalid_url"
  | "http_error"
  | "timeout"
  | "redirect_loop"
  | "too_many_redirects"
  | "wrong_content_type"
  | "unreachable"
  | "off_site";

export interface LinkChecksTable {
  id: Generated<number>;
  tenant_id: number;
  agency_id: number;
  fiscal_year: number;
  item_code: string;
  url: string;
  checked_at: string;
  ok: number;
  http_status: number | null;
  final_url: string | null;
  redirects: Generated<number>;
  elapsed_ms: number | null;
  content_type: string | null;
  on_site: number | null;
  problem: LinkProblem | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  tenant_id: number | null;
  actor_user_id: string | null;
  actor_label: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  request_id: string | null;
  at: Generated<string>;
}

export interface FrameworksTable {
  fiscal_year: number;
  document: string;
  created_by: string | null;
  created_at: Generated<string>;
}

export interface MembershipsTable {
  tenant_id: number;
  user_id: string;
  role: "admin" | "analyst" | "executive" | "agency";
  agency_id: number | null;
  created_at: Generated<string>;
}

// better-auth's core tables (its names); Prongsai reads them, better-auth writes them.
export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: number;
  image: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SessionTable {
  id: string;
  expiresAt: string;
  token: string;
  createdAt: string;
  updatedAt: string;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  password: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InvitationsTable {
  id: Generated<number>;
  tenant_id: number;
  email: string;
  role: "admin" | "analyst" | "executive" | "agency";
  agency_id: number | null;
  token_hash: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
  invited_by: string | null;
  created_at: Generated<string>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: string;
  name: string;
  token_hash: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: Generated<string>;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}
