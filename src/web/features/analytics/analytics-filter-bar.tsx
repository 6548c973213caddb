// The filter bar every analytics screen shares: the period (presets or custom dates), the slice of the network
// (territory, distributor), optionally the product (brand, category, SKU) and the comparison, and the territory
// breadcrumb the server sent back. It only reads and writes the URL's search params through `onChange`.
import { Anchor, Breadcrumbs, Group, Select, Switch, Text, TextInput } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import type { Breadcrumb, Period } from "../../../shared/contracts/analytics.ts";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { useFormat } from "../../ui/use-format.ts";
import { useMe } from "../auth/use-session.ts";
import { useBrands } from "../catalog/use-brands.ts";
import { useCategories } from "../catalog/use-categories.ts";
import { useAllSkus, useTerritoriesAtLevel } from "../field/use-field-manager.ts";
import { localName } from "../network/network-labels.ts";
import { useDistributors } from "../orders/use-network-lookups.ts";
import { territoryName } from "../territories/use-territories.ts";
import { PERIOD_PRESETS, type PeriodChoice, resolvePeriod } from "./analytics-period.ts";
import type { AnalyticsBaseSearch, SalesSearch } from "./analytics-search.ts";

export type Crumb = z.infer<typeof Breadcrumb>;

type FilterSearch = AnalyticsBaseSearch & Pick<SalesSearch, "brandId" | "categoryId" | "skuId" | "compare">;

interface Props {
  search: FilterSearch;
  /** `push` for a step through the breadcrumb: Back returns to where the person was. */
  onChange: (patch: Partial<FilterSearch>, push?: boolean) => void;
  /** The territory the numbers are inside, root first, as the server answered. */
  breadcrumb?: Crumb[];
  /** The period as the server took it, for the "against ..." line. */
  period?: Period;
  /** Brand, category and SKU pickers (the sales screen only). */
  product?: boolean;
  /** The compare-with-previous switch (the sales screen only). */
  compare?: boolean;
  /** Warnings have no period. */
  noPeriod?: boolean;
  /** One outlet's page has no territory or distributor to choose. */
  hideSlice?: boolean;
  children?: ReactNode;
}

export function AnalyticsFilterBar({
  search,
  onChange,
  breadcrumb,
  period,
  product,
  compare,
  noPeriod,
  hideSlice,
  children,
}: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const fmt = useFormat();
  const today = businessDate();
  const range = resolvePeriod(search, today);
  // A distributor sees its own numbers only: there is nothing to choose.
  const pickDistributor = !hideSlice && (me.scope.kind === "org" || me.scope.kind === "territory");

  const setDates = (from: string, to: string) => onChange({ period: "custom", from, to });
  return (
    <div data-testid="analytics-filters">
      <Group gap="sm" align="flex-end" wrap="wrap">
        {noPeriod ? null : (
          <>
            <Select
              label={t("analytics.filter.period")}
              value={range.choice}
              allowDeselect={false}
              onChange={(v) => {
                const choice = (v ?? "this_month") as PeriodChoice;
                // Custom starts from the dates on screen, so the person only changes what they want.
                onChange(
                  choice === "custom"
                    ? { period: "custom", from: range.from, to: range.to }
                    : { period: choice === "this_month" ? undefined : choice, from: undefined, to: undefined },
                );
              }}
              data={[...PERIOD_PRESETS, "custom" as const].map((p) => ({
                value: p,
                label: t(`analytics.period.${p}`),
              }))}
              w={{ base: "100%", xs: 170 }}
              data-testid="analytics-period"
            />
            <TextInput
              type="date"
              label={t("analytics.filter.from")}
              value={range.from}
              max={range.to}
              onChange={(e) => e.currentTarget.value && setDates(e.currentTarget.value, range.to)}
              w={{ base: "48%", xs: 150 }}
              data-testid="analytics-from"
            />
            <TextInput
              type="date"
              label={t("analytics.filter.to")}
              value={range.to}
              min={range.from}
              onChange={(e) => e.currentTarget.value && setDates(range.from, e.currentTarget.value)}
              w={{ base: "48%", xs: 150 }}
              data-testid="analytics-to"
            />
          </>
        )}
        {hideSlice || me.scope.kind === "distributor" ? null : (
          <TerritorySelect value={search.territoryId} onChange={(territoryId) => onChange({ territoryId })} />
        )}
        {pickDistributor ? (
          <DistributorSelect value={search.distributorId} onChange={(distributorId) => onChange({ distributorId })} />
        ) : null}
        {product ? <ProductSelects search={search} onChange={onChange} /> : null}
        {compare ? (
          <Switch
            label={t("analytics.filter.compare")}
            checked={search.compare !== "none"}
            onChange={(e) => onChange({ compare: e.currentTarget.checked ? undefined : "none" })}
            mb={8}
            data-testid="analytics-compare"
          />
        ) : null}
        {children}
      </Group>
      <Group gap="xs" mt="xs" wrap="wrap">
        {breadcrumb && breadcrumb.length > 0 ? (
          <TerritoryBreadcrumb
            crumbs={breadcrumb}
            onPick={(id, index) => onChange({ territoryId: index === 0 ? undefined : id }, true)}
          />
        ) : null}
        {period && !noPeriod ? (
          <Text size="xs" c="dimmed" data-testid="analytics-period-text">
            {t("analytics.filter.periodText", { from: fmt.date(period.from), to: fmt.date(period.to) })}
            {search.compare !== "none" && compare
              ? ` · ${t("analytics.filter.previousText", {
                  from: fmt.date(period.previousFrom),
                  to: fmt.date(period.previousTo),
                })}`
              : ""}
          </Text>
        ) : null}
      </Group>
    </div>
  );
}

/** Where the numbers are: each step up is a link back to that level's view. */
export function TerritoryBreadcrumb({
  crumbs,
  onPick,
}: {
  crumbs: Crumb[];
  onPick: (id: string, index: number) => void;
}) {
  const locale = useLocale();
  const { t } = useTranslation();
  return (
    <Breadcrumbs separator="›" separatorMargin={6} data-testid="analytics-breadcrumb">
      {crumbs.map((c, i) =>
        i === crumbs.length - 1 ? (
          <Text key={c.id} size="sm" fw={600} data-testid="analytics-crumb" title={t(`territory.level.${c.level}`)}>
            {territoryName(c, locale)}
          </Text>
        ) : (
          <Anchor
            key={c.id}
            component="button"
            type="button"
            size="sm"
            onClick={() => onPick(c.id, i)}
            data-testid="analytics-crumb"
            title={t(`territory.level.${c.level}`)}
          >
            {territoryName(c, locale)}
          </Anchor>
        ),
      )}
    </Breadcrumbs>
  );
}

/** Regions, areas and territories in one searchable list, grouped by level (routes are reached by drilling). */
function TerritorySelect({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const levels = [
    { level: "region", query: useTerritoriesAtLevel("region") },
    { level: "area", query: useTerritoriesAtLevel("area") },
    { level: "territory", query: useTerritoriesAtLevel("territory") },
  ] as const;
  const data = levels
    .map(({ level, query }) => ({
      group: t(`territory.level.${level}`),
      items: (query.data ?? []).map((x) => ({ value: x.id, label: `${territoryName(x, locale)} · ${x.code}` })),
    }))
    .filter((g) => g.items.length > 0);
  const known = data.some((g) => g.items.some((i) => i.value === value));
  return (
    <Select
      label={t("analytics.filter.territory")}
      placeholder={t("analytics.filter.allTerritories")}
      searchable
      clearable
      // A route reached by drilling is not in the list: the breadcrumb names it, the select stays blank.
      value={known ? (value ?? null) : null}
      onChange={(v) => onChange(v ?? undefined)}
      data={data}
      nothingFoundMessage={t("common.nothingFound")}
      w={{ base: "100%", xs: 240 }}
      data-testid="analytics-territory"
    />
  );
}

function DistributorSelect({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const distributors = useDistributors();
  return (
    <Select
      label={t("analytics.filter.distributor")}
      placeholder={t("analytics.filter.allDistributors")}
      searchable
      clearable
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      data={(distributors.data?.items ?? []).map((d) => ({
        value: d.id,
        label: `${localName(d, locale)} · ${d.code}`,
      }))}
      nothingFoundMessage={t("common.nothingFound")}
      w={{ base: "100%", xs: 220 }}
      data-testid="analytics-distributor"
    />
  );
}

function ProductSelects({
  search,
  onChange,
}: {
  search: FilterSearch;
  onChange: (patch: Partial<FilterSearch>) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const brands = useBrands("all");
  const categories = useCategories("all");
  const skus = useAllSkus();
  // The SKU list follows the brand and category already chosen, so the three cannot contradict each other.
  const skuOptions = (skus.data ?? [])
    .filter(
      (s) =>
        (!search.brandId || s.brandId === search.brandId) && (!search.categoryId || s.categoryId === search.categoryId),
    )
    .map((s) => ({ value: s.id, label: `${s.code} · ${localName(s, locale)}` }));
  return (
    <>
      <Select
        label={t("analytics.filter.brand")}
        placeholder={t("analytics.filter.allBrands")}
        searchable
        clearable
        value={search.brandId ?? null}
        onChange={(v) => onChange({ brandId: v ?? undefined, skuId: undefined })}
        data={(brands.data ?? []).map((b) => ({ value: b.id, label: localName(b, locale) }))}
        nothingFoundMessage={t("common.nothingFound")}
        w={{ base: "100%", xs: 170 }}
        data-testid="analytics-brand"
      />
      <Select
        label={t("analytics.filter.category")}
        placeholder={t("analytics.filter.allCategories")}
        searchable
        clearable
        value={search.categoryId ?? null}
        onChange={(v) => onChange({ categoryId: v ?? undefined, skuId: undefined })}
        data={(categories.data ?? []).map((c) => ({ value: c.id, label: localName(c, locale) }))}
        nothingFoundMessage={t("common.nothingFound")}
        w={{ base: "100%", xs: 170 }}
        data-testid="analytics-category"
      />
      <Select
        label={t("analytics.filter.sku")}
        placeholder={t("analytics.filter.allSkus")}
        searchable
        clearable
        limit={200}
        value={search.skuId ?? null}
        onChange={(v) => onChange({ skuId: v ?? undefined })}
        data={skuOptions}
        nothingFoundMessage={t("common.nothingFound")}
        w={{ base: "100%", xs: 240 }}
        data-testid="analytics-sku"
      />
    </>
  );
}
