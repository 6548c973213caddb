// The CRM records screens under the signed-in layout: contacts, accounts (and one of each), and the custom fields.
import { createRoute } from "@tanstack/react-router";
import type { ReactElement } from "react";
import type { AppRoute } from "../../router.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { AccountDetailPage, AccountListPage } from "./account-pages.tsx";
import { ContactDetailPage, ContactListPage } from "./contact-pages.tsx";
import { CustomFieldsPage } from "./custom-fields-page.tsx";

const guarded = (permission: string, Page: () => ReactElement) => () => (
  <RequirePermission permission={permission}>
    <Page />
  </RequirePermission>
);

export function crmRecordRoutes(appRoute: AppRoute) {
  const route = (path: string, permission: string, Page: () => ReactElement) =>
    createRoute({ getParentRoute: () => appRoute, path, component: guarded(permission, Page) });
  return [
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/accounts",
      component: guarded("crm.read", AccountListPage),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/accounts/$accountId",
      component: guarded("crm.read", AccountDetailPage),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/contacts",
      component: guarded("crm.read", ContactListPage),
    }),
    createRoute({
      getParentRoute: () => appRoute,
      path: "/crm/contacts/$contactId",
      component: guarded("crm.read", ContactDetailPage),
    }),
    route("/crm/settings/fields", "crm.manage", CustomFieldsPage),
  ] as const;
}
