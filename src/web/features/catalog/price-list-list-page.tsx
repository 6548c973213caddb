// /price-lists: every price list with what it applies to and when; filters in the URL.
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  OUTLET_CHANNELS,
  OUTLET_TIERS,
  type OutletChannel,
  type OutletTier,
  type PriceListResponse,
} from "../../../shared/contracts/catalog.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, NumberText } from "../../ui/formatted-values.tsx";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { localName } from "./catalog-labels.ts";
import { PriceListFormModal } from "./price-list-form-modal.tsx";
import { usePriceLists } from "./use-price-lists.ts";

const route = getRouteApi("/_app/price-lists");

/** What a list applies to, most specific first, in the UI language. */
export function useAppliesTo() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (p: PriceListResponse) => {
    const parts: string[] = [];
    if (p.distributorId)
      parts.push(
        `${t("catalog.priceList.distributor")}: ${p.distributorName ? localName({ name: p.distributorName, nameBn: p.distributorNameBn ?? "" }, locale) : p.distributorId}`,
      );
    if (p.territoryId) parts.push(localName({ name: p.territoryName ?? "", nameBn: p.territoryNameBn ?? "" }, locale));
    if (p.channel) parts.push(t(`catalog.channel.${p.channel}`));
    if (p.tier) parts.push(`${t("catalog.priceList.tier")} ${p.tier}`);
    return parts.length ? parts.join(" · ") : t("catalog.priceList.default");
  };
}

export function PriceListListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const go = useNavigate();
  const appliesTo = useAppliesTo();
  const [q, setQ] = useState(search.q ?? "");
  const [debouncedQ] = useDebouncedValue(q, 250);
  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) void navigate({ search: (s) => ({ ...s, q: next }), replace: true });
  }, [debouncedQ, search.q, navigate]);
  const lists = usePriceLists({
    q: search.q,
    channel: search.channel,
    tier: search.tier,
    status: search.status ?? "active",
  });
  const rows = lists.data?.pages.flatMap((p) => p.items) ?? [];
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("catalog.priceList.title")}</Title>
        <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)} data-testid="price-list-new">
          {t("catalog.priceList.new")}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t("catalog.priceList.rule")}
      </Text>
      <Group gap="sm" align="flex-end">
        <TextInput
          leftSection={<SearchIcon size={16} />}
          placeholder={t("catalog.priceList.searchPlaceholder")}
          aria-label={t("common.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: "1 1 220px" }}
          data-testid="price-list-search"
        />
        <Select
          placeholder={t("catalog.priceList.anyChannel")}
          aria-label={t("catalog.priceList.channel")}
          clearable
          value={search.channel ?? null}
          onChange={(v) =>
            navigate({ search: (s) => ({ ...s, channel: (v as OutletChannel | null) ?? undefined }), replace: true })
          }
          data={OUTLET_CHANNELS.map((c) => ({ value: c, label: t(`catalog.channel.${c}`) }))}
          w={{ base: "100%", xs: 170 }}
          data-testid="price-list-channel-filter"
        />
        <Select
          placeholder={t("catalog.priceList.anyTier")}
          aria-label={t("catalog.priceList.tier")}
          clearable
          value={search.tier ?? null}
          onChange={(v) =>
            navigate({ search: (s) => ({ ...s, tier: (v as OutletTier | null) ?? undefined }), replace: true })
          }
          data={OUTLET_TIERS.map((c) => ({ value: c, label: c }))}
          w={{ base: "100%", xs: 130 }}
        />
        <Select
          aria-label={t("catalog.common.status")}
          allowDeselect={false}
          value={search.status ?? "active"}
          onChange={(v) =>
            navigate({
              search: (s) => ({ ...s, status: v === "archived" || v === "all" ? v : undefined }),
              replace: true,
            })
          }
          data={[
            { value: "active", label: t("catalog.common.active") },
            { value: "archived", label: t("catalog.common.archived") },
            { value: "all", label: t("catalog.common.all") },
          ]}
          w={{ base: "100%", xs: 140 }}
        />
      </Group>
      <ErrorAlert error={lists.error} />
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="price-list-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("catalog.common.code")}</Table.Th>
              <Table.Th>{t("catalog.priceList.title")}</Table.Th>
              <Table.Th>{t("catalog.priceList.appliesTo")}</Table.Th>
              <Table.Th>{t("catalog.priceList.validFrom")}</Table.Th>
              <Table.Th>{t("catalog.priceList.validTo")}</Table.Th>
              <Table.Th>{t("catalog.priceList.items")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.id} data-testid="price-list-row">
                <Table.Td>
                  <Anchor
                    renderRoot={(props) => (
                      <Link {...props} to="/price-lists/$priceListId" params={{ priceListId: p.id }} />
                    )}
                    size="sm"
                  >
                    {p.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {localName(p, locale)}
                  {p.archivedAt ? (
                    <Badge ml="xs" size="xs" color="gray" variant="light">
                      {t("catalog.common.archived")}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{appliesTo(p)}</Table.Td>
                <Table.Td>
                  <DateText value={p.validFrom} />
                </Table.Td>
                <Table.Td>{p.validTo ? <DateText value={p.validTo} /> : t("catalog.priceList.openEnded")}</Table.Td>
                <Table.Td>
                  <NumberText value={p.itemCount} />
                </Table.Td>
              </Table.Tr>
            ))}
            {!lists.isPending && rows.length === 0 ? (
              <EmptyTableRow colSpan={6}>{t("catalog.priceList.empty")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {lists.hasNextPage ? (
        <Group justify="flex-end">
          <Button variant="default" loading={lists.isFetchingNextPage} onClick={() => lists.fetchNextPage()}>
            {t("common.loadMore")}
          </Button>
        </Group>
      ) : null}
      <PriceListFormModal
        opened={creating}
        list={null}
        onClose={() => setCreating(false)}
        onSaved={(saved) => go({ to: "/price-lists/$priceListId", params: { priceListId: saved.id } })}
      />
    </Stack>
  );
}
