// /crm/my-day: a rep's day in one screen. Overdue tasks first (red), today's tasks (tick them done here), today's
// meetings, calls to make again, deals closing in the next week and deals stuck in a stage too long.
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ActivityResponse, MyDayDeal } from "../../../shared/contracts/activities.ts";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import type { MyDaySearch } from "./activities-routes.tsx";
import { ActivityItem } from "./activity-panel.tsx";
import { useMyDay } from "./use-activities.ts";

const route = getRouteApi("/_app/crm/my-day");

export function MyDayRoute() {
  return (
    <RequirePermission permission="crm.read">
      <MyDayPage />
    </RequirePermission>
  );
}

function MyDayPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const date = search.date ?? businessDate();
  const day = useMyDay(search.date);
  const canWrite = hasPermission(me, "crm.write");
  const d = day.data;
  const activities = (title: string, items: ActivityResponse[], testId: string, hint?: string) => (
    <Paper withBorder p="md" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        <Badge variant="light">{fmt.number(items.length)}</Badge>
      </Group>
      {hint ? (
        <Text size="xs" c="dimmed" mb="xs">
          {hint}
        </Text>
      ) : null}
      <Stack gap="xs">
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("activities.myDay.none")}
          </Text>
        ) : null}
        {items.map((a) => (
          <ActivityItem key={a.id} activity={a} rootId="" canWrite={canWrite} />
        ))}
      </Stack>
    </Paper>
  );
  return (
    <Stack gap="md" data-testid="my-day-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t("activities.myDay.title")}</Title>
          <Text c="dimmed" size="sm">
            {t("activities.myDay.subtitle", { date: fmt.date(date) })}
          </Text>
        </div>
        <TextInput
          type="date"
          label={t("activities.myDay.date")}
          value={date}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (/^\d{4}-\d{2}-\d{2}$/.test(v))
              void navigate({ search: (s: MyDaySearch) => ({ ...s, date: v }), replace: true });
          }}
        />
      </Group>
      <ErrorAlert error={day.error} />
      {d ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {activities(t("activities.myDay.overdue"), d.overdueTasks, "my-day-overdue")}
          {activities(t("activities.myDay.today"), d.todayTasks, "my-day-today")}
          {activities(t("activities.myDay.meetings"), d.meetings, "my-day-meetings")}
          {activities(t("activities.myDay.calls"), d.callsToMake, "my-day-calls", t("activities.myDay.callsHint"))}
          <DealsBox title={t("activities.myDay.closing")} deals={d.closingThisWeek} testId="my-day-closing" />
          <DealsBox title={t("activities.myDay.stuck")} deals={d.stuckDeals} testId="my-day-stuck" />
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}

function DealsBox({ title, deals, testId }: { title: string; deals: MyDayDeal[]; testId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        <Badge variant="light">{fmt.number(deals.length)}</Badge>
      </Group>
      <Stack gap="xs">
        {deals.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("activities.myDay.none")}
          </Text>
        ) : null}
        {deals.map((d) => (
          <Paper key={d.id} withBorder p="xs" data-deal-id={d.id}>
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={0}>
                <Anchor component={Link} to={`/crm/deals/${d.id}`} fw={600} size="sm">
                  {d.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {d.accountName}
                </Text>
              </Stack>
              <Text size="sm" fw={500}>
                {fmt.money(d.amountPoisha)}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {[
                t("activities.myDay.daysInStage", {
                  days: fmt.number(d.daysInStage),
                  stage: locale === "bn" ? d.stageNameBn : d.stageName,
                }),
                d.expectedClose ? t("activities.myDay.closes", { date: fmt.date(d.expectedClose) }) : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </Text>
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}
