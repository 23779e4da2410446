import { useEffect, useRef, useState } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate, useParams } from "react-router";
import { useYears } from "../api/hooks";
import type { Membership } from "../api/types";
import { localName } from "../format";
import { useT } from "../i18n";
import { homeOf, PLATFORM, useSession } from "../session";
import { AccountTools } from "./AccountTools";
import { Brand } from "./Brand";
import { ChunkErrorBoundary } from "./ChunkErrorBoundary";
import { installChunkReload } from "./chunk-reload";
import { hintClass, useScrollEdges } from "./ScrollX";

// The app shell is loaded with the first page, so this is where a missing chunk after a deploy gets handled.
if (typeof window !== "undefined") installChunkReload(window);

type NavKey = "overview" | "rankings" | "weak" | "movement" | "disclosure" | "import" | "admin";

/** Which pages a role sees (the API refuses the rest too). An agency's /disclosure opens its own agency. */
const NAV: Record<Membership["role"], NavKey[]> = {
  admin: ["overview", "rankings", "weak", "movement", "disclosure", "import", "admin"],
  analyst: ["overview", "rankings", "weak", "movement", "disclosure", "import"],
  executive: ["overview", "rankings", "weak", "movement", "disclosure"],
  agency: ["overview", "rankings", "disclosure"],
};

export function Layout() {
  const { t, lang } = useT();
  const { tenant } = useParams();
  const { pathname } = useLocation();
  const { data: session } = useSession();
  const navigate = useNavigate();
  const member = session?.memberships.find((m) => m.tenant === tenant);
  const synthetic = useYears(tenant ?? "").data?.tenant.synthetic ?? false;
  // On a phone the tenant, language, theme and sign-out buttons fold away behind one button (CSS shows it there).
  const [toolsOpen, setToolsOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const navEdges = useScrollEdges(navRef, Boolean(member));
  // A new page: fold the tools away and bring the current link into the (sideways scrolling) nav row.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new page (pathname), by design
  useEffect(() => {
    setToolsOpen(false);
    const centre = () => {
      const nav = navRef.current;
      const current = nav?.querySelector<HTMLElement>('a[aria-current="page"]');
      if (nav && current && nav.scrollWidth > nav.clientWidth) {
        nav.scrollLeft = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
      }
    };
    centre();
    // On a first load the links widen once Sarabun arrives: centre again then.
    void document.fonts?.ready.then(centre);
  }, [pathname]);
  const page = (
    <ChunkErrorBoundary resetKey={pathname}>
      <Outlet />
    </ChunkErrorBoundary>
  );
  if (!session || !member) return page;
  return (
    <div className="app">
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="topbar">
        <Brand />
        <button
          ref={toggle}
          type="button"
          className="tools-toggle"
          aria-expanded={toolsOpen}
          aria-controls="topbar-tools"
          onClick={() => setToolsOpen((open) => !open)}
        >
          <span className="tools-toggle-tenant">{tenantLabel(member, lang)}</span>
          <span className="sr-only"> · {t("nav.tools")}</span>
          <span aria-hidden="true"> {toolsOpen ? "▴" : "▾"}</span>
        </button>
        <div className={`nav-row ${hintClass(navEdges)}`}>
          <nav aria-label="main" ref={navRef}>
            {NAV[member.role].map((key) => (
              <NavLink key={key} to={`/t/${member.tenant}/${key}`}>
                {t(`nav.${key}`)}
              </NavLink>
            ))}
            {member.role === "agency" && member.agencyCode && (
              <NavLink to={`/t/${member.tenant}/agencies/${member.agencyCode}`}>{t("nav.agency")}</NavLink>
            )}
          </nav>
        </div>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the folded tools; the buttons inside are the controls */}
        <div
          className={`tools${toolsOpen ? " open" : ""}`}
          id="topbar-tools"
          onKeyDown={(e) => {
            if (e.key === "Escape" && toolsOpen) {
              setToolsOpen(false);
              toggle.current?.focus();
            }
          }}
        >
          <label>
            <span className="sr-only">{t("nav.tenant")}</span>
            <select
              value={member.tenant}
              onChange={(e) => {
                const next = session.memberships.find((m) => m.tenant === e.target.value);
                if (next) navigate(homeOf(next));
              }}
            >
              {session.memberships.map((m) => (
                <option key={m.tenant} value={m.tenant}>
                  {tenantLabel(m, lang)} · {t(`roles.${m.role}`)}
                </option>
              ))}
            </select>
          </label>
          {session.user.isOperator && (
            <Link className="button" to={PLATFORM}>
              {t("nav.platform")}
            </Link>
          )}
          <AccountTools />
        </div>
      </header>
      {synthetic && (
        <p className="synthetic" role="note">
          {t("app.synthetic")}
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </div>
  );
}

/** The tenant's name in the interface language: its English name in English when it has one. */
export function tenantLabel(m: { tenantName: string; tenantNameEn?: string | undefined }, lang: string): string {
  return localName(m.tenantName, m.tenantNameEn, lang === "en" ? "en" : "th");
}
