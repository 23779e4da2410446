import { AUDIT_ACTIONS, AUDIT_ENTITIES } from "@prongsai/contracts";
import { describe, expect, it } from "vitest";
import { en, th } from "../i18n/pages/admin";

// The audit log shows `admin.audit.actions.<action with its first "." as "_">` and `…entities.<entity>`.
describe("audit log labels", () => {
  it.each(AUDIT_ACTIONS)("has Thai and English words for the action %s", (action) => {
    const key = action.replace(".", "_") as keyof typeof th.audit.actions;
    expect(th.audit.actions[key]).toMatch(/[ก-๙]/);
    expect(en.audit.actions[key]).toMatch(/^[A-Z][ -~]+$/);
  });

  it.each(AUDIT_ENTITIES)("has Thai and English words for the entity %s", (entity) => {
    const key = entity as keyof typeof th.audit.entities;
    expect(th.audit.entities[key]).toMatch(/[ก-๙]/);
    expect(en.audit.entities[key]).toMatch(/^[A-Z][ -~]+$/);
  });
});
