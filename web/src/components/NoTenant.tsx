import type { Session } from "../api/types";
import { useT } from "../i18n";
import { AccountTools } from "./AccountTools";
import { Brand } from "./Brand";

/**
 * The home page of a signed-in account that is neither a member of any tenant nor a platform operator (say, one
 * removed from its only province): what that means and how to go on, with sign-out — never a blank sign-in form.
 */
export function NoTenant({ session }: { session: Session }) {
  const { t } = useT();
  return (
    <main id="main" className="signin no-tenant">
      <Brand as="p" />
      <section className="no-tenant-card" aria-labelledby="no-tenant-h">
        <h1 id="no-tenant-h">{t("home.noTenantTitle")}</h1>
        <p>
          {t("home.signedInAs")} <strong className="email">{session.user.email}</strong>
        </p>
        <p>{t("home.noTenantText")}</p>
        <p>{t("home.noTenantHow")}</p>
        <div className="no-tenant-tools">
          <AccountTools />
        </div>
      </section>
    </main>
  );
}
