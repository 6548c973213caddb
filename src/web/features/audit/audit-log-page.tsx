import {
  ActionIcon,
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyListText, EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText, NumberText } from "../../ui/formatted-values.tsx";
import { ChevronIcon } from "../../ui/icons.tsx";
import { actionLabel, entityLabel, KNOWN_ACTIONS, KNOWN_ENTITIES } from "./audit-labels.ts";
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
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = FILTER_FIELDS.filter((k) => filters[k]).length;
  const onFilter = (extra: AuditFilters) => navigate({ search: (s) => ({ ...s, ...extra }) });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("audit.title")}</Title>
        {isPhone ? (
          <Button
            variant="default"
            size="xs"
            onClick={() => setFiltersOpen((o) => !o)}
            data-testid="audit-filters-toggle"
          >
            {t("audit.filters")}
            {activeFilters > 0 ? (
              <Badge size="sm" ml={6} circle>
                <NumberText value={activeFilters} />
              </Badge>
            ) : null}
          </Button>
        ) : null}
      </Group>
      {/* Remount the form when the URL changes (back/forward), so its fields show the filters in force. */}
      {!isPhone || filtersOpen ? (
        <FilterForm
          key={JSON.stringify(filters)}
          initial={filters}
          onApply={(next) => {
            setFiltersOpen(false);
            navigate({ search: next });
          }}
        />
      ) : null}
      <ErrorAlert error={audit.error} />
      {isPhone ? (
        <Stack gap="xs" data-testid="audit-table">
          {rows.map((entry) => (
            <AuditCard key={entry.id} entry={entry} onFilter={onFilter} />
          ))}
          {!audit.isPending && rows.length === 0 ? <EmptyListText>{t("audit.empty")}</EmptyListText> : null}
        </Stack>
      ) : (
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
                <AuditRow key={entry.id} entry={entry} onFilter={onFilter} />
              ))}
              {!audit.isPending && rows.length === 0 ? (
                <EmptyTableRow colSpan={6}>{t("audit.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("common.shown")} <NumberText value={rows.length} />
        </Text>
        {audit.hasNextPage ? (
          <Button
            variant="default"
            loading={audit.isFetchingNextPage}
            onClick={() => audit.fetchNextPage()}
            data-testid="load-more"
          >
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
  const suggest = (k: "entity" | "action", codes: string[], label: (code: string) => string) => (
    <Autocomplete
      label={t(`audit.filter.${k}`)}
      value={draft[k] ?? ""}
      onChange={(value) => setDraft((d) => ({ ...d, [k]: value }))}
      data={codes.map((c) => ({ value: c, label: c }))}
      renderOption={({ option }) => (
        <Text size="sm">
          {label(option.value)}{" "}
          <Text span c="dimmed" size="xs">
            ({option.value})
          </Text>
        </Text>
      )}
      data-testid={`audit-filter-${k}`}
    />
  );
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
          {suggest("entity", KNOWN_ENTITIES, (c) => entityLabel(t, c))}
          {field("entityId")}
          {suggest("action", KNOWN_ACTIONS, (c) => actionLabel(t, c))}
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

function ActorLink({ entry, onFilter }: { entry: AuditEntry; onFilter: (extra: AuditFilters) => void }) {
  const { t } = useTranslation();
  const actor =
    entry.actorKind === "system"
      ? t("audit.system")
      : `${entry.actorName ?? "—"}${entry.actorKind === "token" ? ` (${t("audit.viaToken")})` : ""}`;
  if (!entry.actorId) return <Text size="sm">{actor}</Text>;
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      ta="left"
      title={t("audit.filterByActor")}
      onClick={() => onFilter({ actorId: entry.actorId ?? undefined })}
    >
      {actor}
    </Anchor>
  );
}

function RecordLink({ entry, onFilter }: { entry: AuditEntry; onFilter: (extra: AuditFilters) => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="sm" title={entry.entity}>
        {entityLabel(t, entry.entity)}
      </Text>
      {entry.entityId ? (
        <Anchor
          component="button"
          type="button"
          size="xs"
          c="dimmed"
          ff="monospace"
          ta="left"
          style={{ wordBreak: "break-all" }}
          title={t("audit.filterByRecord")}
          onClick={() => onFilter({ entity: entry.entity, entityId: entry.entityId ?? undefined })}
        >
          {entry.entityId}
        </Anchor>
      ) : null}
    </div>
  );
}

const hasDiffOf = (entry: AuditEntry) => entry.before !== null || entry.after !== null;

/** Phones: one card per entry, the diff opening below it. */
function AuditCard({ entry, onFilter }: { entry: AuditEntry; onFilter: (extra: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder p="sm" data-testid="audit-row">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Badge variant="light" tt="none" title={entry.action}>
          {actionLabel(t, entry.action)}
        </Badge>
        <Text size="xs" c="dimmed">
          <DateTimeText value={entry.at} />
        </Text>
      </Group>
      <Stack gap={2} mt={6}>
        <ActorLink entry={entry} onFilter={onFilter} />
        <RecordLink entry={entry} onFilter={onFilter} />
      </Stack>
      {hasDiffOf(entry) ? (
        <>
          <Button
            variant="subtle"
            size="compact-sm"
            mt={6}
            px={0}
            leftSection={<ChevronIcon open={open} size={14} />}
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            data-testid="audit-expand"
          >
            {open ? t("audit.hideChanges") : t("audit.showChanges")}
          </Button>
          {open ? <JsonDiff before={entry.before} after={entry.after} /> : null}
        </>
      ) : null}
    </Paper>
  );
}

function AuditRow({ entry, onFilter }: { entry: AuditEntry; onFilter: (extra: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const hasDiff = hasDiffOf(entry);
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
          <ActorLink entry={entry} onFilter={onFilter} />
        </Table.Td>
        <Table.Td>
          <Badge variant="light" tt="none" title={entry.action}>
            {actionLabel(t, entry.action)}
          </Badge>
        </Table.Td>
        <Table.Td>
          <RecordLink entry={entry} onFilter={onFilter} />
        </Table.Td>
        <Table.Td>
          <Text size="xs" ff="monospace">
            {entry.ip ?? "—"}
          </Text>
        </Table.Td>
      </Table.Tr>
      {/* Rendered only when opened: a page of 50 entries should not build 50 hidden diff tables. */}
      {hasDiff && open ? (
        <Table.Tr>
          <Table.Td colSpan={6} p="sm">
            <JsonDiff before={entry.before} after={entry.after} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}
