import "@fontsource/sarabun/400.css";
import "@fontsource/sarabun/600.css";
import "./styles.css";
import "./i18n";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, Navigate, RouterProvider, useLocation, useParams } from "react-router";
import { Layout } from "./components/Layout";
import { RouteError } from "./components/RouteError";
import { Loading } from "./components/States";
import { SignIn } from "./pages/SignIn";
import { homeOf, useSession } from "./session";

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

const theme = localStorage.getItem("prongsai.theme");
if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
document.documentElement.lang = localStorage.getItem("prongsai.lang") === "en" ? "en" : "th";

/** Signed-out visitors go to sign-in; members of the tenant in the URL see the page; others go home. */
function Guard({ children }: { children: React.ReactNode }) {
  const { tenant } = useParams();
  const location = useLocation();
  const { data: session, isPending } = useSession();
  if (isPending) return <Loading />;
  // Keep where the visitor was going, so a shared link still opens after signing in.
  if (!session)
    return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (tenant && !session.memberships.some((m) => m.tenant === tenant)) return <Navigate to="/" replace />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Home() {
  const { data: session, isPending } = useSession();
  if (isPending) return <Loading />;
  const first = session?.memberships[0];
  return <Navigate to={first ? homeOf(first) : "/signin"} replace />;
}

// One pathless route above every page: whatever a page throws ends on RouteError, never the router's screen.
const router = createBrowserRouter([
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
]);

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </StrictMode>,
  );
}
