// Lead assignment rules (/crm/assignment): an ordered list; the first active rule whose conditions all hold gives a
// new lead its owner, in turns (round robin over people, or over the reps of the lead's territory). A lead no rule
// matches waits unassigned in the inbox.
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ReactElement, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { LEAD_SOURCES } from "../../../shared/contracts/leads.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { PlusIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { useUsers } from "../users/use-users.ts";
import { useAssignmentRules, useLeadForms, usePutAssignmentRules } from "./use-leads.ts";

interface RuleDraft {
  key: string;
  id?: string;
  name: string;
  matchSource: string | null;
  matchFormId: string | null;
  matchUtmCampaign: string;
  matchTerritoryId: string | null;
  strategy: "round_robin" | "territory";
  userIds: string[];
  active: boolean;
  assignedCount: number;
}

let drafts = 0;

export function AssignmentRulesPage(): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rules = useAssignmentRules();
  const forms = useLeadForms();
  const users = useUsers({ status: "active" });
  const [list, setList] = useState<RuleDraft[] | null>(null);
  useEffect(() => {
    if (rules.data && list === null)
      setList(
        rules.data.items.map((r) => ({
          key: r.id,
          id: r.id,
          name: r.name,
          matchSource: r.matchSource,
          matchFormId: r.matchFormId,
          matchUtmCampaign: r.matchUtmCampaign ?? "",
          matchTerritoryId: r.matchTerritoryId,
          strategy: r.strategy,
          userIds: r.userIds,
          active: r.active,
          assignedCount: r.assignedCount,
        })),
      );
  }, [rules.data, list]);
  const save = usePutAssignmentRules({
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("leads.saved") });
      setList(null);
    },
  });
  const people = (users.data?.pages.flatMap((p) => p.items) ?? []).map((u) => ({ value: u.id, label: u.name }));
  const formOptions = (forms.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }));
  const rows = list ?? [];
  const change = (i: number, patch: Partial<RuleDraft>) =>
    setList(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...rows];
    const [r] = next.splice(i, 1);
    if (r) next.splice(i + by, 0, r);
    setList(next);
  };
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("leads.rules.title")}</Title>
        <Button
          leftSection={<PlusIcon size={16} />}
          variant="default"
          onClick={() =>
            setList([
              ...rows,
              {
                key: `new-${++drafts}`,
                name: t("leads.rules.newName"),
                matchSource: null,
                matchFormId: null,
                matchUtmCampaign: "",
                matchTerritoryId: null,
                strategy: "round_robin",
                userIds: [],
                active: true,
                assignedCount: 0,
              },
            ])
          }
          data-testid="rule-add"
        >
          {t("leads.rules.add")}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t("leads.rules.help")}
      </Text>
      <ErrorAlert error={rules.error} />
      {rows.map((r, i) => (
        <Card withBorder key={r.key} data-testid="rule-card">
          <Group justify="space-between" mb="xs">
            <Group gap="xs">
              <Badge variant="outline">{fmt.number(i + 1)}</Badge>
              <TextInput
                aria-label={t("leads.rules.name")}
                value={r.name}
                onChange={(e) => change(i, { name: e.currentTarget.value })}
              />
              <Text size="xs" c="dimmed">
                {t("leads.rules.given", { n: fmt.number(r.assignedCount) })}
              </Text>
            </Group>
            <Group gap={4}>
              <ActionIcon
                variant="default"
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={t("leads.rules.up")}
              >
                ↑
              </ActionIcon>
              <ActionIcon
                variant="default"
                disabled={i === rows.length - 1}
                onClick={() => move(i, 1)}
                aria-label={t("leads.rules.down")}
              >
                ↓
              </ActionIcon>
              <Button size="xs" color="red" variant="subtle" onClick={() => setList(rows.filter((_, j) => j !== i))}>
                {t("leads.rules.remove")}
              </Button>
            </Group>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t("leads.rules.source")}
              clearable
              placeholder={t("leads.rules.any")}
              value={r.matchSource}
              onChange={(v) => change(i, { matchSource: v })}
              data={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))}
            />
            <Select
              label={t("leads.rules.form")}
              clearable
              placeholder={t("leads.rules.any")}
              value={r.matchFormId}
              onChange={(v) => change(i, { matchFormId: v })}
              data={formOptions}
            />
            <TextInput
              label={t("leads.fields.campaign")}
              placeholder={t("leads.rules.any")}
              value={r.matchUtmCampaign}
              onChange={(e) => change(i, { matchUtmCampaign: e.currentTarget.value })}
            />
          </SimpleGrid>
          <TerritoryPicker
            label={t("leads.rules.territory")}
            value={r.matchTerritoryId}
            onChange={(id) => change(i, { matchTerritoryId: id })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
            <Select
              label={t("leads.rules.strategy")}
              value={r.strategy}
              onChange={(v) => change(i, { strategy: v === "territory" ? "territory" : "round_robin" })}
              data={[
                { value: "round_robin", label: t("leads.rules.roundRobin") },
                { value: "territory", label: t("leads.rules.byTerritory") },
              ]}
              allowDeselect={false}
            />
            {r.strategy === "round_robin" ? (
              <MultiSelect
                label={t("leads.rules.people")}
                searchable
                value={r.userIds}
                onChange={(ids) => change(i, { userIds: ids })}
                data={people}
              />
            ) : (
              <Text size="sm" c="dimmed" mt="lg">
                {t("leads.rules.territoryHelp")}
              </Text>
            )}
          </SimpleGrid>
          <Switch
            mt="sm"
            label={t("leads.rules.active")}
            checked={r.active}
            onChange={(e) => change(i, { active: e.currentTarget.checked })}
          />
        </Card>
      ))}
      {list !== null && rows.length === 0 ? <Text c="dimmed">{t("leads.rules.none")}</Text> : null}
      <ErrorAlert error={save.error} />
      <Group>
        <Button
          loading={save.isPending}
          disabled={list === null}
          onClick={() =>
            save.mutate({
              rules: rows.map((r) => ({
                ...(r.id ? { id: r.id } : {}),
                name: r.name,
                matchSource: r.matchSource as never,
                matchFormId: r.matchFormId,
                matchUtmCampaign: r.matchUtmCampaign.trim() || null,
                matchTerritoryId: r.matchTerritoryId,
                strategy: r.strategy,
                userIds: r.strategy === "round_robin" ? r.userIds : [],
                active: r.active,
              })),
            })
          }
          data-testid="rules-save"
        >
          {t("leads.save")}
        </Button>
      </Group>
    </Stack>
  );
}
