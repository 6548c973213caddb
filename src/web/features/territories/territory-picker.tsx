// Cascading territory picker: one select per level (national > region > area > territory > route),
// each listing the children of the one chosen above it. The value is the deepest choice.
import { Button, Group, Input, Loader, Select, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/i18n.ts";
import { territoryName, useTerritoryChildren } from "./use-territories.ts";

export function TerritoryPicker({
  value,
  currentLabel,
  onChange,
  label,
  description,
  error,
}: {
  value: string | null;
  /** Name of the territory already chosen (the API gives no ancestors to rebuild the cascade from). */
  currentLabel?: string | null;
  onChange: (id: string | null) => void;
  label: string;
  description?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const [chain, setChain] = useState<string[]>([]);
  const [choosing, setChoosing] = useState(value === null);

  if (!choosing) {
    return (
      <Input.Wrapper label={label} description={description} error={error}>
        <Group gap="xs" mt={4}>
          <Text size="sm" data-testid="territory-current">
            {currentLabel ?? t("territory.unknown")}
          </Text>
          <Button size="compact-xs" variant="light" onClick={() => setChoosing(true)}>
            {t("territory.change")}
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            onClick={() => {
              onChange(null);
              setChoosing(true);
            }}
          >
            {t("territory.clear")}
          </Button>
        </Group>
      </Input.Wrapper>
    );
  }

  const parents: (string | null)[] = [null, ...chain];
  const pick = (level: number, id: string | null) => {
    const next = [...chain.slice(0, level), ...(id ? [id] : [])];
    setChain(next);
    onChange(next.at(-1) ?? null);
  };

  return (
    <Input.Wrapper label={label} description={description} error={error}>
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
    </Input.Wrapper>
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
