// Custom fields (head office): the org's own fields on contacts, accounts, leads and deals, in order; add one, edit
// its labels, options, required flag and order, or archive it (stored values and saved filters keep working).
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ReactElement, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CRM_ENTITIES,
  type CrmEntity,
  CUSTOM_FIELD_TYPES,
  type CustomFieldOption,
  type CustomFieldResponse,
  type CustomFieldType,
} from "../../../shared/contracts/crm.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { PlusIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { useCreateCustomField, useCustomFields, useUpdateCustomField } from "./use-crm.ts";

export function CustomFieldsPage(): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [entity, setEntity] = useState<CrmEntity>("contact");
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<CustomFieldResponse | "new" | null>(null);
  const fields = useCustomFields(entity, showArchived);
  const update = useUpdateCustomField();
  const rows = fields.data ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("crm.fields.title")}</Title>
        <Button leftSection={<PlusIcon size={16} />} onClick={() => setEditing("new")} data-testid="field-new">
          {t("crm.fields.new")}
        </Button>
      </Group>
      <Group>
        <SegmentedControl
          value={entity}
          onChange={(v) => setEntity(v as CrmEntity)}
          data={CRM_ENTITIES.map((e) => ({ value: e, label: t(`crm.fields.entity.${e}`) }))}
          data-testid="field-entity"
        />
        <Switch
          label={t("crm.fields.showArchived")}
          checked={showArchived}
          onChange={(e) => setShowArchived(e.currentTarget.checked)}
        />
      </Group>
      <ErrorAlert error={fields.error ?? update.error} />
      <Table striped data-testid="field-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("crm.fields.position")}</Table.Th>
            <Table.Th>{t("crm.fields.key")}</Table.Th>
            <Table.Th>{fmt.locale === "bn" ? t("crm.fields.labelBn") : t("crm.fields.labelEn")}</Table.Th>
            <Table.Th>{t("crm.fields.type")}</Table.Th>
            <Table.Th>{t("crm.fields.required")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((f) => (
            <Table.Tr key={f.id} data-testid="field-row">
              <Table.Td>{fmt.number(f.position)}</Table.Td>
              <Table.Td style={{ fontFamily: "monospace" }}>{f.key}</Table.Td>
              <Table.Td>
                {fmt.locale === "bn" ? f.labelBn : f.labelEn}
                {f.archivedAt ? (
                  <Badge ml="xs" color="gray" variant="light">
                    {t("crm.common.archived")}
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                {t(`crm.fields.types.${f.type}`)}
                {f.type === "choice" ? (
                  <Text span size="xs" c="dimmed">
                    {" "}
                    ({f.options.map((o) => (fmt.locale === "bn" ? o.labelBn : o.labelEn)).join(", ")})
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{f.required ? "✓" : ""}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end">
                  <Button size="compact-sm" variant="subtle" onClick={() => setEditing(f)}>
                    {t("crm.common.edit")}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color={f.archivedAt ? "teal" : "red"}
                    onClick={() => update.mutate({ id: f.id, body: { archived: f.archivedAt === null } })}
                  >
                    {f.archivedAt ? t("crm.common.restore") : t("crm.common.archive")}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
          {!fields.isPending && rows.length === 0 ? (
            <EmptyTableRow colSpan={6}>{t("crm.fields.noFields")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
      </Table>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? t("crm.fields.new") : editing ? editing.key : ""}
        size="lg"
      >
        {editing !== null ? (
          <FieldForm entity={entity} field={editing === "new" ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
    </Stack>
  );
}

function FieldForm({
  entity,
  field,
  onDone,
}: {
  entity: CrmEntity;
  field: CustomFieldResponse | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    key: field?.key ?? "",
    labelEn: field?.labelEn ?? "",
    labelBn: field?.labelBn ?? "",
    type: field?.type ?? ("text" as CustomFieldType),
    required: field?.required ?? false,
    position: field?.position ?? 0,
  });
  const [options, setOptions] = useState<CustomFieldOption[]>(field?.options ?? []);
  const done = () => {
    notifications.show({ color: "teal", message: t("crm.common.saved") });
    onDone();
  };
  const create = useCreateCustomField({ onSuccess: done });
  const update = useUpdateCustomField({ onSuccess: done });
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const submit = () => {
    const opts = v.type === "choice" ? options : [];
    if (field)
      update.mutate({
        id: field.id,
        body: { labelEn: v.labelEn, labelBn: v.labelBn, required: v.required, position: v.position, options: opts },
      });
    else
      create.mutate({
        entity,
        key: v.key,
        labelEn: v.labelEn,
        labelBn: v.labelBn,
        type: v.type,
        required: v.required,
        position: v.position,
        options: opts,
      });
  };
  return (
    <Stack>
      <TextInput
        label={t("crm.fields.key")}
        disabled={field !== null}
        value={v.key}
        onChange={(e) => set({ key: e.currentTarget.value })}
        data-testid="field-key"
      />
      <TextInput
        label={t("crm.fields.labelEn")}
        value={v.labelEn}
        onChange={(e) => set({ labelEn: e.currentTarget.value })}
        data-testid="field-label-en"
      />
      <TextInput
        label={t("crm.fields.labelBn")}
        value={v.labelBn}
        onChange={(e) => set({ labelBn: e.currentTarget.value })}
        data-testid="field-label-bn"
      />
      <Group grow>
        <Select
          label={t("crm.fields.type")}
          disabled={field !== null}
          allowDeselect={false}
          value={v.type}
          onChange={(type) => set({ type: (type as CustomFieldType) ?? "text" })}
          data={CUSTOM_FIELD_TYPES.map((x) => ({ value: x, label: t(`crm.fields.types.${x}`) }))}
          data-testid="field-type"
        />
        <NumberInput
          label={t("crm.fields.position")}
          min={0}
          max={10000}
          value={v.position}
          onChange={(n) => set({ position: typeof n === "number" ? n : 0 })}
        />
      </Group>
      <Checkbox
        label={t("crm.fields.required")}
        checked={v.required}
        onChange={(e) => set({ required: e.currentTarget.checked })}
      />
      {v.type === "choice" ? (
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t("crm.fields.options")}
          </Text>
          {options.map((o, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an option being typed has no key of its own yet
            <Group key={i} gap="xs" wrap="nowrap">
              <TextInput
                aria-label={t("crm.fields.optionKey")}
                placeholder={t("crm.fields.optionKey")}
                value={o.key}
                onChange={(e) =>
                  setOptions(options.map((x, j) => (j === i ? { ...x, key: e.currentTarget.value } : x)))
                }
              />
              <TextInput
                aria-label={t("crm.fields.labelEn")}
                placeholder={t("crm.fields.labelEn")}
                value={o.labelEn}
                onChange={(e) =>
                  setOptions(options.map((x, j) => (j === i ? { ...x, labelEn: e.currentTarget.value } : x)))
                }
              />
              <TextInput
                aria-label={t("crm.fields.labelBn")}
                placeholder={t("crm.fields.labelBn")}
                value={o.labelBn}
                onChange={(e) =>
                  setOptions(options.map((x, j) => (j === i ? { ...x, labelBn: e.currentTarget.value } : x)))
                }
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t("crm.common.archive")}
                onClick={() => setOptions(options.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => setOptions([...options, { key: "", labelEn: "", labelBn: "" }])}
            data-testid="field-add-option"
          >
            {t("crm.fields.addOption")}
          </Button>
        </Stack>
      ) : null}
      <ErrorAlert error={create.error ?? update.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t("crm.common.cancel")}
        </Button>
        <Button loading={create.isPending || update.isPending} onClick={submit} data-testid="field-save">
          {t("crm.common.save")}
        </Button>
      </Group>
    </Stack>
  );
}
