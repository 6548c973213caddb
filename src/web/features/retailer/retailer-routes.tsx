// The retailer's mobile re-order app, outside the office layout: signed-in retailers only (anyone else
// goes to the office home page; visitors to sign-in).
import { createRoute, Outlet, redirect } from "@tanstack/react-router";
import type { RootRoute } from "../../router.tsx";
import { MeContext, sessionQueryOptions, useSession } from "../auth/use-session.ts";
import { ShopPage } from "./shop-page.tsx";

function ShopLayout() {
  const { data: session } = useSession();
  return session ? (
    <MeContext value={session.user}>
      <Outlet />
    </MeContext>
  ) : null;
}

export function retailerRoutes(rootRoute: RootRoute) {
  const shop = createRoute({
    getParentRoute: () => rootRoute,
    path: "/shop",
    beforeLoad: async ({ context, location }) => {
      const session = await context.queryClient.ensureQueryData(sessionQueryOptions);
      if (!session) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
      if (session.user.role !== "retailer") throw redirect({ to: "/" });
    },
    component: ShopLayout,
  });
  const home = createRoute({ getParentRoute: () => shop, path: "/", component: ShopPage });
  return [shop.addChildren([home])] as const;
}
