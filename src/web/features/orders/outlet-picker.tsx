// Pick an outlet by typing its name (Bengali or English) or code; the server searches phonetically.
import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/i18n.ts";
import { localName, type OutletOption, useOutlet, useOutletSearch } from "./use-network-lookups.ts";

export function OutletPicker({
  value,
  onChange,
  label,
  error,
  autoFocus,
  testId = "outlet-picker",
}: {
  value: string | null;
  onChange: (outlet: OutletOption | null) => void;
  label?: string;
  error?: string;
  autoFocus?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const results = useOutletSearch(debounced);
  const selected = useOutlet(value ?? undefined);
  const options = useMemo(() => {
    const map = new Map<string, OutletOption>();
    if (selected.data) map.set(selected.data.id, selected.data);
    for (const o of results.data?.items ?? []) map.set(o.id, o);
    return map;
  }, [results.data, selected.data]);

  return (
    <Select
      label={label}
      placeholder={t("orders.entry.outletPlaceholder")}
      searchable
      clearable
      autoFocus={autoFocus}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched phonetically (mudi = মুদি); the client must not filter again.
      filter={({ options: o }) => o}
      nothingFoundMessage={results.isFetching ? t("orders.common.loading") : t("orders.entry.noOutlets")}
      data={[...options.values()].map((o) => ({
        value: o.id,
        label: `${localName(o, locale)} · ${o.code}`,
      }))}
      onChange={(id) => onChange(id ? (options.get(id) ?? null) : null)}
      error={error}
      data-testid={testId}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
