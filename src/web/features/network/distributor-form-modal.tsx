import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CreateDistributorRequest,
  type DistributorResponse,
  UpdateDistributorRequest,
} from "../../../shared/contracts/network.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { localName, poishaToTaka, takaToPoisha } from "./network-labels.ts";
import { useCreateDistributor, useUpdateDistributor } from "./use-distributors.ts";

export function DistributorFormModal({
  opened,
  distributor,
  onClose,
}: {
  opened: boolean;
  distributor: DistributorResponse | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery("(max-width: 36em)") ?? false;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={distributor ? t("network.distributors.editTitle") : t("network.distributors.createTitle")}
      size="lg"
      fullScreen={isPhone}
      centered
    >
      {opened ? <DistributorForm distributor={distributor} onDone={onClose} /> : null}
    </Modal>
  );
}

const text = (v: string) => (v.trim() === "" ? null : v.trim());

function DistributorForm({ distributor: d, onDone }: { distributor: DistributorResponse | null; onDone: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [f, setF] = useState(() => ({
    code: d?.code ?? "",
    name: d?.name ?? "",
    nameBn: d?.nameBn ?? "",
    ownerName: d?.ownerName ?? "",
    phone: d?.phone ?? "",
    email: d?.email ?? "",
    address: d?.address ?? "",
    tradeLicence: d?.tradeLicence ?? "",
    bin: d?.bin ?? "",
    creditLimit: poishaToTaka(d?.creditLimitPoisha ?? null),
    creditDays: d?.creditDays ?? 0,
    territoryId: d?.territory.id ?? (null as string | null),
    coverage: d?.coverage ?? [],
    addCoverage: null as string | null,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useCreateDistributor({ meta: { inlineError: true }, onSuccess: onDone });
  const update = useUpdateDistributor({ meta: { inlineError: true }, onSuccess: onDone });
  const mutation = d ? update : create;
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((s) => ({ ...s, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      code: f.code,
      name: f.name,
      nameBn: f.nameBn,
      ownerName: f.ownerName,
      phone: f.phone,
      email: text(f.email),
      address: f.address,
      tradeLicence: text(f.tradeLicence),
      bin: text(f.bin),
      creditLimitPoisha: takaToPoisha(f.creditLimit),
      creditDays: f.creditDays,
      territoryId: f.territoryId,
      coverageTerritoryIds: [...f.coverage.map((c) => c.id), ...(f.addCoverage ? [f.addCoverage] : [])],
    };
    const parsed = (d ? UpdateDistributorRequest : CreateDistributorRequest).safeParse(body);
    if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
    setErrors({});
    if (d) update.mutate({ id: d.id, body: parsed.data as UpdateDistributorRequest });
    else create.mutate({ body: parsed.data as CreateDistributorRequest, idempotencyKey });
  };

  const input = (
    key:
      | "code"
      | "name"
      | "nameBn"
      | "ownerName"
      | "phone"
      | "email"
      | "address"
      | "tradeLicence"
      | "bin"
      | "creditLimit",
    label: string,
    extra: Record<string, unknown> = {},
  ) => (
    <TextInput
      label={label}
      value={f[key]}
      error={errors[key === "creditLimit" ? "creditLimitPoisha" : key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      data-testid={`distributor-${key}`}
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
          {input("name", t("network.fields.legalNameEn"), { required: true })}
          {input("nameBn", t("network.fields.legalNameBn"), { required: true })}
          {input("phone", t("network.fields.phone"), { required: true, placeholder: "01XXXXXXXXX", type: "tel" })}
          {input("email", t("network.fields.email"), { type: "email" })}
          {input("tradeLicence", t("network.fields.tradeLicence"))}
          {input("bin", t("network.fields.bin"))}
          {input("creditLimit", t("network.fields.creditLimitTaka"), { inputMode: "decimal" })}
          <NumberInput
            label={t("network.fields.creditDays")}
            min={0}
            max={365}
            allowDecimal={false}
            value={f.creditDays}
            error={errors.creditDays}
            onChange={(v) => set("creditDays", typeof v === "number" ? v : 0)}
          />
        </SimpleGrid>
        {input("address", t("network.fields.address"), { required: true })}
        <TerritoryPicker
          label={t("network.fields.homeTerritory")}
          value={f.territoryId}
          currentLabel={d ? localName(d.territory, fmt.locale) : null}
          onChange={(id) => set("territoryId", id)}
          error={errors.territoryId}
        />
        <Stack gap={4}>
          <Group gap="xs">
            {f.coverage.map((c) => (
              <Button
                key={c.id}
                size="compact-sm"
                variant="light"
                onClick={() =>
                  set(
                    "coverage",
                    f.coverage.filter((x) => x.id !== c.id),
                  )
                }
                title={t("network.distributors.removeCoverage")}
              >
                {localName(c, fmt.locale)} ×
              </Button>
            ))}
          </Group>
          <TerritoryPicker
            label={t("network.distributors.addCoverage")}
            value={f.addCoverage}
            onChange={(id) => set("addCoverage", id)}
          />
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="distributor-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
