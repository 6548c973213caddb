import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CHANNELS,
  CreateOutletRequest,
  OUTLET_CLASSES,
  type OutletResponse,
  UpdateOutletRequest,
} from "../../../shared/contracts/network.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { localName, poishaToTaka, takaToPoisha } from "./network-labels.ts";
import { useDistributors } from "./use-distributors.ts";
import { useCreateOutlet, useUpdateOutlet } from "./use-outlets.ts";

export function OutletFormModal({
  opened,
  outlet,
  onClose,
  onSaved,
}: {
  opened: boolean;
  outlet: OutletResponse | null;
  onClose: () => void;
  onSaved?: (o: OutletResponse) => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery("(max-width: 36em)") ?? false;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={outlet ? t("network.outlets.editTitle") : t("network.outlets.createTitle")}
      size="lg"
      fullScreen={isPhone}
      centered
    >
      {opened ? <OutletForm outlet={outlet} onDone={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

const text = (v: string) => (v.trim() === "" ? null : v.trim());
const num = (v: string) => (v.trim() === "" ? null : Number(v));

function OutletForm({
  outlet,
  onDone,
  onSaved,
}: {
  outlet: OutletResponse | null;
  onDone: () => void;
  onSaved?: (o: OutletResponse) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [f, setF] = useState(() => ({
    code: outlet?.code ?? "",
    name: outlet?.name ?? "",
    nameBn: outlet?.nameBn ?? "",
    ownerName: outlet?.ownerName ?? "",
    phone: outlet?.phone ?? "",
    address: outlet?.address ?? "",
    division: outlet?.division ?? "",
    district: outlet?.district ?? "",
    upazila: outlet?.upazila ?? "",
    lat: outlet?.lat?.toString() ?? "",
    lng: outlet?.lng?.toString() ?? "",
    channel: outlet?.channel ?? "grocery",
    class: outlet?.class ?? "C",
    creditLimit: poishaToTaka(outlet?.creditLimitPoisha ?? null),
    distributorId: null as string | null,
    routeId: null as string | null,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [idempotencyKey] = useState(newIdempotencyKey);
  const distributors = useDistributors({}, 200);
  const done = (o: OutletResponse) => {
    onDone();
    onSaved?.(o);
  };
  const create = useCreateOutlet({ meta: { inlineError: true }, onSuccess: done });
  const update = useUpdateOutlet({ meta: { inlineError: true }, onSuccess: done });
  const mutation = outlet ? update : create;
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((s) => ({ ...s, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const creditLimitPoisha = takaToPoisha(f.creditLimit);
    const common = {
      code: f.code,
      name: f.name,
      nameBn: f.nameBn,
      ownerName: f.ownerName,
      phone: text(f.phone),
      address: f.address,
      division: text(f.division),
      district: text(f.district),
      upazila: text(f.upazila),
      lat: num(f.lat),
      lng: num(f.lng),
      channel: f.channel,
      class: f.class,
      creditLimitPoisha,
    };
    if (outlet) {
      const parsed = UpdateOutletRequest.safeParse(common);
      if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
      setErrors({});
      update.mutate({ id: outlet.id, body: parsed.data });
    } else {
      const parsed = CreateOutletRequest.safeParse({ ...common, distributorId: f.distributorId, routeId: f.routeId });
      if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
      setErrors({});
      create.mutate({ body: parsed.data, idempotencyKey });
    }
  };

  const input = (key: keyof typeof f & string, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      value={String(f[key] ?? "")}
      error={errors[key === "creditLimit" ? "creditLimitPoisha" : key]}
      onChange={(e) => set(key, e.currentTarget.value as never)}
      data-testid={`outlet-${key}`}
      {...extra}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {input("code", t("network.fields.code"), { required: true })}
          {input("ownerName", t("network.fields.owner"), { required: true })}
          {input("name", t("network.fields.nameEn"), { required: true })}
          {input("nameBn", t("network.fields.nameBn"), { required: true })}
          {input("phone", t("network.fields.phone"), { placeholder: "01XXXXXXXXX", type: "tel", inputMode: "tel" })}
          {input("creditLimit", t("network.fields.creditLimitTaka"), { inputMode: "decimal" })}
          <Select
            label={t("network.fields.channel")}
            allowDeselect={false}
            value={f.channel}
            onChange={(v) => v && set("channel", v as typeof f.channel)}
            data={CHANNELS.map((c) => ({ value: c, label: t(`network.channel.${c}`) }))}
            data-testid="outlet-channel"
          />
          <Select
            label={t("network.fields.class")}
            allowDeselect={false}
            value={f.class}
            onChange={(v) => v && set("class", v as typeof f.class)}
            data={OUTLET_CLASSES.map((c) => ({ value: c, label: c }))}
          />
        </SimpleGrid>
        {input("address", t("network.fields.address"))}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {input("division", t("network.fields.division"))}
          {input("district", t("network.fields.district"))}
          {input("upazila", t("network.fields.upazila"))}
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="sm">
          {input("lat", t("network.fields.lat"), { inputMode: "decimal" })}
          {input("lng", t("network.fields.lng"), { inputMode: "decimal" })}
        </SimpleGrid>
        {!outlet ? (
          <>
            <Select
              label={t("network.fields.distributor")}
              clearable
              searchable
              value={f.distributorId}
              onChange={(v) => set("distributorId", v)}
              data={(distributors.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({
                value: d.id,
                label: `${d.code} · ${localName(d, fmt.locale)}`,
              }))}
              data-testid="outlet-distributor"
            />
            <TerritoryPicker
              label={t("network.fields.route")}
              description={t("network.outlets.routeHint")}
              value={f.routeId}
              onChange={(id) => set("routeId", id)}
              error={errors.routeId}
            />
          </>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="outlet-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
