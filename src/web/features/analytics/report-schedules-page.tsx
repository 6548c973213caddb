// /analytics/schedules: the reports the person has scheduled by email: which view, when it goes out next, to whom,
// and how the last one went; each can be sent now or archived (stopped, kept for the record).
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ReportScheduleResponse } from "../../../shared/contracts/report-schedules.ts";
import { ConfirmButton } from "../../ui/confirm-button.tsx";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { AnalyticsPageHeader } from "./analytics-page-header.tsx";
import { useArchiveReportSchedule, useReportSchedules, useSendReportNow } from "./use-report-schedules.ts";

export function ReportSchedulesRoute() {
  return (
    <RequirePermission permission="analytics.read">
      <ReportSchedulesPage />
    </RequirePermission>
  );
}

const STATUS_COLORS = { sent: "teal", failed: "red", skipped: "gray" } as const;
/** The screen each report's schedule came from, to open the same view again. */
const REPORT_PATHS: Record<
  string,
  "/analytics" | "/analytics/field" | "/analytics/availability" | "/analytics/distributors" | "/analytics/warnings"
> = {
  sales: "/analytics",
  field: "/analytics/field",
  availability: "/analytics/availability",
  distributors: "/analytics/distributors",
  warnings: "/analytics/warnings",
};

function ReportSchedulesPage() {
  const { t } = useTranslation();
  const schedules = useReportSchedules();
  const active = (schedules.data ?? []).filter((s) => s.archivedAt === null);
  return (
    <Stack gap="md" data-testid="analytics-schedules">
      <AnalyticsPageHeader title={t("analytics.schedules.title")} />
      <Text size="sm" c="dimmed">
        {t("analytics.schedules.intro")}
      </Text>
      <ErrorAlert error={schedules.error} />
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={1000}>
          <Table striped verticalSpacing="xs" data-testid="schedules-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("analytics.schedules.report")}</Table.Th>
                <Table.Th>{t("analytics.schedules.when")}</Table.Th>
                <Table.Th>{t("analytics.schedules.recipients")}</Table.Th>
                <Table.Th>{t("analytics.schedules.next")}</Table.Th>
                <Table.Th>{t("analytics.schedules.last")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {active.map((s) => (
                <ScheduleRow key={s.id} schedule={s} />
              ))}
              {schedules.isSuccess && active.length === 0 ? (
                <EmptyTableRow colSpan={6}>{t("analytics.schedules.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

function ScheduleRow({ schedule: s }: { schedule: ReportScheduleResponse }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const send = useSendReportNow({
    onSuccess: () => notifications.show({ color: "teal", message: t("analytics.schedules.sent") }),
  });
  const archive = useArchiveReportSchedule();
  const path = REPORT_PATHS[s.report];
  const time = s.sendAt.slice(0, 5);
  const when =
    s.frequency === "weekly" && s.weekday !== null
      ? t("analytics.schedules.weeklyAt", {
          day: t(`analytics.weekdays.${s.weekday}` as "analytics.weekdays.0"),
          time,
        })
      : t("analytics.schedules.dailyAt", { time });
  return (
    <Table.Tr data-testid="schedule-row" data-id={s.id}>
      <Table.Td>
        {path ? (
          <Anchor size="sm" fw={500} renderRoot={(p) => <Link {...p} to={path} search={s.filters as never} />}>
            {t(`analytics.screens.${s.report}` as "analytics.screens.sales", { defaultValue: s.report })}
          </Anchor>
        ) : (
          <Text size="sm">{s.report}</Text>
        )}
        <Text size="xs" c="dimmed">
          {s.locale === "bn" ? "বাংলা" : "English"}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{when}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{s.recipients.join(", ")}</Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Text size="sm">
          <DateTimeText value={s.nextRunAt} />
        </Text>
      </Table.Td>
      <Table.Td>
        {s.lastStatus ? (
          <Group gap={6} wrap="nowrap">
            <Badge color={STATUS_COLORS[s.lastStatus]} variant="light" tt="none">
              {t(`analytics.schedules.status.${s.lastStatus}`)}
            </Badge>
            {s.lastSentAt ? (
              <Text size="xs" c="dimmed">
                {fmt.dateTime(s.lastSentAt)}
              </Text>
            ) : null}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t("analytics.schedules.never")}
          </Text>
        )}
        {s.lastError ? (
          <Text size="xs" c="red.8">
            {s.lastError}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" justify="flex-end">
          <Button
            size="xs"
            variant="light"
            loading={send.isPending}
            onClick={() => send.mutate({ id: s.id })}
            data-testid="schedule-send-now"
          >
            {t("analytics.schedules.sendNow")}
          </Button>
          <ConfirmButton
            size="xs"
            variant="subtle"
            color="red"
            loading={archive.isPending}
            title={t("analytics.schedules.archive")}
            message={t("analytics.schedules.archiveConfirm")}
            confirmLabel={t("analytics.schedules.archive")}
            onConfirm={() => archive.mutate({ id: s.id })}
            data-testid="schedule-archive"
          >
            {t("analytics.schedules.archive")}
          </ConfirmButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
