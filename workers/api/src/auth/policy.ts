/**
 * Who may do what inside a tenant. One table, read by the access middleware and by the isolation tests,
 * so a route's rule is stated once (in its declaration) and checked the same way everywhere.
 */
export type Role = "admin" | "analyst" | "executive" | "agency";
export const ROLES: readonly Role[] = ["admin", "analyst", "executive", "agency"];

export type Permission =
  | "results:read" // official results and summaries: public facts, every member
  | "agencies:read"
  | "agencies:write"
  | "members:read"
  | "members:write" // users, roles, invitations
  | "audit:read"
  | "imports:read"
  | "imports:write"
  | "disclosures:read" // an agency's drafts and reviewer notes (agency role: its own agency only)
  | "disclosures:write" // an agency's own records (agency role: its own agency only)
  | "disclosures:review"
  | "disclosures:board" // the province board: every agency's progress, no drafts or notes
  | "settings:write";

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    "results:read",
    "agencies:read",
    "agencies:write",
    "members:read",
    "members:write",
    "audit:read",
    "imports:read",
    "imports:write",
    "disclosures:read",
    "disclosures:write",
    "disclosures:review",
    "disclosures:board",
    "settings:write",
  ],
  analyst: [
    "results:read",
    "agencies:read",
    "members:read",
    "imports:read",
    "imports:write",
    "disclosures:read",
    "disclosures:write",
    "disclosures:review",
    "disclosures:board",
  ],
  executive: ["results:read", "agencies:read", "disclosures:board"],
  agency: ["results:read", "agencies:read", "disclosures:read", "disclosures:write"],
};

/** Permissions that an `agency` member holds only for its own agency (the `{code}` of the path). */
export const AGENCY_SCOPED: ReadonlySet<Permission> = new Set(["disclosures:read", "disclosures:write"]);

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** How a route is protected; declared with the route and published in OpenAPI as `x-access`. */
export type Access =
  | { kind: "public" }
  | { kind: "user" } // any signed-in user (own session, own tokens)
  | { kind: "operator" } // platform operator
  | { kind: "tenant"; permission: Permission };
