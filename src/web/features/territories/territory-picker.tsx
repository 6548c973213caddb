// Cascading territory picker: one select per level (national > region > area > territory > route),
// each listing the children of the one chosen above it. The value is the deepest choice. A territory
// already chosen is shown with its ancestors filled in, so it can be changed at any level.
import { Button, Group, Input, Loader, Select, Stack, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/i18n.ts";
import { territoryName, useTerritory, useTerritoryChildren } from "./use-territories.ts";

export function TerritoryPicker({
  value,
  currentLabel,
  onChange,
  label,
  description,
  error,
}: {
  value: string | null;
  /** Name of the territory already chosen, shown if its chain cannot be loaded (archived, out of sight). */
  currentLabel?: string | null;
  onChange: (id: string | null) => void;
  label: string;
  description?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  // The cascade is rebuilt once, from the territory chosen when the form opened; later choices live in it.
  const [initialId] = useState(value);
  const [startOver, setStartOver] = useState(false);
  const current = useTerritory(startOver ? null : initialId);

  let body: ReactNode;
  if (initialId === null || startOver) body = <TerritoryCascade initialChain={[]} onChange={onChange} />;
  else if (current.data) {
    const chain = [...current.data.ancestors.map((a) => a.id), current.data.id];
    body = <TerritoryCascade initialChain={chain} onChange={onChange} />;
  } else if (current.isError) {
    // Archived, or outside what the caller may see: show the name, and let them choose afresh.
    body = (
      <Group gap="xs" mt={4}>
        <Text size="sm" data-testid="territory-current">
          {currentLabel ?? t("territory.unknown")}
        </Text>
        <Button size="compact-xs" variant="light" onClick={() => setStartOver(true)}>
          {t("territory.change")}
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          onClick={() => {
            onChange(null);
            setStartOver(true);
          }}
        >
          {t("territory.clear")}
        </Button>
      </Group>
    );
  } else body = <Loader size="xs" mt={6} data-testid="territory-loading" />;

  return (
    <Input.Wrapper label={label} description={description} error={error}>
      {body}
    </Input.Wrapper>
  );
}

/** One select per level, each listing the children of the choice above it, starting from `initialChain`. */
function TerritoryCascade({
  initialChain,
  onChange,
}: {
  initialChain: string[];
  onChange: (id: string | null) => void;
}) {
  const [chain, setChain] = useState(initialChain);
  const parents: (string | null)[] = [null, ...chain];
  const pick = (level: number, id: string | null) => {
    const next = [...chain.slice(0, level), ...(id ? [id] : [])];
    setChain(next);
    onChange(next.at(-1) ?? null);
  };

  return (
    <Stack gap={6} mt={4} data-testid="territory-picker">
      {parents.map((parentId, level) => (
        <TerritoryLevelSelect
          key={parentId ?? "root"}
          parentId={parentId}
          value={chain[level] ?? null}
          onChange={(id) => pick(level, id)}
        />
      ))}
    </Stack>
  );
}

function TerritoryLevelSelect({
  parentId,
  value,
  onChange,
}: {
  parentId: string | null;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const children = useTerritoryChildren(parentId);
  if (children.isPending) return <Loader size="xs" />;
  if (children.isError) {
    return (
      <Text size="xs" c="red">
        {t("errors.loadFailed")}
      </Text>
    );
  }
  if (children.data.length === 0) return null;
  const level = children.data[0]?.level ?? "territory";
  return (
    <Select
      size="sm"
      placeholder={t(`territory.level.${level}`)}
      aria-label={t(`territory.level.${level}`)}
      searchable
      clearable
      value={value}
      onChange={onChange}
      nothingFoundMessage={t("common.nothingFound")}
      data={children.data.map((c) => ({ value: c.id, label: `${territoryName(c, locale)} · ${c.code}` }))}
      comboboxProps={{ withinPortal: true }}
      data-testid={`territory-level-${level}`}
    />
  );
}
