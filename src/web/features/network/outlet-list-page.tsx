import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { getRouteApi } from "@tanstack/react-router";
import { type ReactElement, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CHANNELS, OUTLET_CLASSES, type OutletResponse } from "../../../shared/contracts/network.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyListText, EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { NumberText } from "../../ui/formatted-values.tsx";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { CsvImportModal } from "./csv-import-modal.tsx";
import { BADGE_NO_SHRINK, CHANNEL_COLORS, localName, STATUS_COLORS } from "./network-labels.ts";
import { OutletLink } from "./network-links.tsx";
import { OutletFormModal } from "./outlet-form-modal.tsx";
import { OutletMap } from "./outlet-map.tsx";
import { useDistributors } from "./use-distributors.ts";
import { type OutletFilters, outletsCsvUrl, useImportOutlets, useOutlets } from "./use-outlets.ts";

const route = getRouteApi("/_app/outlets");

export const OUTLET_IMPORT_COLUMNS =
  "code,name,name_bn,owner_name,phone,address,division,district,upazila,lat,lng,channel,class,credit_limit_taka,distributor_code,route_code";

export function OutletListPage(): ReactElement {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const canWrite = hasPermission(me, "network.write");
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [q, setQ] = useState(search.q ?? "");
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const importMutation = useImportOutlets({ meta: { inlineError: true } });

  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) void navigate({ search: (s) => ({ ...s, q: next }), replace: true });
  }, [debouncedQ, search.q, navigate]);

  const filters: OutletFilters = {
    q: search.q,
    channel: search.channel,
    class: search.class,
    distributorId: search.distributorId,
    territoryId: search.territoryId,
    status: search.status,
    sort: search.sort,
  };
  const view = search.view ?? "list";
  const outlets = useOutlets(filters);
  const rows = outlets.data?.pages.flatMap((p) => p.items) ?? [];
  const distributors = useDistributors({}, 200);
  const setFilter = (patch: Partial<typeof search>) => navigate({ search: (s) => ({ ...s, ...patch }), replace: true });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("network.outlets.title")}</Title>
        <Group gap="xs">
          <Button component="a" variant="default" href={outletsCsvUrl(filters)} download data-testid="outlet-export">
            {t("network.exportCsv")}
          </Button>
          {canWrite ? (
            <>
              <Button variant="default" onClick={() => setImportOpen(true)} data-testid="outlet-import">
                {t("network.importCsv")}
              </Button>
              <Button leftSection={<PlusIcon size={16} />} onClick={() => setFormOpen(true)} data-testid="outlet-new">
                {t("network.outlets.new")}
              </Button>
            </>
          ) : null}
        </Group>
      </Group>

      <Group gap="sm" align="flex-end">
        <TextInput
          leftSection={<SearchIcon size={16} />}
          placeholder={t("network.outlets.searchPlaceholder")}
          aria-label={t("common.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: "1 1 240px" }}
          data-testid="outlet-search"
        />
        <Select
          placeholder={t("network.outlets.allChannels")}
          aria-label={t("network.fields.channel")}
          clearable
          value={search.channel ?? null}
          onChange={(v) => setFilter({ channel: (v as OutletFilters["channel"]) ?? undefined })}
          data={CHANNELS.map((c) => ({ value: c, label: t(`network.channel.${c}`) }))}
          w={{ base: "100%", xs: 160 }}
          data-testid="outlet-channel-filter"
        />
        <Select
          placeholder={t("network.outlets.allClasses")}
          aria-label={t("network.fields.class")}
          clearable
          value={search.class ?? null}
          onChange={(v) => setFilter({ class: (v as OutletFilters["class"]) ?? undefined })}
          data={OUTLET_CLASSES.map((c) => ({ value: c, label: `${t("network.fields.class")} ${c}` }))}
          w={{ base: "100%", xs: 120 }}
        />
        <Select
          placeholder={t("network.outlets.allDistributors")}
          aria-label={t("network.fields.distributor")}
          clearable
          searchable
          value={search.distributorId ?? null}
          onChange={(v) => setFilter({ distributorId: v ?? undefined })}
          data={(distributors.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({
            value: d.id,
            label: localName(d, locale),
          }))}
          w={{ base: "100%", xs: 200 }}
          data-testid="outlet-distributor-filter"
        />
        <Select
          aria-label={t("network.fields.status")}
          allowDeselect={false}
          value={search.status ?? "active"}
          onChange={(v) => setFilter({ status: v === "active" ? undefined : (v as OutletFilters["status"]) })}
          data={(["active", "pending", "archived", "all"] as const).map((s) => ({
            value: s,
            label: t(`network.status.${s}`),
          }))}
          w={{ base: "100%", xs: 130 }}
        />
        <Select
          aria-label={t("network.sort.label")}
          allowDeselect={false}
          value={search.sort ?? "name"}
          onChange={(v) => setFilter({ sort: v === "name" ? undefined : (v as OutletFilters["sort"]) })}
          data={(["name", "code", "created"] as const).map((s) => ({ value: s, label: t(`network.sort.${s}`) }))}
          w={{ base: "100%", xs: 150 }}
        />
      </Group>

      <SegmentedControl
        value={view}
        onChange={(v) => setFilter({ view: v === "map" ? "map" : undefined })}
        data={[
          { value: "list", label: t("network.outlets.listView") },
          { value: "map", label: t("network.outlets.mapView") },
        ]}
        w="fit-content"
        data-testid="outlet-view"
      />

      <ErrorAlert error={outlets.error} />

      {view === "map" ? (
        <OutletMap filters={filters} />
      ) : (
        <>
          {isPhone ? (
            <Stack gap="xs" data-testid="outlet-table">
              {rows.map((o) => (
                <OutletCard key={o.id} outlet={o} />
              ))}
              {!outlets.isPending && rows.length === 0 ? (
                <EmptyListText>{t("network.outlets.empty")}</EmptyListText>
              ) : null}
            </Stack>
          ) : (
            <Table.ScrollContainer minWidth={860}>
              <Table striped highlightOnHover verticalSpacing="xs" data-testid="outlet-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("network.fields.name")}</Table.Th>
                    <Table.Th>{t("network.fields.code")}</Table.Th>
                    <Table.Th>{t("network.fields.channel")}</Table.Th>
                    <Table.Th>{t("network.fields.class")}</Table.Th>
                    <Table.Th>{t("network.fields.distributor")}</Table.Th>
                    <Table.Th>{t("network.fields.route")}</Table.Th>
                    <Table.Th>{t("network.fields.phone")}</Table.Th>
                    <Table.Th>{t("network.fields.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((o) => (
                    <Table.Tr key={o.id} data-testid="outlet-row">
                      <Table.Td>
                        <OutletLink id={o.id} size="sm" fw={500}>
                          {localName(o, locale)}
                        </OutletLink>
                        <Text size="xs" c="dimmed">
                          {locale === "bn" ? o.name : o.nameBn} · {o.ownerName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {o.code}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <ChannelBadge channel={o.channel} />
                      </Table.Td>
                      <Table.Td>{o.class}</Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {o.distributorName
                            ? localName({ name: o.distributorName, nameBn: o.distributorNameBn ?? "" }, locale)
                            : "—"}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {o.routeName ? localName({ name: o.routeName, nameBn: o.routeNameBn ?? "" }, locale) : "—"}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                          {o.phone ?? "—"}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLORS[o.status]} variant="light" tt="none" styles={BADGE_NO_SHRINK}>
                          {t(`network.status.${o.status}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  {!outlets.isPending && rows.length === 0 ? (
                    <EmptyTableRow colSpan={8}>{t("network.outlets.empty")}</EmptyTableRow>
                  ) : null}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t("common.shown")} <NumberText value={rows.length} />
            </Text>
            {outlets.hasNextPage ? (
              <Button
                variant="default"
                loading={outlets.isFetchingNextPage}
                onClick={() => outlets.fetchNextPage()}
                data-testid="load-more"
              >
                {t("common.loadMore")}
              </Button>
            ) : null}
          </Group>
        </>
      )}

      <OutletFormModal
        opened={formOpen}
        outlet={null}
        onClose={() => setFormOpen(false)}
        onSaved={(o) => notifications.show({ color: "teal", message: t("network.outlets.created", { name: o.name }) })}
      />
      <CsvImportModal
        opened={importOpen}
        onClose={() => setImportOpen(false)}
        title={t("network.outlets.importTitle")}
        columns={OUTLET_IMPORT_COLUMNS}
        mutation={importMutation}
      />
    </Stack>
  );
}

export function ChannelBadge({ channel }: { channel: OutletResponse["channel"] }) {
  const { t } = useTranslation();
  return (
    <Badge color={CHANNEL_COLORS[channel]} variant="light" tt="none" styles={BADGE_NO_SHRINK}>
      {t(`network.channel.${channel}`)}
    </Badge>
  );
}

function OutletCard({ outlet: o }: { outlet: OutletResponse }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Paper withBorder p="sm" data-testid="outlet-row">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <OutletLink id={o.id} fw={600} size="sm" truncate>
          {localName(o, locale)}
        </OutletLink>
        <Badge color={STATUS_COLORS[o.status]} variant="light" tt="none" styles={BADGE_NO_SHRINK}>
          {t(`network.status.${o.status}`)}
        </Badge>
      </Group>
      <Group gap="xs" mt={6}>
        <ChannelBadge channel={o.channel} />
        <Text size="sm">
          {t("network.fields.class")} {o.class}
        </Text>
        <Text size="sm" c="dimmed" ff="monospace">
          {o.code}
        </Text>
      </Group>
      {o.distributorName ? (
        <Text size="sm" mt={4}>
          {localName({ name: o.distributorName, nameBn: o.distributorNameBn ?? "" }, locale)}
        </Text>
      ) : null}
      {o.phone ? (
        <Text size="sm" c="dimmed">
          {o.phone}
        </Text>
      ) : null}
    </Paper>
  );
}
