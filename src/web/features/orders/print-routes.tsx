// The printable documents, under the root route: no app chrome, only the sheet and a toolbar that
// print CSS hides. Signed-in users only; the server checks the order's scope as for any other read.
import { createRoute, Outlet, redirect } from "@tanstack/react-router";
import type { Locale } from "../../../shared/locale.ts";
import { currentLocale } from "../../i18n/i18n.ts";
import type { RootRoute } from "../../router.tsx";
import { MeContext, sessionQueryOptions, useSession } from "../auth/use-session.ts";
import { deliveryPrintRoutes } from "../delivery/delivery-routes.tsx";
import { OrderPrintPage, type PaperSize, type PrintDoc, type PrintSearch } from "./order-print-page.tsx";

function PrintLayout() {
  const { data: session } = useSession();
  return session ? (
    <MeContext value={session.user}>
      <Outlet />
    </MeContext>
  ) : null;
}

export function printRoutes(rootRoute: RootRoute) {
  const printRoot = createRoute({
    getParentRoute: () => rootRoute,
    path: "/print",
    beforeLoad: async ({ context, location }) => {
      const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
      if (!session) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
    },
    component: PrintLayout,
  });
  const orderPrint = createRoute({
    getParentRoute: () => printRoot,
    path: "/orders/$orderId",
    validateSearch: (s: Record<string, unknown>): PrintSearch => ({
      doc: (["memo", "challan", "invoice"] as const).includes(s.doc as PrintDoc) ? (s.doc as PrintDoc) : "memo",
      size: s.size === "A5" ? ("A5" as PaperSize) : "A4",
      lang: s.lang === "en" || s.lang === "bn" ? (s.lang as Locale) : currentLocale(),
    }),
    component: OrderPrintPage,
  });
  return [printRoot.addChildren([orderPrint, ...deliveryPrintRoutes(printRoot)])] as const;
}
