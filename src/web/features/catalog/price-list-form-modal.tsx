// Create or edit a price list's header: what it applies to (channel, outlet class, a region or one
// distributor) and when (valid from / to), and whether its prices include VAT.
import { Button, Group, Modal, Select, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CreatePriceListRequest,
  OUTLET_CHANNELS,
  OUTLET_TIERS,
  type PriceListResponse,
  UpdatePriceListRequest,
} from "../../../shared/contracts/catalog.ts";
import { businessDate } from "../../../shared/format.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { territoryName } from "../territories/use-territories.ts";
import { useSavePriceList } from "./use-price-lists.ts";

export function PriceListFormModal({
  opened,
  list,
  onClose,
  onSaved,
}: {
  opened: boolean;
  list: PriceListResponse | null;
  onClose: () => void;
  onSaved?: (saved: PriceListResponse) => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery("(max-width: 36em)") ?? false;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={list ? t("catalog.priceList.editTitle") : t("catalog.priceList.createTitle")}
      size="lg"
      fullScreen={isPhone}
      centered
    >
      {opened ? <PriceListForm list={list} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function PriceListForm({
  list,
  onClose,
  onSaved,
}: {
  list: PriceListResponse | null;
  onClose: () => void;
  onSaved?: ((saved: PriceListResponse) => void) | undefined;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const [form, setForm] = useState({
    code: list?.code ?? "",
    name: list?.name ?? "",
    nameBn: list?.nameBn ?? "",
    channel: list?.channel ?? null,
    tier: list?.tier ?? null,
    territoryId: list?.territoryId ?? null,
    distributorId: list?.distributorId ?? "",
    validFrom: list?.validFrom ?? businessDate(),
    validTo: list?.validTo ?? "",
    pricesIncludeVat: list?.pricesIncludeVat ?? false,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [key] = useState(newIdempotencyKey);
  const save = useSavePriceList({
    meta: { inlineError: true },
    onSuccess: (saved) => {
      onClose();
      onSaved?.(saved);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      ...form,
      distributorId: form.distributorId.trim() || null,
      validTo: form.validTo || null,
    };
    const parsed = (list ? UpdatePriceListRequest : CreatePriceListRequest).safeParse(body);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
    setErrors({});
    save.mutate({ id: list?.id, body: parsed.data, idempotencyKey: key });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={save.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("catalog.common.code")}
            required
            value={form.code}
            error={errors.code}
            onChange={(e) => setForm({ ...form, code: e.currentTarget.value })}
            data-testid="price-list-code"
          />
          <span />
          <TextInput
            label={t("catalog.common.nameBn")}
            required
            lang="bn"
            value={form.nameBn}
            error={errors.nameBn}
            onChange={(e) => setForm({ ...form, nameBn: e.currentTarget.value })}
            data-testid="price-list-name-bn"
          />
          <TextInput
            label={t("catalog.common.name")}
            required
            value={form.name}
            error={errors.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            data-testid="price-list-name"
          />
          <Select
            label={t("catalog.priceList.channel")}
            placeholder={t("catalog.priceList.anyChannel")}
            clearable
            value={form.channel}
            onChange={(v) => setForm({ ...form, channel: v as typeof form.channel })}
            data={OUTLET_CHANNELS.map((c) => ({ value: c, label: t(`catalog.channel.${c}`) }))}
            data-testid="price-list-channel"
          />
          <Select
            label={t("catalog.priceList.tier")}
            placeholder={t("catalog.priceList.anyTier")}
            clearable
            value={form.tier}
            onChange={(v) => setForm({ ...form, tier: v as typeof form.tier })}
            data={OUTLET_TIERS.map((c) => ({ value: c, label: c }))}
            data-testid="price-list-tier"
          />
          <TextInput
            type="date"
            label={t("catalog.priceList.validFrom")}
            required
            value={form.validFrom}
            error={errors.validFrom}
            onChange={(e) => setForm({ ...form, validFrom: e.currentTarget.value })}
            data-testid="price-list-valid-from"
          />
          <TextInput
            type="date"
            label={t("catalog.priceList.validTo")}
            placeholder={t("catalog.priceList.openEnded")}
            value={form.validTo}
            error={errors.validTo}
            onChange={(e) => setForm({ ...form, validTo: e.currentTarget.value })}
            data-testid="price-list-valid-to"
          />
        </SimpleGrid>
        <TerritoryPicker
          label={t("catalog.priceList.territory")}
          description={t("catalog.priceList.anyTerritory")}
          value={form.territoryId}
          currentLabel={
            list?.territoryName
              ? territoryName({ name: list.territoryName, nameBn: list.territoryNameBn ?? "" }, locale)
              : null
          }
          onChange={(id) => setForm((f) => ({ ...f, territoryId: id }))}
          error={errors.territoryId}
        />
        <TextInput
          label={t("catalog.priceList.distributorId")}
          value={form.distributorId}
          error={errors.distributorId}
          onChange={(e) => setForm({ ...form, distributorId: e.currentTarget.value })}
          data-testid="price-list-distributor"
        />
        <Switch
          label={t("catalog.priceList.includesVat")}
          checked={form.pricesIncludeVat}
          onChange={(e) => setForm({ ...form, pricesIncludeVat: e.currentTarget.checked })}
          data-testid="price-list-includes-vat"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("catalog.common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="price-list-save">
            {t("catalog.common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
