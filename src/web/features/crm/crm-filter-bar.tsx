// The filter and segment bar over the contact and account lists: pick a saved segment, add conditions
// ({ field, op, value } rows over built-in and custom fields), and save the conditions as a segment.
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ReactElement, useState } from "react";
import { useTranslation } from "react-i18next";
import { type CrmFilter, FILTER_OPS, type FilterOp } from "../../../shared/contracts/crm.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { useMe } from "../auth/use-session.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import {
  conditionValue,
  type FilterFieldOption,
  filterFieldOptions,
  filterToSend,
  localLabel,
  OPS_BY_TYPE,
} from "./crm-display.ts";
import { useCreateSegment, useCustomFields, useDeleteSegment, useSegments } from "./use-crm.ts";

interface Row {
  field: string;
  op: FilterOp;
  text: string;
  textTo: string;
}

export interface FilterState {
  filter: CrmFilter;
  segmentId: string | null;
}

export function CrmFilterBar({
  entity,
  onChange,
}: {
  entity: "contact" | "account";
  onChange: (state: FilterState) => void;
}): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormat();
  const fields = useCustomFields(entity);
  const segments = useSegments(entity);
  const options = filterFieldOptions(entity, fields.data ?? []);
  const me = useMe();
  const [rows, setRows] = useState<Row[]>([]);
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [mine, setMine] = useState(false);
  const [saving, setSaving] = useState(false);
  const removeSegment = useDeleteSegment();

  const fieldOf = (name: string) => options.find((o) => o.name === name);
  const toFilter = (rs: Row[]) =>
    filterToSend(
      rs.map((r) => ({
        field: r.field,
        op: r.op,
        value: conditionValue(fieldOf(r.field)?.type ?? "text", r.op, r.text, r.textTo),
      })),
    );
  const publish = (rs: Row[], seg: string | null, onlyMine = mine) =>
    onChange({
      filter: {
        all: [...toFilter(rs).all, ...(onlyMine ? [{ field: "owner", op: "eq" as const, value: me.id }] : [])],
      },
      segmentId: seg,
    });
  const setRow = (i: number, patch: Partial<Row>) => {
    const next = rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
    setRows(next);
    publish(next, segmentId);
  };
  const labelOf = (o: FilterFieldOption) =>
    o.label ? localLabel(o.label, fmt.locale) : t(o.labelKey as "crm.filters.title");

  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group gap="xs" align="flex-end">
          <Select
            label={t("crm.segments.label")}
            placeholder={t("crm.segments.none")}
            clearable
            value={segmentId}
            onChange={(v) => {
              setSegmentId(v);
              publish(rows, v);
            }}
            data={(segments.data ?? []).map((s) => ({
              value: s.id,
              label: `${s.name} (${t("crm.segments.members", { n: fmt.number(s.memberCount) })})`,
            }))}
            w={{ base: "100%", xs: 280 }}
            data-testid="segment-picker"
          />
          {segmentId ? (
            <Button
              variant="subtle"
              color="red"
              size="xs"
              loading={removeSegment.isPending}
              onClick={() =>
                removeSegment.mutate(segmentId, {
                  onSuccess: () => {
                    setSegmentId(null);
                    publish(rows, null);
                  },
                })
              }
            >
              {t("crm.segments.delete")}
            </Button>
          ) : null}
          <Checkbox
            label={t("crm.filters.mine")}
            checked={mine}
            onChange={(e) => {
              const next = e.currentTarget.checked;
              setMine(next);
              publish(rows, segmentId, next);
            }}
            mb={6}
            data-testid="filter-mine"
          />
          <Button
            variant="light"
            size="xs"
            onClick={() => setRows([...rows, { field: "name", op: "contains", text: "", textTo: "" }])}
            data-testid="filter-add"
          >
            {t("crm.filters.add")}
          </Button>
          {rows.length ? (
            <>
              <Button
                variant="subtle"
                size="xs"
                onClick={() => {
                  setRows([]);
                  publish([], segmentId);
                }}
              >
                {t("crm.filters.clear")}
              </Button>
              <Button variant="default" size="xs" onClick={() => setSaving(true)} data-testid="segment-save">
                {t("crm.segments.save")}
              </Button>
            </>
          ) : null}
        </Group>
        <ErrorAlert error={removeSegment.error} />
        {rows.map((r, i) => {
          const f = fieldOf(r.field) ?? options[0];
          const type = f?.type ?? "text";
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; their place is it
            <Group key={i} gap="xs" align="flex-end" data-testid="filter-row">
              <Select
                aria-label={t("crm.filters.field")}
                allowDeselect={false}
                searchable
                value={r.field}
                onChange={(v) => {
                  const nf = fieldOf(v ?? "name");
                  const ops = OPS_BY_TYPE[nf?.type ?? "text"];
                  setRow(i, {
                    field: v ?? "name",
                    op: ops.includes(r.op) ? r.op : (ops[0] as FilterOp),
                    text: "",
                    textTo: "",
                  });
                }}
                data={options.map((o) => ({ value: o.name, label: labelOf(o) }))}
                w={{ base: "100%", xs: 200 }}
              />
              <Select
                aria-label={t("crm.filters.op")}
                allowDeselect={false}
                value={r.op}
                onChange={(v) => setRow(i, { op: (v as FilterOp) ?? "eq" })}
                data={FILTER_OPS.filter((op) => OPS_BY_TYPE[type].includes(op)).map((op) => ({
                  value: op,
                  label: t(`crm.filters.ops.${op}`),
                }))}
                w={{ base: "100%", xs: 170 }}
              />
              {r.op === "is_empty" ? null : f && r.field === "territory" && r.op !== "in" ? (
                <TerritoryPicker
                  label={t("crm.filters.value")}
                  value={r.text || null}
                  onChange={(id) => setRow(i, { text: id ?? "" })}
                />
              ) : f?.options?.length && r.op === "in" ? (
                <MultiSelect
                  aria-label={t("crm.filters.value")}
                  value={r.text ? r.text.split(",") : []}
                  onChange={(v) => setRow(i, { text: v.join(",") })}
                  data={f.options.map((o) => ({ value: o.key, label: localLabel(o.label, fmt.locale) }))}
                  w={{ base: "100%", xs: 240 }}
                />
              ) : f?.options?.length ? (
                <Select
                  aria-label={t("crm.filters.value")}
                  value={r.text || null}
                  onChange={(v) => setRow(i, { text: v ?? "" })}
                  data={f.options.map((o) => ({ value: o.key, label: localLabel(o.label, fmt.locale) }))}
                  w={{ base: "100%", xs: 200 }}
                />
              ) : (
                <>
                  <TextInput
                    aria-label={t("crm.filters.value")}
                    type={type === "number" ? "number" : type === "date" ? "date" : "text"}
                    placeholder={r.op === "in" ? t("crm.filters.listHint") : undefined}
                    value={r.text}
                    onChange={(e) => setRow(i, { text: e.currentTarget.value })}
                    w={{ base: "100%", xs: 200 }}
                    data-testid="filter-value"
                  />
                  {r.op === "between" ? (
                    <TextInput
                      aria-label={t("crm.filters.to")}
                      type={type === "number" ? "number" : type === "date" ? "date" : "text"}
                      value={r.textTo}
                      onChange={(e) => setRow(i, { textTo: e.currentTarget.value })}
                      w={{ base: "100%", xs: 200 }}
                    />
                  ) : null}
                </>
              )}
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t("crm.filters.clear")}
                onClick={() => {
                  const next = rows.filter((_, j) => j !== i);
                  setRows(next);
                  publish(next, segmentId);
                }}
              >
                ×
              </ActionIcon>
            </Group>
          );
        })}
      </Stack>
      <SaveSegmentModal
        opened={saving}
        onClose={() => setSaving(false)}
        entity={entity}
        filter={toFilter(rows)}
        onSaved={(id) => {
          setRows([]);
          setSegmentId(id);
          publish([], id);
        }}
      />
    </Paper>
  );
}

function SaveSegmentModal({
  opened,
  onClose,
  entity,
  filter,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  entity: "contact" | "account";
  filter: CrmFilter;
  onSaved: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const create = useCreateSegment({
    onSuccess: (s) => {
      notifications.show({ color: "teal", message: t("crm.segments.saved") });
      onSaved(s.id);
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t("crm.segments.save")}>
      <Stack>
        <TextInput
          label={t("crm.segments.name")}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="segment-name"
        />
        <Checkbox
          label={t("crm.segments.shared")}
          checked={shared}
          onChange={(e) => setShared(e.currentTarget.checked)}
        />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("crm.common.cancel")}
          </Button>
          <Button
            loading={create.isPending}
            disabled={name.trim() === ""}
            onClick={() => create.mutate({ name: name.trim(), entity, filter, shared })}
            data-testid="segment-save-confirm"
          >
            {t("crm.common.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
