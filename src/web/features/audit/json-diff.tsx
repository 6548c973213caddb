// Before/after of an audit entry, field by field: changed fields first and highlighted, the rest on
// request. Nested values are shown as compact JSON.
import { Box, Code, Group, Switch, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../ui/use-format.ts";
import { diffRows } from "./audit-diff.ts";

function Value({ value }: { value: unknown }) {
  if (value === undefined)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 1);
  return (
    <Code block={text.length > 60 || text.includes("\n")} style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
      {text}
    </Code>
  );
}

/** One table of fields: a name column, then one value column per side shown. */
function FieldTable({
  columns,
  rows,
  minWidth,
}: {
  columns: { label: string; width: string }[];
  rows: { key: string; values: unknown[]; highlight?: boolean }[];
  minWidth: number;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.label} w={c.width}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} bg={r.highlight ? "var(--mantine-color-yellow-light)" : undefined}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {r.key || "—"}
                </Text>
              </Table.Td>
              {r.values.map((v, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed per table
                <Table.Td key={i}>
                  <Value value={v} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [showAll, setShowAll] = useState(false);
  const rows = diffRows(before, after);
  const changed = rows.filter((r) => r.changed).length;
  const visible = showAll ? rows : rows.filter((r) => r.changed);
  // A record created or removed has one side only: list its fields instead of a one-sided diff.
  if (before === null || after === null) {
    return (
      <Box data-testid="audit-diff">
        <Text size="sm" c="dimmed" mb="xs">
          {after !== null ? t("audit.createdValues") : t("audit.removedValues")}
        </Text>
        <FieldTable
          minWidth={320}
          columns={[
            { label: t("audit.field"), width: "30%" },
            { label: t("audit.value"), width: "70%" },
          ]}
          rows={diffRows(null, after ?? before).map((r) => ({ key: r.key, values: [r.after] }))}
        />
      </Box>
    );
  }
  return (
    <Box data-testid="audit-diff">
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          {t("audit.changedFields", { count: changed, n: fmt.number(changed) })}
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
      <FieldTable
        minWidth={300}
        columns={[
          { label: t("audit.field"), width: "22%" },
          { label: t("audit.before"), width: "39%" },
          { label: t("audit.after"), width: "39%" },
        ]}
        rows={visible.map((r) => ({ key: r.key, values: [r.before, r.after], highlight: r.changed }))}
      />
    </Box>
  );
}
