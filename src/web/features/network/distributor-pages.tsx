import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { getRouteApi } from "@tanstack/react-router";
import { type ReactElement, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DistributorResponse } from "../../../shared/contracts/network.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ConfirmModal } from "../../ui/confirm-button.tsx";
import { EmptyListText, EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { Money, NumberText } from "../../ui/formatted-values.tsx";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { DistributorFormModal } from "./distributor-form-modal.tsx";
import { BADGE_NO_SHRINK, localName, STATUS_COLORS } from "./network-labels.ts";
import { BackLink, DistributorLink, OutletsOfDistributorLink } from "./network-links.tsx";
import {
  type DistributorFilters,
  distributorsCsvUrl,
  useArchiveDistributor,
  useDistributor,
  useDistributors,
} from "./use-distributors.ts";

const listRoute = getRouteApi("/_app/distributors");
const detailRoute = getRouteApi("/_app/distributors/$distributorId");

export function DistributorListPage(): ReactElement {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const canWrite = hasPermission(me, "network.write");
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const search = listRoute.useSearch();
  const navigate = listRoute.useNavigate();
  const [q, setQ] = useState(search.q ?? "");
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [formOpen, setFormOpen] = useState(false);

  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) void navigate({ search: (s) => ({ ...s, q: next }), replace: true });
  }, [debouncedQ, search.q, navigate]);

  const filters: DistributorFilters = { q: search.q, status: search.status, sort: search.sort };
  const list = useDistributors(filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const setFilter = (patch: Partial<typeof search>) => navigate({ search: (s) => ({ ...s, ...patch }), replace: true });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("network.distributors.title")}</Title>
        <Group gap="xs">
          <Button
            component="a"
            variant="default"
            href={distributorsCsvUrl(filters)}
            download
            data-testid="distributor-export"
          >
            {t("network.exportCsv")}
          </Button>
          {canWrite ? (
            <Button
              leftSection={<PlusIcon size={16} />}
              onClick={() => setFormOpen(true)}
              data-testid="distributor-new"
            >
              {t("network.distributors.new")}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Group gap="sm" align="flex-end">
        <TextInput
          leftSection={<SearchIcon size={16} />}
          placeholder={t("network.distributors.searchPlaceholder")}
          aria-label={t("common.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: "1 1 240px" }}
          data-testid="distributor-search"
        />
        <Select
          aria-label={t("network.fields.status")}
          allowDeselect={false}
          value={search.status ?? "active"}
          onChange={(v) => setFilter({ status: v === "active" ? undefined : (v as DistributorFilters["status"]) })}
          data={(["active", "archived", "all"] as const).map((s) => ({ value: s, label: t(`network.status.${s}`) }))}
          w={{ base: "100%", xs: 140 }}
        />
        <Select
          aria-label={t("network.sort.label")}
          allowDeselect={false}
          value={search.sort ?? "name"}
          onChange={(v) => setFilter({ sort: v === "name" ? undefined : (v as DistributorFilters["sort"]) })}
          data={(["name", "code", "created"] as const).map((s) => ({ value: s, label: t(`network.sort.${s}`) }))}
          w={{ base: "100%", xs: 150 }}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {isPhone ? (
        <Stack gap="xs" data-testid="distributor-table">
          {rows.map((d) => (
            <Paper key={d.id} withBorder p="sm" data-testid="distributor-row">
              <DistributorLink id={d.id} fw={600} size="sm">
                {localName(d, locale)}
              </DistributorLink>
              <Text size="sm" c="dimmed">
                {d.code} · {localName(d.territory, locale)}
              </Text>
              <Text size="sm">{d.phone}</Text>
            </Paper>
          ))}
          {!list.isPending && rows.length === 0 ? (
            <EmptyListText>{t("network.distributors.empty")}</EmptyListText>
          ) : null}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="distributor-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("network.fields.name")}</Table.Th>
                <Table.Th>{t("network.fields.code")}</Table.Th>
                <Table.Th>{t("network.fields.homeTerritory")}</Table.Th>
                <Table.Th>{t("network.fields.phone")}</Table.Th>
                <Table.Th>{t("network.fields.creditLimit")}</Table.Th>
                <Table.Th>{t("network.fields.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.id} data-testid="distributor-row">
                  <Table.Td>
                    <DistributorLink id={d.id} size="sm" fw={500}>
                      {localName(d, locale)}
                    </DistributorLink>
                    <Text size="xs" c="dimmed">
                      {d.ownerName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {d.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{localName(d.territory, locale)}</Table.Td>
                  <Table.Td>{d.phone}</Table.Td>
                  <Table.Td>
                    {d.creditLimitPoisha === null ? "—" : <Money poisha={d.creditLimitPoisha} size="sm" />}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[d.status]} variant="light" tt="none" styles={BADGE_NO_SHRINK}>
                      {t(`network.status.${d.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
              {!list.isPending && rows.length === 0 ? (
                <EmptyTableRow colSpan={6}>{t("network.distributors.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("common.shown")} <NumberText value={rows.length} />
        </Text>
        {list.hasNextPage ? (
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => list.fetchNextPage()}
            data-testid="load-more"
          >
            {t("common.loadMore")}
          </Button>
        ) : null}
      </Group>
      <DistributorFormModal opened={formOpen} distributor={null} onClose={() => setFormOpen(false)} />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={150} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

export function DistributorDetailPage(): ReactElement {
  const { t } = useTranslation();
  const locale = useLocale();
  const { distributorId } = detailRoute.useParams();
  const me = useMe();
  const canWrite = hasPermission(me, "network.write");
  const d = useDistributor(distributorId);
  const [editing, setEditing] = useState<DistributorResponse | null>(null);
  const [archiving, setArchiving] = useState(false);
  const archive = useArchiveDistributor({
    meta: { inlineError: true },
    onSuccess: () => notifications.show({ color: "teal", message: t("network.distributors.archived") }),
  });
  if (d.isPending) return <Loader />;
  if (d.error || !d.data) return <ErrorAlert error={d.error} />;
  const x = d.data;
  return (
    <Stack gap="md">
      <BackLink to="/distributors">← {t("network.distributors.title")}</BackLink>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} data-testid="distributor-title">
            {localName(x, locale)}
          </Title>
          <Text c="dimmed">
            {locale === "bn" ? x.name : x.nameBn} · <span style={{ fontFamily: "monospace" }}>{x.code}</span>
          </Text>
        </div>
        <Group gap="xs">
          <Badge color={STATUS_COLORS[x.status]} variant="light" tt="none" size="lg">
            {t(`network.status.${x.status}`)}
          </Badge>
          {canWrite && x.status === "active" ? (
            <>
              <Button variant="default" onClick={() => setEditing(x)} data-testid="distributor-edit">
                {t("common.edit")}
              </Button>
              <Button variant="light" color="red" onClick={() => setArchiving(true)} data-testid="distributor-archive">
                {t("network.archive")}
              </Button>
            </>
          ) : null}
        </Group>
      </Group>
      <ErrorAlert error={archive.error} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder>
          <Stack gap={6}>
            <Fact label={t("network.fields.owner")}>{x.ownerName}</Fact>
            <Fact label={t("network.fields.phone")}>{x.phone}</Fact>
            <Fact label={t("network.fields.email")}>{x.email ?? "—"}</Fact>
            <Fact label={t("network.fields.address")}>{x.address}</Fact>
            <Fact label={t("network.fields.tradeLicence")}>{x.tradeLicence ?? "—"}</Fact>
            <Fact label={t("network.fields.bin")}>{x.bin ?? "—"}</Fact>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap={6}>
            <Fact label={t("network.fields.creditLimit")}>
              {x.creditLimitPoisha === null ? "—" : <Money poisha={x.creditLimitPoisha} />}
            </Fact>
            <Fact label={t("network.fields.creditDays")}>
              <NumberText value={x.creditDays} />
            </Fact>
            <Fact label={t("network.fields.homeTerritory")}>{localName(x.territory, locale)}</Fact>
            <Fact label={t("network.distributors.coverage")}>
              <Group gap={4} data-testid="distributor-coverage">
                {x.coverage.length === 0
                  ? "—"
                  : x.coverage.map((c) => (
                      <Badge key={c.id} variant="outline" tt="none">
                        {localName(c, locale)}
                      </Badge>
                    ))}
              </Group>
            </Fact>
            <Fact label={t("network.distributors.outlets")}>
              <OutletsOfDistributorLink distributorId={x.id} data-testid="distributor-outlets">
                <NumberText value={x.outletCount} />
              </OutletsOfDistributorLink>
            </Fact>
          </Stack>
        </Card>
      </SimpleGrid>
      <DistributorFormModal opened={editing !== null} distributor={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={t("network.archive")}
        message={t("network.distributors.archiveConfirm", { name: localName(x, locale) })}
        confirmLabel={t("network.archive")}
        color="red"
        loading={archive.isPending}
        onConfirm={() => {
          archive.mutate(x.id);
          setArchiving(false);
        }}
      />
    </Stack>
  );
}
