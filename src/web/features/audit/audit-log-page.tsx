import { ActionIcon, Badge, Button, Collapse, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { Fragment, type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText, NumberText } from "../../ui/formatted-values.tsx";
import { ChevronIcon } from "../../ui/icons.tsx";
import { JsonDiff } from "./json-diff.tsx";
import { type AuditEntry, type AuditFilters, useAuditLog } from "./use-audit.ts";

const route = getRouteApi("/_app/audit");

const FILTER_FIELDS = ["entity", "entityId", "action", "actorId", "from", "to"] as const;

export function AuditLogPage() {
  const { t } = useTranslation();
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const audit = useAuditLog(filters);
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <Title order={2}>{t("audit.title")}</Title>
      {/* Remount the form when the URL changes (back/forward), so its fields show the filters in force. */}
      <FilterForm
        key={JSON.stringify(filters)}
        initial={filters}
        onApply={(next) => navigate({ search: next })}
      />
      <ErrorAlert error={audit.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" highlightOnHover data-testid="audit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40} />
              <Table.Th>{t("audit.at")}</Table.Th>
              <Table.Th>{t("audit.actor")}</Table.Th>
              <Table.Th>{t("audit.action")}</Table.Th>
              <Table.Th>{t("audit.entity")}</Table.Th>
              <Table.Th>{t("audit.ip")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
            {!audit.isPending && rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed" ta="center" py="md">
                    {t("audit.empty")}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("common.shown")} <NumberText value={rows.length} />
        </Text>
        {audit.hasNextPage ? (
          <Button variant="default" loading={audit.isFetchingNextPage} onClick={() => audit.fetchNextPage()} data-testid="load-more">
            {t("common.loadMore")}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

function FilterForm({ initial, onApply }: { initial: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: AuditFilters = {};
    for (const k of FILTER_FIELDS) {
      const v = draft[k]?.trim();
      if (v) next[k] = v;
    }
    onApply(next);
  };
  const field = (k: (typeof FILTER_FIELDS)[number], type: "text" | "date" = "text") => (
    <TextInput
      label={t(`audit.filter.${k}`)}
      type={type}
      value={draft[k] ?? ""}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setDraft((d) => ({ ...d, [k]: value }));
      }}
      data-testid={`audit-filter-${k}`}
    />
  );
  return (
    <Paper withBorder p="sm">
      <form onSubmit={submit}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm">
          {field("entity")}
          {field("entityId")}
          {field("action")}
          {field("actorId")}
          {field("from", "date")}
          {field("to", "date")}
        </SimpleGrid>
        <Group justify="flex-end" mt="sm" gap="xs">
          <Button
            variant="default"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
          >
            {t("common.clear")}
          </Button>
          <Button type="submit" data-testid="audit-apply">
            {t("common.apply")}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const hasDiff = entry.before !== null || entry.after !== null;
  const actor =
    entry.actorKind === "system"
      ? t("audit.system")
      : `${entry.actorName ?? "—"}${entry.actorKind === "token" ? ` (${t("audit.viaToken")})` : ""}`;
  return (
    <Fragment>
      <Table.Tr data-testid="audit-row">
        <Table.Td>
          {hasDiff ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => setOpen((o) => !o)}
              aria-expanded={open}
              aria-label={open ? t("audit.hideChanges") : t("audit.showChanges")}
              data-testid="audit-expand"
            >
              <ChevronIcon open={open} size={16} />
            </ActionIcon>
          ) : null}
        </Table.Td>
        <Table.Td style={{ whiteSpace: "nowrap" }}>
          <Text size="sm">
            <DateTimeText value={entry.at} />
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{actor}</Text>
        </Table.Td>
        <Table.Td>
          <Badge variant="light" tt="none">
            {entry.action}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entry.entity}</Text>
          {entry.entityId ? (
            <Text size="xs" c="dimmed" ff="monospace">
              {entry.entityId}
            </Text>
          ) : null}
        </Table.Td>
        <Table.Td>
          <Text size="xs" ff="monospace">
            {entry.ip ?? "—"}
          </Text>
        </Table.Td>
      </Table.Tr>
      {hasDiff ? (
        <Table.Tr style={{ display: open ? undefined : "none" }}>
          <Table.Td colSpan={6} p={0}>
            <Collapse expanded={open}>
              <div style={{ padding: "var(--mantine-spacing-sm)" }}>
                <JsonDiff before={entry.before} after={entry.after} />
              </div>
            </Collapse>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}
