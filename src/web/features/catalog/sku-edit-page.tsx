// /catalog/skus/$skuId: one SKU's details and pack sizes ("new" creates one). The pack sizes editor shows the
// conversion as it will read on an order ("1 case = 12 packs = 144 pieces") while it is being typed.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateSkuRequest, type SkuResponse, UpdateSkuRequest } from "../../../shared/contracts/catalog.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { PlusIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName, unitChain } from "./catalog-labels.ts";
import { useBrands } from "./use-brands.ts";
import { useCategories } from "./use-categories.ts";
import { useCreateSku, useSetSkuArchived, useSku, useUpdateSku } from "./use-skus.ts";

export function SkuEditPage() {
  const { t } = useTranslation();
  const { skuId } = useParams({ from: "/_app/catalog/skus/$skuId" });
  const isNew = skuId === "new";
  const sku = useSku(isNew ? undefined : skuId);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/catalog" size="sm">
        ← {t("catalog.sku.back")}
      </Anchor>
      <ErrorAlert error={sku.error} />
      {isNew ? <SkuForm sku={null} /> : sku.data ? <SkuForm key={sku.data.updatedAt} sku={sku.data} /> : null}
    </Stack>
  );
}

interface UnitDraft {
  key: number;
  unit: string;
  factor: number | string;
  name: string;
  nameBn: string;
}

let nextKey = 1;

function SkuForm({ sku }: { sku: SkuResponse | null }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const navigate = useNavigate();
  const canWrite = hasPermission(useMe(), "catalog.write");
  const brands = useBrands();
  const categories = useCategories();
  const [form, setForm] = useState({
    code: sku?.code ?? "",
    name: sku?.name ?? "",
    nameBn: sku?.nameBn ?? "",
    brandId: sku?.brandId ?? null,
    categoryId: sku?.categoryId ?? null,
    barcode: sku?.barcode ?? "",
    vatPercent: sku ? sku.vatRateBp / 100 : 15,
    sellByUnit: sku?.sellByUnit ?? null,
    weightG: (sku?.weightG ?? "") as number | string,
    volumeCm3: (sku?.volumeCm3 ?? "") as number | string,
  });
  const baseUnit = sku?.baseUnit ?? "piece";
  const baseUnitName = t(`orders.units.${baseUnit}`, { defaultValue: baseUnit });
  const [units, setUnits] = useState<UnitDraft[]>(() =>
    (sku?.units ?? [{ unit: "piece", name: "Piece", nameBn: "পিস", factor: 1 }]).map((u) => ({ ...u, key: nextKey++ })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useCreateSku({
    meta: { inlineError: true },
    onSuccess: (created) => {
      notifications.show({ color: "teal", message: t("catalog.sku.created", { code: created.code }) });
      void navigate({ to: "/catalog/skus/$skuId", params: { skuId: created.id } });
    },
  });
  const update = useUpdateSku({
    meta: { inlineError: true },
    onSuccess: () => notifications.show({ color: "teal", message: t("catalog.common.saved") }),
  });
  const archive = useSetSkuArchived();
  const mutation = sku ? update : create;

  const unitInput = units
    .filter((u) => u.unit.trim() !== "")
    .map((u) => ({
      unit: u.unit.trim().toLowerCase(),
      factor: Number(u.factor),
      ...(u.name.trim() && { name: u.name.trim() }),
      ...(u.nameBn.trim() && { nameBn: u.nameBn.trim() }),
    }));
  const preview = unitChain(
    unitInput
      .filter((u) => Number.isInteger(u.factor) && u.factor >= 1)
      .map((u) => ({ unit: u.unit, factor: u.factor, name: u.name ?? u.unit, nameBn: u.nameBn ?? u.unit })),
    locale,
    fmt.number,
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = {
      code: form.code,
      name: form.name,
      nameBn: form.nameBn,
      brandId: form.brandId ?? "",
      categoryId: form.categoryId ?? "",
      barcode: form.barcode.trim() ? form.barcode.trim() : null,
      vatRateBp: Math.round(Number(form.vatPercent) * 100),
      sellByUnit: form.sellByUnit,
      // Empty = unknown: the delivery capacity check does not count the line (and says so).
      weightG: form.weightG === "" ? null : Number(form.weightG),
      volumeCm3: form.volumeCm3 === "" ? null : Number(form.volumeCm3),
      units: unitInput,
    };
    if (sku) {
      const parsed = UpdateSkuRequest.safeParse(common);
      if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
      setErrors({});
      update.mutate({ id: sku.id, body: parsed.data });
    } else {
      const parsed = CreateSkuRequest.safeParse({ ...common, baseUnit });
      if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
      setErrors({});
      create.mutate({ body: parsed.data, idempotencyKey });
    }
  };
  const setUnit = (key: number, patch: Partial<UnitDraft>) =>
    setUnits((us) => us.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2}>{sku ? `${sku.code} · ${localName(sku, locale)}` : t("catalog.sku.createTitle")}</Title>
          {sku?.archivedAt ? <Badge color="gray">{t("catalog.common.archived")}</Badge> : null}
        </Group>
        {sku?.archivedAt ? <Alert color="gray">{t("catalog.sku.archivedNotice")}</Alert> : null}
        <ErrorAlert error={mutation.error ?? archive.error} />
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t("catalog.common.code")}
              required
              value={form.code}
              error={errors.code}
              onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
              readOnly={!canWrite}
              data-testid="sku-code"
            />
            <TextInput
              label={t("catalog.sku.barcode")}
              value={form.barcode}
              error={errors.barcode}
              inputMode="numeric"
              onChange={(e) => setForm({ ...form, barcode: e.currentTarget.value })}
              readOnly={!canWrite}
              data-testid="sku-barcode"
            />
            <TextInput
              label={t("catalog.common.nameBn")}
              required
              lang="bn"
              value={form.nameBn}
              error={errors.nameBn}
              onChange={(e) => setForm({ ...form, nameBn: e.currentTarget.value })}
              readOnly={!canWrite}
              data-testid="sku-name-bn"
            />
            <TextInput
              label={t("catalog.common.name")}
              required
              value={form.name}
              error={errors.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
              readOnly={!canWrite}
              data-testid="sku-name"
            />
            <Select
              label={t("catalog.sku.brand")}
              required
              searchable
              value={form.brandId}
              error={errors.brandId}
              onChange={(v) => setForm({ ...form, brandId: v })}
              data={(brands.data ?? []).map((b) => ({ value: b.id, label: localName(b, locale) }))}
              readOnly={!canWrite}
              data-testid="sku-brand"
            />
            <Select
              label={t("catalog.sku.category")}
              required
              searchable
              value={form.categoryId}
              error={errors.categoryId}
              onChange={(v) => setForm({ ...form, categoryId: v })}
              data={(categories.data ?? []).map((c) => ({ value: c.id, label: localName(c, locale) }))}
              readOnly={!canWrite}
              data-testid="sku-category"
            />
            <NumberInput
              label={t("catalog.sku.vat")}
              min={0}
              max={100}
              decimalScale={2}
              value={form.vatPercent}
              error={errors.vatRateBp}
              onChange={(v) => setForm({ ...form, vatPercent: Number(v) || 0 })}
              readOnly={!canWrite}
              data-testid="sku-vat"
            />
            <Select
              label={t("catalog.sku.sellBy")}
              placeholder={t("catalog.sku.sellByAny")}
              clearable
              value={form.sellByUnit}
              error={errors.sellByUnit}
              onChange={(v) => setForm({ ...form, sellByUnit: v })}
              data={unitInput.map((u) => ({ value: u.unit, label: u.unit }))}
              readOnly={!canWrite}
              data-testid="sku-sell-by"
            />
            <NumberInput
              label={t("catalog.sku.weightG", { unit: baseUnitName })}
              description={t("catalog.sku.weightHint")}
              min={0}
              allowDecimal={false}
              value={form.weightG}
              error={errors.weightG}
              onChange={(v) => setForm({ ...form, weightG: v })}
              readOnly={!canWrite}
              data-testid="sku-weight"
            />
            <NumberInput
              label={t("catalog.sku.volumeCm3", { unit: baseUnitName })}
              description={t("catalog.sku.volumeHint")}
              min={0}
              allowDecimal={false}
              value={form.volumeCm3}
              error={errors.volumeCm3}
              onChange={(v) => setForm({ ...form, volumeCm3: v })}
              readOnly={!canWrite}
              data-testid="sku-volume"
            />
          </SimpleGrid>
        </Paper>

        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={4}>{t("catalog.units.title")}</Title>
            <Text size="sm" c="dimmed">
              {t("catalog.units.hint")}
            </Text>
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing={4} data-testid="sku-units">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("catalog.units.unit")}</Table.Th>
                    <Table.Th>{t("catalog.units.factor")}</Table.Th>
                    <Table.Th>{t("catalog.common.nameBn")}</Table.Th>
                    <Table.Th>{t("catalog.common.name")}</Table.Th>
                    <Table.Th w={40} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {units.map((u) => {
                    const isBase = u.unit === baseUnit;
                    return (
                      <Table.Tr key={u.key} data-testid="sku-unit-row">
                        <Table.Td>
                          <TextInput
                            size="xs"
                            value={u.unit}
                            readOnly={isBase || !canWrite}
                            aria-label={t("catalog.units.unit")}
                            onChange={(e) => setUnit(u.key, { unit: e.currentTarget.value })}
                            data-testid="sku-unit-code"
                          />
                        </Table.Td>
                        <Table.Td>
                          <NumberInput
                            size="xs"
                            min={1}
                            allowDecimal={false}
                            value={u.factor}
                            readOnly={isBase || !canWrite}
                            aria-label={t("catalog.units.factor")}
                            onChange={(v) => setUnit(u.key, { factor: v })}
                            data-testid="sku-unit-factor"
                          />
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            size="xs"
                            lang="bn"
                            value={u.nameBn}
                            readOnly={!canWrite}
                            aria-label={t("catalog.common.nameBn")}
                            onChange={(e) => setUnit(u.key, { nameBn: e.currentTarget.value })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            size="xs"
                            value={u.name}
                            readOnly={!canWrite}
                            aria-label={t("catalog.common.name")}
                            onChange={(e) => setUnit(u.key, { name: e.currentTarget.value })}
                          />
                        </Table.Td>
                        <Table.Td>
                          {!isBase && canWrite ? (
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t("catalog.units.remove")}
                              onClick={() => setUnits((us) => us.filter((x) => x.key !== u.key))}
                            >
                              ×
                            </ActionIcon>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between">
              {canWrite ? (
                <Button
                  variant="light"
                  size="xs"
                  leftSection={<PlusIcon size={14} />}
                  onClick={() =>
                    setUnits((us) => [...us, { key: nextKey++, unit: "", factor: "", name: "", nameBn: "" }])
                  }
                  data-testid="sku-unit-add"
                >
                  {t("catalog.units.add")}
                </Button>
              ) : (
                <span />
              )}
              <Text size="sm" fw={600} data-testid="sku-unit-chain">
                {t("catalog.units.chain")}: {preview}
              </Text>
            </Group>
          </Stack>
        </Paper>

        {canWrite ? (
          <Group justify="space-between">
            {sku ? (
              <Button
                variant="default"
                color={sku.archivedAt ? undefined : "red"}
                loading={archive.isPending}
                onClick={() => archive.mutate({ id: sku.id, archived: !sku.archivedAt })}
                data-testid="sku-archive"
              >
                {sku.archivedAt ? t("catalog.common.restore") : t("catalog.common.archive")}
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" loading={mutation.isPending} data-testid="sku-save">
              {t("catalog.common.save")}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
