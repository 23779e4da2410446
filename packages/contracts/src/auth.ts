import { z } from "zod";
import { AgencySizeSchema, AgencyTypeSchema } from "./agency";
import { TenantSlugSchema } from "./common";

export const RoleSchema = z
  .enum(["admin", "analyst", "executive", "agency"])
  .meta({ id: "Role", description: "Role within one tenant; `agency` is bound to one agency" });

const Email = z
  .email()
  .max(254)
  .transform((e) => e.trim().toLowerCase());

export const SignInRequestSchema = z
  .object({ email: Email, password: z.string().min(1).max(256) })
  .meta({ id: "SignInRequest" });

export const MembershipSchema = z
  .object({
    tenant: z.string().describe("tenant slug"),
    tenantName: z.string(),
    tenantNameEn: z.string().optional().describe("the tenant's English name, when it has one"),
    role: RoleSchema,
    agencyCode: z.string().optional().describe("only for the agency role"),
  })
  .meta({ id: "Membership" });

export const SessionResponseSchema = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string(), isOperator: z.boolean() }),
    memberships: z.array(MembershipSchema),
  })
  .meta({ id: "Session" });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const CreateTokenRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    expiresInDays: z.number().int().min(1).max(365).default(90),
  })
  .meta({ id: "CreateTokenRequest" });

export const ApiTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });

export const CreatedTokenSchema = ApiTokenSchema.extend({
  token: z.string().describe("shown once; send as `Authorization: Bearer <token>`"),
}).meta({ id: "CreatedToken" });

export const InvitationLinkSchema = z
  .object({ url: z.string(), token: z.string(), expiresAt: z.string() })
  .meta({ id: "InvitationLink" });

export const CreateTenantRequestSchema = z
  .object({
    slug: TenantSlugSchema,
    name: z.string().trim().min(2).max(200),
    nameEn: z.string().trim().max(200).optional(),
    adminEmail: Email,
  })
  .meta({ id: "CreateTenantRequest" });

export const TenantSummarySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    synthetic: z.boolean().describe("demo data (made up), shown as such wherever the tenant appears"),
    createdAt: z.string(),
  })
  .meta({ id: "TenantSummary" });

export const CreateTenantResponseSchema = z
  .object({ tenant: TenantSummarySchema, invitation: InvitationLinkSchema })
  .meta({ id: "CreateTenantResponse" });

export const CreateInvitationRequestSchema = z
  .object({
    email: Email,
    role: RoleSchema,
    agencyCode: z.string().trim().min(1).max(40).optional(),
  })
  .refine((v) => (v.role === "agency") === (v.agencyCode !== undefined), {
    message: "agencyCode is required for the agency role and only for it",
    path: ["agencyCode"],
  })
  .meta({ id: "CreateInvitationRequest" });

export const InvitationSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    role: RoleSchema,
    agencyCode: z.string().nullable(),
    status: z.enum(["pending", "accepted", "expired", "revoked"]),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: "Invitation" });

export const CreatedInvitationSchema = z
  .object({ invitation: InvitationSchema, link: InvitationLinkSchema })
  .meta({ id: "CreatedInvitation" });

export const InvitationPreviewSchema = z
  .object({
    email: z.string(),
    tenant: z.string(),
    tenantName: z.string(),
    role: RoleSchema,
    agencyCode: z.string().nullable(),
    expiresAt: z.string(),
    accountExists: z.boolean().describe("true: sign in with your existing password to join"),
  })
  .meta({ id: "InvitationPreview" });

export const AcceptInvitationRequestSchema = z
  .object({ password: z.string().min(1).max(256), name: z.string().trim().min(1).max(120).optional() })
  .meta({ id: "AcceptInvitationRequest" });

export const MemberSchema = z
  .object({
    userId: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    agencyCode: z.string().nullable(),
    since: z.string(),
  })
  .meta({ id: "Member" });

export const UpdateMemberRequestSchema = z
  .object({ role: RoleSchema, agencyCode: z.string().trim().min(1).max(40).optional() })
  .refine((v) => (v.role === "agency") === (v.agencyCode !== undefined), {
    message: "agencyCode is required for the agency role and only for it",
    path: ["agencyCode"],
  })
  .meta({ id: "UpdateMemberRequest" });

export const AuditQuerySchema = z.object({
  action: z.string().max(80).optional(),
  entity: z.string().max(80).optional(),
  entityId: z.string().max(80).optional(),
  actor: z.string().max(254).optional().describe("email or user id"),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  before: z.coerce.number().int().positive().optional().describe("cursor: nextBefore of the previous page"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    actor: z.object({ userId: z.string().nullable(), email: z.string().nullable(), label: z.string().nullable() }),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .meta({ id: "AuditEntry" });

export const AuditPageSchema = z
  .object({ entries: z.array(AuditEntrySchema), nextBefore: z.number().int().nullable() })
  .meta({ id: "AuditPage" });

export const AgencySchema = z
  .object({
    code: z.string(),
    nameTh: z.string(),
    nameEn: z.string().nullable(),
    type: AgencyTypeSchema,
    size: AgencySizeSchema.nullable(),
    district: z.string().nullable(),
    website: z.string().nullable(),
  })
  .meta({ id: "Agency" });

export const AgencyWriteSchema = z
  .object({
    nameTh: z.string().trim().min(2).max(200),
    nameEn: z.string().trim().max(200).nullable().optional(),
    type: AgencyTypeSchema,
    size: AgencySizeSchema.nullable().optional(),
    district: z.string().trim().max(120).nullable().optional(),
    website: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .optional(),
  })
  .meta({ id: "AgencyWrite" });
