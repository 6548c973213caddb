import { AppShell, Avatar, Box, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Link, Navigate, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import type { ParseKeys } from "i18next";
import { Fragment, type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { MeResponse } from "../../shared/contracts/auth.ts";
import { AnalyticsIcon } from "../features/analytics/analytics-icons.tsx";
import { orgName, scopeLabel } from "../features/auth/scope-label.ts";
import { hasPermission, MeContext, useMe, useSession, useSignOut } from "../features/auth/use-session.ts";
import { CatalogIcon, PriceTagIcon } from "../features/catalog/catalog-icons.tsx";
import { AccountIcon, ContactIcon, FieldsIcon } from "../features/crm/crm-icons.tsx";
import { DealsIcon, ForecastIcon, MyDayIcon, PipelineIcon } from "../features/deals/deals-icons.tsx";
import { DeliveryMetricsIcon, TripIcon, VehicleIcon } from "../features/delivery/delivery-icons.tsx";
import { FieldLiveIcon, FieldSettingsIcon, OnboardingIcon } from "../features/field/field-icons.tsx";
import { INCENTIVES_ACCESS } from "../features/incentives/incentives-access.ts";
import { IncentiveIcon } from "../features/incentives/incentives-header.tsx";
import { AssignmentIcon, LeadFormIcon, LeadIcon } from "../features/leads/leads-icons.tsx";
import { LoyaltyIcon, SurveyIcon } from "../features/loyalty/loyalty-icons.tsx";
import { DistributorIcon, OutletIcon, TerritoryIcon } from "../features/network/network-icons.tsx";
import { CashIcon, NewOrderIcon, OrdersIcon, StockIcon, TruckIcon } from "../features/orders/orders-icons.tsx";
import { CLAIMS_ACCESS, ClaimIcon } from "../features/promotions/claims-parts.tsx";
import { PROMOTIONS_ACCESS } from "../features/promotions/promotions-access.ts";
import { CampaignIcon, SchemeIcon } from "../features/promotions/promotions-icons.tsx";
import { REPLENISHMENT_ACCESS } from "../features/replenishment/replenishment-access.ts";
import { ReplenishIcon, StockAlertIcon } from "../features/replenishment/replenishment-icons.tsx";
import { KnowledgeIcon, ServiceIcon, SlaIcon } from "../features/service/service-icons.tsx";
import { TargetIcon } from "../features/targets/targets-icons.tsx";
import { WebhookIcon } from "../features/webhooks/webhook-icons.tsx";
import { useLocale } from "../i18n/i18n.ts";
import { DigitsSwitch } from "./digits-switch.tsx";
import { AuditIcon, HomeIcon, KeyIcon, LogoutIcon, UserIcon, UsersIcon } from "./icons.tsx";
import { LanguageSwitch } from "./language-switch.tsx";
import { NotificationBell } from "./notification-bell.tsx";

/** The menu's groups, in the order they are shown; "overview" has no heading. */
const NAV_SECTIONS = ["overview", "sales", "trade", "crm", "service", "network", "settings"] as const;
type NavSection = (typeof NAV_SECTIONS)[number];

interface NavItem {
  to: string;
  section: NavSection;
  labelKey: ParseKeys;
  /** A sentence for the home page's shortcut card. */
  descriptionKey?: ParseKeys;
  testId: string;
  icon: ReactNode;
  permission?: string;
}

// Later modules add their entries here; each is shown only to roles whose permissions include it.
const NAV_ITEMS: NavItem[] = [
  { to: "/", section: "overview", labelKey: "nav.home", testId: "nav-home", icon: <HomeIcon /> },
  {
    to: "/analytics",
    section: "overview",
    labelKey: "analytics.nav.analytics",
    descriptionKey: "analytics.nav.analyticsDesc",
    testId: "nav-analytics",
    icon: <AnalyticsIcon />,
    permission: "analytics.read",
  },
  {
    to: "/outlets",
    section: "network",
    labelKey: "network.nav.outlets",
    descriptionKey: "network.home.outlets",
    testId: "nav-outlets",
    icon: <OutletIcon />,
    permission: "network.read",
  },
  {
    to: "/distributors",
    section: "network",
    labelKey: "network.nav.distributors",
    descriptionKey: "network.home.distributors",
    testId: "nav-distributors",
    icon: <DistributorIcon />,
    permission: "network.read",
  },
  {
    to: "/territories",
    section: "network",
    labelKey: "network.nav.territories",
    descriptionKey: "network.home.territories",
    testId: "nav-territories",
    icon: <TerritoryIcon />,
    permission: "network.read",
  },
  {
    to: "/users",
    section: "settings",
    labelKey: "nav.users",
    descriptionKey: "home.shortcut.users",
    testId: "nav-users",
    icon: <UsersIcon />,
    permission: "users.read",
  },
  {
    to: "/audit",
    section: "settings",
    labelKey: "nav.audit",
    descriptionKey: "home.shortcut.audit",
    testId: "nav-audit",
    icon: <AuditIcon />,
    permission: "audit.read",
  },
  {
    to: "/tokens",
    section: "settings",
    labelKey: "nav.tokens",
    descriptionKey: "home.shortcut.tokens",
    testId: "nav-tokens",
    icon: <KeyIcon />,
    permission: "tokens.manage",
  },
  {
    to: "/settings/webhooks",
    section: "settings",
    labelKey: "webhooks.nav",
    descriptionKey: "webhooks.navDesc",
    testId: "nav-webhooks",
    icon: <WebhookIcon />,
    permission: "webhooks.manage",
  },
  {
    to: "/orders",
    section: "sales",
    labelKey: "orders.nav.orders",
    descriptionKey: "orders.nav.ordersDesc",
    testId: "nav-orders",
    icon: <OrdersIcon />,
    permission: "orders.read",
  },
  {
    to: "/orders/new",
    section: "sales",
    labelKey: "orders.nav.newOrder",
    descriptionKey: "orders.nav.newOrderDesc",
    testId: "nav-order-new",
    icon: <NewOrderIcon />,
    permission: "orders.write",
  },
  {
    to: "/stock",
    section: "sales",
    labelKey: "orders.nav.stock",
    descriptionKey: "orders.nav.stockDesc",
    testId: "nav-stock",
    icon: <StockIcon />,
    permission: "stock.read",
  },
  {
    to: "/primary-orders",
    section: "sales",
    labelKey: "orders.nav.primary",
    descriptionKey: "orders.nav.primaryDesc",
    testId: "nav-primary-orders",
    icon: <TruckIcon />,
    permission: "primary.read",
  },
  {
    to: "/replenishment",
    section: "sales",
    labelKey: "replenishment.nav.replenishment",
    descriptionKey: "replenishment.nav.replenishmentDesc",
    testId: "nav-replenishment",
    icon: <ReplenishIcon />,
    permission: REPLENISHMENT_ACCESS.read,
  },
  {
    to: "/replenishment/alerts",
    section: "sales",
    labelKey: "replenishment.nav.alerts",
    descriptionKey: "replenishment.nav.alertsDesc",
    testId: "nav-stock-alerts",
    icon: <StockAlertIcon />,
    permission: REPLENISHMENT_ACCESS.read,
  },
  {
    to: "/crm/leads",
    section: "crm",
    labelKey: "leads.nav.leads",
    descriptionKey: "leads.nav.leadsDesc",
    testId: "nav-crm-leads",
    icon: <LeadIcon />,
    permission: "crm.read",
  },
  {
    to: "/crm/forms",
    section: "crm",
    labelKey: "leads.nav.forms",
    descriptionKey: "leads.nav.formsDesc",
    testId: "nav-crm-forms",
    icon: <LeadFormIcon />,
    permission: "crm.forms",
  },
  {
    to: "/crm/assignment",
    section: "settings",
    labelKey: "leads.nav.assignment",
    descriptionKey: "leads.nav.assignmentDesc",
    testId: "nav-crm-assignment",
    icon: <AssignmentIcon />,
    permission: "crm.manage",
  },
  {
    to: "/crm/contacts",
    section: "crm",
    labelKey: "crm.nav.contacts",
    descriptionKey: "crm.nav.contactsDesc",
    testId: "nav-crm-contacts",
    icon: <ContactIcon />,
    permission: "crm.read",
  },
  {
    to: "/crm/accounts",
    section: "crm",
    labelKey: "crm.nav.accounts",
    descriptionKey: "crm.nav.accountsDesc",
    testId: "nav-crm-accounts",
    icon: <AccountIcon />,
    permission: "crm.read",
  },
  {
    to: "/crm/deals",
    section: "crm",
    labelKey: "deals.nav.deals",
    descriptionKey: "deals.nav.dealsDesc",
    testId: "nav-crm-deals",
    icon: <DealsIcon />,
    permission: "crm.read",
  },
  {
    to: "/crm/my-day",
    section: "crm",
    labelKey: "activities.nav.myDay",
    descriptionKey: "activities.nav.myDayDesc",
    testId: "nav-crm-my-day",
    icon: <MyDayIcon />,
    permission: "crm.read",
  },
  {
    to: "/crm/forecast",
    section: "crm",
    labelKey: "deals.nav.forecast",
    descriptionKey: "deals.nav.forecastDesc",
    testId: "nav-crm-forecast",
    icon: <ForecastIcon />,
    permission: "crm.read",
  },
  {
    to: "/crm/pipelines",
    section: "settings",
    labelKey: "deals.nav.pipelines",
    testId: "nav-crm-pipelines",
    icon: <PipelineIcon />,
    permission: "crm.manage",
  },
  {
    to: "/crm/settings/fields",
    section: "settings",
    labelKey: "crm.nav.fields",
    testId: "nav-crm-fields",
    icon: <FieldsIcon />,
    permission: "crm.manage",
  },
  {
    to: "/targets",
    section: "trade",
    labelKey: "targets.nav.targets",
    descriptionKey: "targets.nav.targetsDesc",
    testId: "nav-targets",
    icon: <TargetIcon />,
    permission: "targets.read",
  },
  {
    to: "/promotions",
    section: "trade",
    labelKey: "promotions.nav.schemes",
    descriptionKey: "promotions.nav.schemesDesc",
    testId: "nav-schemes",
    icon: <SchemeIcon />,
    permission: PROMOTIONS_ACCESS.read,
  },
  {
    to: "/promotions/campaigns",
    section: "trade",
    labelKey: "promotions.nav.campaigns",
    descriptionKey: "promotions.nav.campaignsDesc",
    testId: "nav-campaigns",
    icon: <CampaignIcon />,
    permission: PROMOTIONS_ACCESS.read,
  },
  {
    to: "/promotions/claims",
    section: "trade",
    labelKey: "claims.nav.claims",
    descriptionKey: "claims.nav.claimsDesc",
    testId: "nav-claims",
    icon: <ClaimIcon />,
    permission: CLAIMS_ACCESS.read,
  },
  {
    to: "/incentives",
    section: "trade",
    labelKey: "incentives.nav.incentives",
    descriptionKey: "incentives.nav.incentivesDesc",
    testId: "nav-incentives",
    icon: <IncentiveIcon />,
    permission: INCENTIVES_ACCESS.read,
  },
  {
    to: "/loyalty",
    section: "crm",
    labelKey: "loyalty.nav.loyalty",
    descriptionKey: "loyalty.nav.loyaltyDesc",
    testId: "nav-loyalty",
    icon: <LoyaltyIcon />,
    permission: "loyalty.read",
  },
  {
    to: "/surveys",
    section: "crm",
    labelKey: "loyalty.nav.surveys",
    descriptionKey: "loyalty.nav.surveysDesc",
    testId: "nav-surveys",
    icon: <SurveyIcon />,
    permission: "surveys.read",
  },
  {
    to: "/service",
    section: "service",
    labelKey: "service.nav.service",
    descriptionKey: "service.nav.serviceDesc",
    testId: "nav-service",
    icon: <ServiceIcon />,
    permission: "service.read",
  },
  {
    to: "/service/kb",
    section: "service",
    labelKey: "service.nav.kb",
    descriptionKey: "service.nav.kbDesc",
    testId: "nav-kb",
    icon: <KnowledgeIcon />,
    permission: "kb.write",
  },
  {
    to: "/service/settings",
    section: "settings",
    labelKey: "service.nav.settings",
    descriptionKey: "service.nav.settingsDesc",
    testId: "nav-service-settings",
    icon: <SlaIcon />,
    permission: "service.manage",
  },
  {
    to: "/collections",
    section: "sales",
    labelKey: "orders.nav.collections",
    descriptionKey: "orders.nav.collectionsDesc",
    testId: "nav-collections",
    icon: <CashIcon />,
    permission: "payments.read",
  },
  {
    to: "/trips",
    section: "sales",
    labelKey: "delivery.nav.trips",
    descriptionKey: "delivery.nav.tripsDesc",
    testId: "nav-trips",
    icon: <TripIcon />,
    permission: "delivery.read",
  },
  {
    to: "/vehicles",
    section: "sales",
    labelKey: "delivery.nav.vehicles",
    descriptionKey: "delivery.nav.vehiclesDesc",
    testId: "nav-vehicles",
    icon: <VehicleIcon />,
    permission: "delivery.read",
  },
  {
    to: "/delivery-metrics",
    section: "sales",
    labelKey: "delivery.nav.metrics",
    descriptionKey: "delivery.nav.metricsDesc",
    testId: "nav-delivery-metrics",
    icon: <DeliveryMetricsIcon />,
    permission: "delivery.read",
  },
  {
    to: "/field-live",
    section: "sales",
    labelKey: "field.nav.live",
    descriptionKey: "field.nav.liveDesc",
    testId: "nav-field-live",
    icon: <FieldLiveIcon />,
    permission: "field.monitor",
  },
  {
    to: "/field-onboarding",
    section: "sales",
    labelKey: "field.nav.onboarding",
    descriptionKey: "field.nav.onboardingDesc",
    testId: "nav-field-onboarding",
    icon: <OnboardingIcon />,
    permission: "field.approve",
  },
  {
    to: "/catalog",
    section: "network",
    labelKey: "catalog.nav.catalog",
    descriptionKey: "catalog.home.catalog",
    testId: "nav-catalog",
    icon: <CatalogIcon />,
    permission: "catalog.read",
  },
  {
    to: "/price-lists",
    section: "network",
    labelKey: "catalog.nav.priceLists",
    descriptionKey: "catalog.home.priceLists",
    testId: "nav-price-lists",
    icon: <PriceTagIcon />,
    permission: "catalog.write",
  },
  {
    to: "/field-settings",
    section: "settings",
    labelKey: "field.nav.settings",
    descriptionKey: "field.nav.settingsDesc",
    testId: "nav-field-settings",
    icon: <FieldSettingsIcon />,
    permission: "field.settings",
  },
];

/** The reps' phone app (src/web/field), served as its own page. */
export const FIELD_APP_URL = "/field/";

/** The entries a user may open, grouped by section in the menu's order (within a section, as listed above). */
export const navItemsFor = (me: Pick<MeResponse, "permissions">) =>
  NAV_ITEMS.filter((i) => !i.permission || hasPermission(me, i.permission)).sort(
    (a, b) => NAV_SECTIONS.indexOf(a.section) - NAV_SECTIONS.indexOf(b.section),
  );

/** The entry a page belongs to: the longest path it starts with (/replenishment/alerts, not also /replenishment). */
export const activeNavTo = (items: readonly Pick<NavItem, "to">[], pathname: string): string | undefined =>
  items
    .filter((i) => (i.to === "/" ? pathname === "/" : pathname === i.to || pathname.startsWith(`${i.to}/`)))
    .reduce<string | undefined>(
      (best, i) => (best === undefined || i.to.length > best.length ? i.to : best),
      undefined,
    );

export function AppLayout() {
  // Right after sign-out (or a lost session) the cache has no session for one render before the
  // router moves to /sign-in; render nothing then instead of a shell without a user.
  const { data: session } = useSession();
  // Retailers have their own phone-first app at /shop, not the office screens.
  if (session?.user.role === "retailer") return <Navigate to="/shop" replace />;
  // Drivers work from the field app's "My trips" on their phone, not the office screens.
  if (session && hasPermission(session.user, "delivery.drive")) return <OpenFieldApp />;
  return session ? (
    <MeContext value={session.user}>
      <SignedInShell />
    </MeContext>
  ) : null;
}

/** The field app is a page of its own (not a route of this app): leave for it. */
function OpenFieldApp() {
  useEffect(() => window.location.replace(FIELD_APP_URL), []);
  return null;
}

function SignedInShell() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navItems = navItemsFor(me);
  const activeTo = activeNavTo(navItems, pathname);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
      padding={{ base: "sm", sm: "md" }}
    >
      <AppShell.Header>
        <Group h="100%" px={{ base: "xs", sm: "md" }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={navOpened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("nav.toggle")}
              data-testid="nav-burger"
            />
            <Link to="/" style={{ textDecoration: "none", color: "inherit", minWidth: 0 }}>
              <Text fw={700} size="lg" c="cyan.8" truncate>
                <Text span inherit visibleFrom="xs">
                  Bikri /{" "}
                </Text>
                বিক্রি
              </Text>
            </Link>
            <Text size="sm" c="dimmed" truncate visibleFrom="md" data-testid="org-name">
              {orgName(me, locale)}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <LanguageSwitch />
            <NotificationBell />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" data-testid="nav" aria-label={t("nav.label")}>
        <Text size="xs" c="dimmed" px="sm" pb="xs" hiddenFrom="md" truncate>
          {orgName(me, locale)}
        </Text>
        {/* An admin's list is longer than a laptop screen is tall: the list scrolls, the header stays. */}
        <AppShell.Section grow component={ScrollArea} data-testid="nav-scroll">
          {navItems.map((item, i) => (
            <Fragment key={item.to}>
              {item.section !== "overview" && navItems[i - 1]?.section !== item.section ? (
                <Text size="xs" fw={700} c="dimmed" px="sm" pt="sm" pb={4} data-testid={`nav-section-${item.section}`}>
                  {t(`nav.sections.${item.section}`)}
                </Text>
              ) : null}
              <NavLink
                component={Link}
                to={item.to}
                label={t(item.labelKey)}
                leftSection={item.icon}
                active={item.to === activeTo}
                // The router would also mark /replenishment current on /replenishment/alerts; `active` decides alone.
                activeOptions={{ exact: true, includeSearch: false }}
                onClick={close}
                data-testid={item.testId}
              />
            </Fragment>
          ))}
          {hasPermission(me, "field.use") ? (
            // The field app is a page of its own (its own bundle and service worker), not a route of this one.
            <NavLink
              component="a"
              href={FIELD_APP_URL}
              label={t("field.nav.fieldApp")}
              leftSection={<FieldLiveIcon />}
              data-testid="nav-field-app"
            />
          ) : null}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

function UserMenu({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const signOut = useSignOut({ onSettled: () => navigate({ to: "/sign-in", search: {} }) });
  const initials = me.name
    .split(/\s+/)
    .map((w) => w[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t("userMenu.open")} data-testid="user-menu">
          <Group gap={6} wrap="nowrap">
            <Avatar size={32} radius="xl" color="cyan">
              {initials}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="lg" maw={140} truncate>
              {me.name}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
            {me.name}
          </Text>
          <Text size="xs" truncate>
            {me.email}
          </Text>
          <Text size="xs">{t(`roles.${me.role}`)}</Text>
          <Text size="xs" data-testid="menu-scope">
            {scopeLabel(me.scope, t, locale)}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        {/* Digits matter only in Bengali; in English the choice stays on the profile page. */}
        {locale === "bn" ? (
          <>
            <Menu.Label>{t("digits.label")}</Menu.Label>
            <Box px="sm" pb="xs">
              <DigitsSwitch compact />
            </Box>
            <Menu.Divider />
          </>
        ) : null}
        <Menu.Item
          leftSection={<UserIcon size={16} />}
          onClick={() => navigate({ to: "/profile" })}
          data-testid="menu-profile"
        >
          {t("userMenu.profile")}
        </Menu.Item>
        <Menu.Item
          leftSection={<LogoutIcon size={16} />}
          color="red"
          onClick={() => signOut.mutate()}
          data-testid="signout"
        >
          {t("userMenu.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
