// /service/settings: the business calendar (working hours per weekday in Asia/Dhaka, holidays) and the SLA targets
// per priority in working minutes, with what happens on a breach. Read by service staff, changed by the admin.
import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { WEEKDAYS } from "../../../shared/contracts/service.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { parseHolidays } from "./service-display.ts";
import { type Settings, useAgents, useSaveSettings, useServiceSettings } from "./use-service.ts";

export function ServiceSettingsRoute() {
  return (
    <RequirePermission permission="service.read">
      <ServiceSettingsPage />
    </RequirePermission>
  );
}

function ServiceSettingsPage() {
  const settings = useServiceSettings();
  if (settings.error) return <ErrorAlert error={settings.error} />;
  if (!settings.data) return null;
  return <SettingsForm initial={settings.data} />;
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = hasPermission(me, "service.manage");
  const agents = useAgents();
  const [week, setWeek] = useState(initial.week);
  const [holidays, setHolidays] = useState(initial.holidays.join("\n"));
  const [policies, setPolicies] = useState(initial.policies);
  const save = useSaveSettings({
    onSuccess: () => notifications.show({ color: "teal", message: t("service.settings.saved") }),
  });
  const setDay = (i: number, day: Settings["week"][number]) => setWeek(week.map((d, j) => (j === i ? day : d)));
  const setPolicy = (i: number, patch: Partial<Settings["policies"][number]>) =>
    setPolicies(policies.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <Stack>
      <Title order={2}>{t("service.settings.title")}</Title>
      {save.error && <ErrorAlert error={save.error} />}
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          {t("service.settings.calendar")}
        </Text>
        <Table>
          <Table.Tbody>
            {WEEKDAYS.map((wd, i) => {
              const day = week[i] ?? null;
              return (
                <Table.Tr key={wd} data-testid={`weekday-${wd}`}>
                  <Table.Td w={140}>{t(`service.settings.weekdays.${wd}`)}</Table.Td>
                  <Table.Td w={120}>
                    <Checkbox
                      label={t("service.settings.closed")}
                      checked={day === null}
                      disabled={!canManage}
                      onChange={(e) => setDay(i, e.currentTarget.checked ? null : { open: "09:00", close: "18:00" })}
                    />
                  </Table.Td>
                  <Table.Td>
                    {day && (
                      <Group gap="xs">
                        <TextInput
                          aria-label={t("service.settings.open")}
                          type="time"
                          value={day.open}
                          disabled={!canManage}
                          onChange={(e) => setDay(i, { ...day, open: e.currentTarget.value })}
                          w={120}
                        />
                        <TextInput
                          aria-label={t("service.settings.close")}
                          type="time"
                          value={day.close}
                          disabled={!canManage}
                          onChange={(e) => setDay(i, { ...day, close: e.currentTarget.value })}
                          w={120}
                        />
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Textarea
          mt="sm"
          label={t("service.settings.holidays")}
          description={t("service.settings.holidaysHint")}
          autosize
          minRows={3}
          value={holidays}
          disabled={!canManage}
          onChange={(e) => setHolidays(e.currentTarget.value)}
          w={300}
        />
      </Paper>
      <Paper withBorder p="md">
        <Text fw={600} mb="xs">
          {t("service.settings.policies")}
        </Text>
        <Table.ScrollContainer minWidth={760}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                <Table.Th>{t("service.settings.firstResponse")}</Table.Th>
                <Table.Th>{t("service.settings.resolution")}</Table.Th>
                <Table.Th>{t("service.settings.escalatePriority")}</Table.Th>
                <Table.Th>{t("service.settings.escalateTo")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.map((p, i) => (
                <Table.Tr key={p.priority} data-testid={`policy-${p.priority}`}>
                  <Table.Td>{t(`service.priority.${p.priority}`)}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      min={1}
                      max={525600}
                      value={p.firstResponseMinutes}
                      disabled={!canManage}
                      onChange={(v) => typeof v === "number" && setPolicy(i, { firstResponseMinutes: v })}
                      w={110}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      min={1}
                      max={525600}
                      value={p.resolutionMinutes}
                      disabled={!canManage}
                      onChange={(v) => typeof v === "number" && setPolicy(i, { resolutionMinutes: v })}
                      w={110}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      checked={p.escalatePriority}
                      disabled={!canManage}
                      onChange={(e) => setPolicy(i, { escalatePriority: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      clearable
                      placeholder={t("service.settings.nobody")}
                      value={p.escalateToUserId}
                      disabled={!canManage}
                      onChange={(v) => setPolicy(i, { escalateToUserId: v })}
                      data={(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
                      w={220}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {canManage && (
        <Group justify="flex-end">
          <Button
            loading={save.isPending}
            onClick={() => save.mutate({ timeZone: "Asia/Dhaka", week, holidays: parseHolidays(holidays), policies })}
            data-testid="service-settings-save"
          >
            {t("service.settings.save")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
