// The org's custom fields in a CRM form (one input per active field, by type) and on a record's page.
import { Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import type { ReactElement } from "react";
import type { CustomFieldResponse } from "../../../shared/contracts/crm.ts";
import { useFormat } from "../../ui/use-format.ts";
import { customValueText } from "./crm-display.ts";

export function CustomFieldInputs({
  fields,
  values,
  onChange,
  errors = {},
}: {
  fields: readonly CustomFieldResponse[];
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
  errors?: Record<string, string>;
}): ReactElement | null {
  const fmt = useFormat();
  const active = fields.filter((f) => f.archivedAt === null);
  if (active.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {active.map((f) => {
        const label = fmt.locale === "bn" ? f.labelBn : f.labelEn;
        const common = {
          label,
          withAsterisk: f.required,
          error: errors[f.key],
          "data-testid": `custom-${f.key}`,
        };
        if (f.type === "choice")
          return (
            <Select
              key={f.key}
              {...common}
              clearable
              value={values[f.key] || null}
              onChange={(v) => onChange(f.key, v ?? "")}
              data={f.options.map((o) => ({ value: o.key, label: fmt.locale === "bn" ? o.labelBn : o.labelEn }))}
            />
          );
        return (
          <TextInput
            key={f.key}
            {...common}
            type={f.type === "number" ? "number" : f.type === "date" ? "date" : "text"}
            value={values[f.key] ?? ""}
            onChange={(e) => onChange(f.key, e.currentTarget.value)}
          />
        );
      })}
    </SimpleGrid>
  );
}

/** A record's custom values, labelled, in the user's language and digits. */
export function CustomFieldValues({
  fields,
  custom,
}: {
  fields: readonly CustomFieldResponse[];
  custom: Record<string, unknown>;
}): ReactElement | null {
  const fmt = useFormat();
  const shown = fields.filter((f) => f.archivedAt === null || custom[f.key] !== undefined);
  if (shown.length === 0) return null;
  return (
    <Stack gap={4}>
      {shown.map((f) => (
        <Group key={f.key} gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" c="dimmed" w={160} style={{ flexShrink: 0 }}>
            {fmt.locale === "bn" ? f.labelBn : f.labelEn}
          </Text>
          <Text size="sm" data-testid={`custom-value-${f.key}`}>
            {customValueText(f, custom[f.key], fmt)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
