// The app's routes and the decisions on who sees what: main.tsx hands them to the browser router, the tests to
// a memory router (routes.test.tsx).
import { lazy, Suspense } from "react";
import { Navigate, type RouteObject, useLocation, useParams } from "react-router";
import { Layout } from "./components/Layout";
import { NoTenant } from "./components/NoTenant";
import { RouteError } from "./components/RouteError";
import { Loading } from "./components/States";
import { SignIn } from "./pages/SignIn";
import { landingOf, PLATFORM, useSession } from "./session";

// Pages (and the chart library with them) load on demand, keeping the first download small.
const Overview = lazy(() => import("./pages/Overview"));
const Rankings = lazy(() => import("./pages/Rankings"));
const Weak = lazy(() => import("./pages/Weak"));
const Movement = lazy(() => import("./pages/Movement"));
const AgencyProfile = lazy(() => import("./pages/AgencyProfile"));
const ImportPage = lazy(() => import("./pages/Import"));
const Admin = lazy(() => import("./pages/Admin"));
const Disclosure = lazy(() => import("./pages/Disclosure"));
const DisclosureAgency = lazy(() => import("./pages/DisclosureAgency"));
const AcceptInvite = lazy(() => import("./pages/AcceptInvite"));
const Platform = lazy(() => import("./pages/Platform"));

/** Keep where the visitor was going, so a shared link still opens after signing in. */
function ToSignIn() {
  const location = useLocation();
  return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
}

/** Signed-out visitors go to sign-in; members of the tenant in the URL see the page; others go home. */
function Guard({ children }: { children: React.ReactNode }) {
  const { tenant } = useParams();
  const { data: session, isPending } = useSession();
  if (isPending) return <Loading />;
  if (!session) return <ToSignIn />;
  if (tenant && !session.memberships.some((m) => m.tenant === tenant)) return <Navigate to="/" replace />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** The platform page: platform operators only; anyone else signed in goes home. */
function OperatorGuard({ children }: { children: React.ReactNode }) {
  const { data: session, isPending } = useSession();
  if (isPending) return <Loading />;
  if (!session) return <ToSignIn />;
  if (!session.user.isOperator) return <Navigate to="/" replace />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/**
 * `/`: a member goes to their tenant (an operator who is also a member too: the platform is one link away), an
 * operator without memberships to the platform page; an account with neither is told so here.
 */
function Home() {
  const { data: session, isPending } = useSession();
  if (isPending) return <Loading />;
  if (!session) return <Navigate to="/signin" replace />;
  const landing = landingOf(session);
  return landing ? <Navigate to={landing} replace /> : <NoTenant session={session} />;
}

// One pathless route above every page: whatever a page throws ends on RouteError, never the router's screen.
export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      { path: "/", element: <Home /> },
      { path: "/signin", element: <SignIn /> },
      {
        path: "/invite/:token",
        element: (
          <Suspense fallback={<Loading />}>
            <AcceptInvite />
          </Suspense>
        ),
      },
      {
        path: PLATFORM,
        element: (
          <OperatorGuard>
            <Platform />
          </OperatorGuard>
        ),
      },
      {
        path: "/t/:tenant",
        element: (
          <Guard>
            <Layout />
          </Guard>
        ),
        children: [
          { index: true, element: <Navigate to="overview" replace /> },
          { path: "overview", element: <Overview /> },
          { path: "rankings", element: <Rankings /> },
          { path: "weak", element: <Weak /> },
          { path: "movement", element: <Movement /> },
          { path: "agencies/:code", element: <AgencyProfile /> },
          { path: "disclosure", element: <Disclosure /> },
          { path: "disclosure/:code", element: <DisclosureAgency /> },
          { path: "import", element: <ImportPage /> },
          { path: "admin", element: <Admin /> },
        ],
      },
      { path: "*", element: <Navigate to="/" replace /> },
    ],
  },
];
