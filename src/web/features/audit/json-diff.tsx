// Before/after of an audit entry, field by field: changed fields first and highlighted, the rest on
// request. Nested values are shown as compact JSON.
import { Box, Code, Group, Switch, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";

export interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Top-level fields of before and after, changed ones first, each group in key order. */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  if (!isRecord(before) && !isRecord(after)) {
    return [{ key: "", before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const rows = keys.map((key) => ({
    key,
    before: b[key],
    after: a[key],
    changed: JSON.stringify(b[key]) !== JSON.stringify(a[key]),
  }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

function Value({ value }: { value: unknown }) {
  if (value === undefined) return <Text span c="dimmed">—</Text>;
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 1);
  return (
    <Code block={text.length > 60 || text.includes("\n")} style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
      {text}
    </Code>
  );
}

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [showAll, setShowAll] = useState(false);
  const rows = diffRows(before, after);
  const changed = rows.filter((r) => r.changed).length;
  const visible = showAll ? rows : rows.filter((r) => r.changed);
  return (
    <Box data-testid="audit-diff">
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          {t("audit.changedFields", { count: changed, n: formatNumber(changed, locale) })}
        </Text>
        {rows.length > changed ? (
          <Switch
            size="xs"
            label={t("audit.showUnchanged")}
            checked={showAll}
            onChange={(e) => setShowAll(e.currentTarget.checked)}
          />
        ) : null}
      </Group>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t("audit.field")}</Table.Th>
              <Table.Th w="39%">{t("audit.before")}</Table.Th>
              <Table.Th w="39%">{t("audit.after")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((r) => (
              <Table.Tr key={r.key} bg={r.changed ? "var(--mantine-color-yellow-light)" : undefined}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {r.key || "—"}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Value value={r.before} />
                </Table.Td>
                <Table.Td>
                  <Value value={r.after} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Box>
  );
}
