/**
 * Every action and entity the audit log records. The Worker's audit writer accepts only these (so a new action
 * cannot be written without being listed), and the dashboard has a Thai and an English label for each (tested).
 * Plain constants, no zod: the dashboard may import them without pulling zod into its bundle.
 */
export const AUDIT_ACTIONS = [
  "import.commit",
  "import.rollback",
  "result.create",
  "result.update",
  "agency.create",
  "agency.update",
  "disclosure.update",
  "disclosure.approve",
  "disclosure.needs_fix",
  "disclosure_cycle.create",
  "disclosure_cycle.update",
  "invitation.create",
  "invitation.revoke",
  "invitation.accept",
  "membership.update",
  "membership.remove",
  "token.create",
  "token.revoke",
  "session.create",
  "session.failed",
  "session.revoke_all",
  "tenant.create",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITIES = [
  "import",
  "result",
  "agency",
  "disclosure",
  "disclosure_cycle",
  "invitation",
  "membership",
  "api_token",
  "session",
  "tenant",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
