// /catalog: the SKU list (search as you type in either script, filters in the URL, CSV of what is shown),
// with brands and categories on their own tabs.
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Tabs, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SkuResponse } from "../../../shared/contracts/catalog.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyListText, EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { NumberText } from "../../ui/formatted-values.tsx";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName, unitChain } from "./catalog-labels.ts";
import type { CatalogTab } from "./catalog-search.ts";
import { BrandsPanel, CategoriesPanel } from "./catalog-setup-panels.tsx";
import { useBrands } from "./use-brands.ts";
import { useCategories } from "./use-categories.ts";
import { skuCsvUrl, useSkus } from "./use-skus.ts";

const route = getRouteApi("/_app/catalog");

export function CatalogPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const tab: CatalogTab = search.tab ?? "skus";
  return (
    <Stack gap="md">
      <Title order={2}>{t("catalog.title")}</Title>
      <Tabs
        value={tab}
        onChange={(v) =>
          navigate({ search: { tab: v === "brands" || v === "categories" ? v : undefined }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="skus" data-testid="catalog-tab-skus">
            {t("catalog.tabs.skus")}
          </Tabs.Tab>
          <Tabs.Tab value="brands" data-testid="catalog-tab-brands">
            {t("catalog.tabs.brands")}
          </Tabs.Tab>
          <Tabs.Tab value="categories" data-testid="catalog-tab-categories">
            {t("catalog.tabs.categories")}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="skus" pt="md">
          <SkuList />
        </Tabs.Panel>
        <Tabs.Panel value="brands" pt="md">
          <BrandsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="categories" pt="md">
          <CategoriesPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function SkuList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const me = useMe();
  const canWrite = hasPermission(me, "catalog.write");
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [q, setQ] = useState(search.q ?? "");
  const [debouncedQ] = useDebouncedValue(q, 250);
  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) void navigate({ search: (s) => ({ ...s, q: next }), replace: true });
  }, [debouncedQ, search.q, navigate]);

  const brands = useBrands();
  const categories = useCategories();
  const filters = {
    q: search.q,
    brandId: search.brandId,
    categoryId: search.categoryId,
    status: search.status ?? ("active" as const),
    sort: search.sort ?? ("code" as const),
  };
  const skus = useSkus(filters);
  const rows = skus.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end">
        <TextInput
          leftSection={<SearchIcon size={16} />}
          placeholder={t("catalog.sku.searchPlaceholder")}
          aria-label={t("common.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: "1 1 260px" }}
          data-testid="sku-search"
        />
        <Select
          placeholder={t("catalog.sku.allBrands")}
          aria-label={t("catalog.sku.brand")}
          clearable
          searchable
          value={search.brandId ?? null}
          onChange={(v) => navigate({ search: (s) => ({ ...s, brandId: v ?? undefined }), replace: true })}
          data={(brands.data ?? []).map((b) => ({ value: b.id, label: localName(b, locale) }))}
          w={{ base: "100%", xs: 170 }}
          data-testid="sku-brand-filter"
        />
        <Select
          placeholder={t("catalog.sku.allCategories")}
          aria-label={t("catalog.sku.category")}
          clearable
          searchable
          value={search.categoryId ?? null}
          onChange={(v) => navigate({ search: (s) => ({ ...s, categoryId: v ?? undefined }), replace: true })}
          data={(categories.data ?? []).map((c) => ({ value: c.id, label: localName(c, locale) }))}
          w={{ base: "100%", xs: 170 }}
          data-testid="sku-category-filter"
        />
        <Select
          aria-label={t("catalog.common.status")}
          allowDeselect={false}
          value={filters.status}
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
          data-testid="sku-status-filter"
        />
        <Select
          aria-label={t("catalog.sku.sort.code")}
          allowDeselect={false}
          value={filters.sort}
          onChange={(v) =>
            navigate({
              search: (s) => ({ ...s, sort: v === "name" || v === "updated" ? v : undefined }),
              replace: true,
            })
          }
          data={(["code", "name", "updated"] as const).map((s) => ({ value: s, label: t(`catalog.sku.sort.${s}`) }))}
          w={{ base: "100%", xs: 160 }}
          data-testid="sku-sort"
        />
      </Group>
      <Group justify="space-between">
        <Button component="a" href={skuCsvUrl(filters)} variant="default" data-testid="sku-export">
          {t("catalog.common.exportCsv")}
        </Button>
        {canWrite ? (
          <Button
            renderRoot={(props) => <Link {...props} to="/catalog/skus/$skuId" params={{ skuId: "new" }} />}
            leftSection={<PlusIcon size={16} />}
            data-testid="sku-new"
          >
            {t("catalog.sku.new")}
          </Button>
        ) : null}
      </Group>

      <ErrorAlert error={skus.error} />
      {isPhone ? (
        <Stack gap="xs" data-testid="sku-table">
          {rows.map((s) => (
            <SkuCard key={s.id} sku={s} />
          ))}
          {!skus.isPending && rows.length === 0 ? <EmptyListText>{t("catalog.sku.empty")}</EmptyListText> : null}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="sku-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("catalog.common.code")}</Table.Th>
                <Table.Th>{t("catalog.items.sku")}</Table.Th>
                <Table.Th>{t("catalog.sku.brand")}</Table.Th>
                <Table.Th>{t("catalog.sku.category")}</Table.Th>
                <Table.Th>{t("catalog.sku.units")}</Table.Th>
                <Table.Th>{t("catalog.sku.vat")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => (
                <Table.Tr key={s.id} data-testid="sku-row">
                  <Table.Td>
                    <Anchor
                      renderRoot={(props) => <Link {...props} to="/catalog/skus/$skuId" params={{ skuId: s.id }} />}
                      size="sm"
                    >
                      {s.code}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {localName(s, locale)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {locale === "bn" ? s.name : s.nameBn}
                    </Text>
                  </Table.Td>
                  <Table.Td>{localName({ name: s.brandName, nameBn: s.brandNameBn }, locale)}</Table.Td>
                  <Table.Td>{localName({ name: s.categoryName, nameBn: s.categoryNameBn }, locale)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{unitChain(s.units, locale, fmt.number)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <NumberText value={s.vatRateBp / 100} />
                    {s.archivedAt ? (
                      <Badge ml="xs" color="gray" variant="light">
                        {t("catalog.common.archived")}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
              {!skus.isPending && rows.length === 0 ? (
                <EmptyTableRow colSpan={6}>{t("catalog.sku.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("common.shown")} <NumberText value={rows.length} />
        </Text>
        {skus.hasNextPage ? (
          <Button
            variant="default"
            loading={skus.isFetchingNextPage}
            onClick={() => skus.fetchNextPage()}
            data-testid="load-more"
          >
            {t("common.loadMore")}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

function SkuCard({ sku: s }: { sku: SkuResponse }) {
  const locale = useLocale();
  const fmt = useFormat();
  return (
    <Paper withBorder p="sm" data-testid="sku-row">
      <Anchor
        renderRoot={(props) => <Link {...props} to="/catalog/skus/$skuId" params={{ skuId: s.id }} />}
        fw={600}
        size="sm"
      >
        {localName(s, locale)}
      </Anchor>
      <Text size="xs" c="dimmed">
        {s.code} · {localName({ name: s.brandName, nameBn: s.brandNameBn }, locale)}
      </Text>
      <Text size="sm" mt={4}>
        {unitChain(s.units, locale, fmt.number)}
      </Text>
    </Paper>
  );
}
