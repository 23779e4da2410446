import "@fontsource/sarabun/400.css";
import "@fontsource/sarabun/600.css";
import "./styles.css";
import "./i18n";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { routes } from "./routes";

const theme = localStorage.getItem("prongsai.theme");
if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
document.documentElement.lang = localStorage.getItem("prongsai.lang") === "en" ? "en" : "th";

const router = createBrowserRouter(routes);

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
