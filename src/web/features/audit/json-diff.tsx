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

export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [showAll, setShowAll] = useState(false);
  const rows = diffRows(before, after);
  const changed = rows.filter((r) => r.changed).length;
  const visible = showAll ? rows : rows.filter((r) => r.changed);
  // A record created or removed has one side only: list its fields instead of a one-sided diff.
  const oneSide = before === null || after === null;
  if (oneSide) {
    const side = after ?? before;
    return (
      <Box data-testid="audit-diff">
        <Text size="sm" c="dimmed" mb="xs">
          {after !== null ? t("audit.createdValues") : t("audit.removedValues")}
        </Text>
        <Table.ScrollContainer minWidth={320}>
          <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="30%">{t("audit.field")}</Table.Th>
                <Table.Th>{t("audit.value")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diffRows(null, side).map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {r.key || "—"}
                    </Text>
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
      <Table.ScrollContainer minWidth={300}>
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
