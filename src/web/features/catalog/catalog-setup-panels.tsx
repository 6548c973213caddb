// Brands and categories: small reference lists, edited in a modal. Categories show as a tree (indented
// under their parent); archiving is refused by the server while SKUs or sub-categories still use one.
import { ActionIcon, Badge, Button, Group, Menu, Modal, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BrandResponse, CategoryResponse } from "../../../shared/contracts/catalog.ts";
import { CreateBrandRequest } from "../../../shared/contracts/catalog.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { NumberText } from "../../ui/formatted-values.tsx";
import { DotsIcon, PlusIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "./catalog-labels.ts";
import { useBrands, useSaveBrand, useSetBrandArchived } from "./use-brands.ts";
import { useCategories, useSaveCategory, useSetCategoryArchived } from "./use-categories.ts";

type Item = (BrandResponse | CategoryResponse) & { depth?: number };

export function BrandsPanel() {
  const { t } = useTranslation();
  const brands = useBrands("all");
  const [editing, setEditing] = useState<BrandResponse | "new" | null>(null);
  const save = useSaveBrand({ meta: { inlineError: true }, onSuccess: () => setEditing(null) });
  const archive = useSetBrandArchived({
    onSuccess: () => notifications.show({ color: "teal", message: t("catalog.common.saved") }),
  });
  return (
    <ReferenceTable
      kind="brand"
      rows={brands.data ?? []}
      loading={brands.isPending}
      error={brands.error ?? archive.error}
      onNew={() => setEditing("new")}
      onEdit={(b) => setEditing(b as BrandResponse)}
      onArchive={(b, archived) => archive.mutate({ id: b.id, archived })}
    >
      <ReferenceForm
        kind="brand"
        opened={editing !== null}
        item={editing === "new" ? null : editing}
        onClose={() => setEditing(null)}
        error={save.error}
        loading={save.isPending}
        onSubmit={(body, idempotencyKey) =>
          save.mutate({ id: editing === "new" ? undefined : editing?.id, body, idempotencyKey })
        }
      />
    </ReferenceTable>
  );
}

export function CategoriesPanel() {
  const { t } = useTranslation();
  const categories = useCategories("all");
  const [editing, setEditing] = useState<CategoryResponse | "new" | null>(null);
  const save = useSaveCategory({ meta: { inlineError: true }, onSuccess: () => setEditing(null) });
  const archive = useSetCategoryArchived({
    onSuccess: () => notifications.show({ color: "teal", message: t("catalog.common.saved") }),
  });
  const tree = useMemo(() => asTree(categories.data ?? []), [categories.data]);
  return (
    <ReferenceTable
      kind="category"
      rows={tree}
      loading={categories.isPending}
      error={categories.error ?? archive.error}
      onNew={() => setEditing("new")}
      onEdit={(c) => setEditing(c as CategoryResponse)}
      onArchive={(c, archived) => archive.mutate({ id: c.id, archived })}
    >
      <ReferenceForm
        kind="category"
        opened={editing !== null}
        item={editing === "new" ? null : editing}
        parents={(categories.data ?? []).filter((c) => !c.archivedAt && (editing === "new" || c.id !== editing?.id))}
        onClose={() => setEditing(null)}
        error={save.error}
        loading={save.isPending}
        onSubmit={(body, idempotencyKey) =>
          save.mutate({ id: editing === "new" ? undefined : editing?.id, body, idempotencyKey })
        }
      />
    </ReferenceTable>
  );
}

/** Categories in tree order: each parent followed by its children, with their depth for indenting. */
function asTree(all: CategoryResponse[]): (CategoryResponse & { depth: number })[] {
  const byParent = new Map<string | null, CategoryResponse[]>();
  const ids = new Set(all.map((c) => c.id));
  for (const c of all) {
    const key = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), c]);
  }
  const out: (CategoryResponse & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of byParent.get(parent) ?? []) {
      out.push({ ...c, depth });
      if (depth < 20) walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

function ReferenceTable({
  kind,
  rows,
  loading,
  error,
  onNew,
  onEdit,
  onArchive,
  children,
}: {
  kind: "brand" | "category";
  rows: Item[];
  loading: boolean;
  error: unknown;
  onNew: () => void;
  onEdit: (item: Item) => void;
  onArchive: (item: Item, archived: boolean) => void;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const canWrite = hasPermission(useMe(), "catalog.write");
  return (
    <Stack gap="md">
      {canWrite ? (
        <Group justify="flex-end">
          <Button leftSection={<PlusIcon size={16} />} onClick={onNew} data-testid={`${kind}-new`}>
            {t(`catalog.${kind}.new`)}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={error} />
      <Table.ScrollContainer minWidth={520}>
        <Table striped verticalSpacing="xs" data-testid={`${kind}-table`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("catalog.common.code")}</Table.Th>
              <Table.Th>{locale === "bn" ? t("catalog.common.nameBn") : t("catalog.common.name")}</Table.Th>
              <Table.Th>{t("catalog.common.skuCount")}</Table.Th>
              <Table.Th w={48} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid={`${kind}-row`} opacity={r.archivedAt ? 0.6 : 1}>
                <Table.Td>{r.code}</Table.Td>
                <Table.Td style={{ paddingInlineStart: `calc(var(--mantine-spacing-sm) + ${(r.depth ?? 0) * 20}px)` }}>
                  <Text size="sm" fw={r.depth ? 400 : 500}>
                    {localName(r, locale)}
                  </Text>
                  {r.archivedAt ? (
                    <Badge size="xs" color="gray" variant="light">
                      {t("catalog.common.archived")}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <NumberText value={r.skuCount} />
                </Table.Td>
                <Table.Td>
                  {canWrite ? (
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t("common.actions")}>
                          <DotsIcon />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => onEdit(r)}>{t("catalog.common.edit")}</Menu.Item>
                        <Menu.Item onClick={() => onArchive(r, !r.archivedAt)} color={r.archivedAt ? undefined : "red"}>
                          {r.archivedAt ? t("catalog.common.restore") : t("catalog.common.archive")}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
            {!loading && rows.length === 0 ? (
              <EmptyTableRow colSpan={4}>{t(`catalog.${kind}.empty`)}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {children}
    </Stack>
  );
}

function ReferenceForm({
  kind,
  opened,
  item,
  parents,
  onClose,
  onSubmit,
  error,
  loading,
}: {
  kind: "brand" | "category";
  opened: boolean;
  item: Item | null;
  parents?: CategoryResponse[];
  onClose: () => void;
  onSubmit: (body: { code: string; name: string; nameBn: string; parentId?: string | null }, key: string) => void;
  error: unknown;
  loading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={item ? t(`catalog.${kind}.editTitle`) : t(`catalog.${kind}.new`)}
      centered
    >
      {opened ? (
        <ReferenceFields
          kind={kind}
          item={item}
          parents={parents}
          onClose={onClose}
          onSubmit={onSubmit}
          error={error}
          loading={loading}
        />
      ) : null}
    </Modal>
  );
}

function ReferenceFields({
  kind,
  item,
  parents,
  onClose,
  onSubmit,
  error,
  loading,
}: Omit<Parameters<typeof ReferenceForm>[0], "opened">) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const [form, setForm] = useState({
    code: item?.code ?? "",
    name: item?.name ?? "",
    nameBn: item?.nameBn ?? "",
    parentId: item && "parentId" in item ? item.parentId : null,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [key] = useState(newIdempotencyKey);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateBrandRequest.safeParse({ code: form.code, name: form.name, nameBn: form.nameBn });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
    setErrors({});
    onSubmit(kind === "category" ? { ...parsed.data, parentId: form.parentId } : parsed.data, key);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={error} />
        <TextInput
          label={t("catalog.common.code")}
          required
          value={form.code}
          error={errors.code}
          onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
          data-testid={`${kind}-code`}
        />
        <TextInput
          label={t("catalog.common.nameBn")}
          required
          lang="bn"
          value={form.nameBn}
          error={errors.nameBn}
          onChange={(e) => setForm({ ...form, nameBn: e.currentTarget.value })}
          data-testid={`${kind}-name-bn`}
        />
        <TextInput
          label={t("catalog.common.name")}
          required
          value={form.name}
          error={errors.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          data-testid={`${kind}-name`}
        />
        {parents ? (
          <Select
            label={t("catalog.category.parent")}
            placeholder={t("catalog.category.noParent")}
            clearable
            searchable
            value={form.parentId}
            onChange={(v) => setForm({ ...form, parentId: v })}
            data={parents.map((p) => ({ value: p.id, label: localName(p, locale) }))}
            data-testid="category-parent"
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("catalog.common.cancel")}
          </Button>
          <Button type="submit" loading={loading} data-testid={`${kind}-save`}>
            {t("catalog.common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
