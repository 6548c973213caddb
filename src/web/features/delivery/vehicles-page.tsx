// /vehicles: a distributor's vans and pickups with what each can carry (kg, and m³ when known). Planners add,
// correct and archive them (an archived vehicle takes no new trips; its past trips keep it).
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateVehicleRequest, UpdateVehicleRequest } from "../../../shared/contracts/delivery.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { PlusIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { DistributorSelect, ownDistributorId } from "../stock/stock-page.tsx";
import { cm3FromM3, gramsFromKg, kgOf, m3Of, nameIn } from "./delivery-labels.ts";
import { useCreateVehicle, useUpdateVehicle, useVehicles, type Vehicle } from "./use-delivery.ts";

export interface VehiclesSearch {
  distributorId?: string;
  archived?: boolean;
}

const route = getRouteApi("/_app/vehicles");

export function VehiclesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const me = useMe();
  const canManage = hasPermission(me, "delivery.manage");
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const own = ownDistributorId(me);
  const distributorId = own ?? search.distributorId;
  const vehicles = useVehicles({ distributorId, includeArchived: search.archived ?? false });
  const [editing, setEditing] = useState<Vehicle | "new" | null>(null);
  const archive = useUpdateVehicle();
  const rows = vehicles.data?.items ?? [];

  return (
    <Stack gap="md" data-testid="vehicles-page">
      <Group justify="space-between">
        <Title order={2}>{t("delivery.vehicles.title")}</Title>
        {canManage ? (
          <Button
            leftSection={<PlusIcon size={16} />}
            onClick={() => setEditing("new")}
            disabled={!distributorId}
            data-testid="vehicle-new"
          >
            {t("delivery.vehicles.new")}
          </Button>
        ) : null}
      </Group>
      <Group gap="sm" align="flex-end">
        {!own ? (
          <DistributorSelect
            value={search.distributorId ?? null}
            onChange={(id) =>
              void navigate({ search: (s: VehiclesSearch) => ({ ...s, distributorId: id ?? undefined }) })
            }
          />
        ) : null}
        <Checkbox
          label={t("delivery.vehicles.showArchived")}
          checked={search.archived ?? false}
          onChange={(e) => {
            const v = e.currentTarget.checked || undefined;
            void navigate({ search: (s: VehiclesSearch) => ({ ...s, archived: v }), replace: true });
          }}
          data-testid="vehicles-archived"
        />
      </Group>
      <ErrorAlert error={vehicles.error ?? archive.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="xs" data-testid="vehicles-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("delivery.vehicles.regNo")}</Table.Th>
              <Table.Th>{t("delivery.vehicles.name")}</Table.Th>
              {!own ? <Table.Th>{t("delivery.common.distributor")}</Table.Th> : null}
              <Table.Th ta="right">{t("delivery.vehicles.capacityKg")}</Table.Th>
              <Table.Th ta="right">{t("delivery.vehicles.capacityM3")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((v) => (
              <Table.Tr key={v.id} data-testid="vehicle-row" data-reg-no={v.regNo}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {v.regNo}
                  </Text>
                  {v.archivedAt ? (
                    <Badge size="xs" color="gray" variant="light" tt="none">
                      {t("delivery.vehicles.archived")}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{v.name}</Table.Td>
                {!own ? (
                  <Table.Td>{nameIn({ name: v.distributorName, nameBn: v.distributorNameBn }, locale)}</Table.Td>
                ) : null}
                <Table.Td ta="right">{fmt.number(kgOf(v.capacityG))}</Table.Td>
                <Table.Td ta="right">{v.capacityCm3 === null ? "—" : fmt.number(m3Of(v.capacityCm3))}</Table.Td>
                <Table.Td>
                  {canManage ? (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="light"
                        onClick={() => setEditing(v)}
                        data-testid="vehicle-edit"
                      >
                        {t("common.edit")}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color={v.archivedAt ? "blue" : "gray"}
                        loading={archive.isPending && archive.variables?.id === v.id}
                        onClick={() => archive.mutate({ id: v.id, body: { archived: !v.archivedAt } })}
                        data-testid="vehicle-archive"
                      >
                        {v.archivedAt ? t("delivery.vehicles.restore") : t("delivery.vehicles.archive")}
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
            {!vehicles.isPending && rows.length === 0 ? (
              <EmptyTableRow colSpan={own ? 5 : 6}>
                {distributorId || own ? t("delivery.vehicles.empty") : t("delivery.vehicles.pickDistributor")}
              </EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing !== null ? (
        <VehicleModal
          vehicle={editing === "new" ? null : editing}
          distributorId={distributorId}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}

function VehicleModal({
  vehicle,
  distributorId,
  onClose,
}: {
  vehicle: Vehicle | null;
  distributorId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [form, setForm] = useState({
    regNo: vehicle?.regNo ?? "",
    name: vehicle?.name ?? "",
    capacityKg: vehicle ? kgOf(vehicle.capacityG) : ("" as number | string),
    capacityM3: vehicle?.capacityCm3 ? m3Of(vehicle.capacityCm3) : ("" as number | string),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [idempotencyKey] = useState(newIdempotencyKey);
  const done = (saved: Vehicle) => {
    notifications.show({ color: "teal", message: t("delivery.vehicles.saved", { regNo: saved.regNo }) });
    onClose();
  };
  const create = useCreateVehicle({ meta: { inlineError: true }, onSuccess: done });
  const update = useUpdateVehicle({ meta: { inlineError: true }, onSuccess: done });
  const mutation = vehicle ? update : create;

  const submit = () => {
    const capacityG = gramsFromKg(form.capacityKg);
    const body = {
      regNo: form.regNo,
      name: form.name,
      capacityG: capacityG ?? 0,
      capacityCm3: cm3FromM3(form.capacityM3),
    };
    const failed = (error: Parameters<typeof fieldErrors>[0]) => {
      const found = fieldErrors(error, t, fmt);
      setErrors({ ...found, capacityKg: found.capacityG ?? "", capacityM3: found.capacityCm3 ?? "" });
    };
    if (vehicle) {
      const parsed = UpdateVehicleRequest.safeParse(body);
      if (!parsed.success) return failed(parsed.error);
      setErrors({});
      update.mutate({ id: vehicle.id, body: parsed.data });
    } else {
      const parsed = CreateVehicleRequest.safeParse({ ...body, distributorId });
      if (!parsed.success) return failed(parsed.error);
      setErrors({});
      create.mutate({ body: parsed.data, idempotencyKey });
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={vehicle ? t("delivery.vehicles.editTitle") : t("delivery.vehicles.new")}
      centered
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="sm">
          <TextInput
            label={t("delivery.vehicles.regNo")}
            description={t("delivery.vehicles.regNoHint")}
            required
            value={form.regNo}
            error={errors.regNo}
            onChange={(e) => setForm({ ...form, regNo: e.currentTarget.value })}
            data-testid="vehicle-reg-no"
          />
          <TextInput
            label={t("delivery.vehicles.name")}
            required
            value={form.name}
            error={errors.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            data-testid="vehicle-name"
          />
          <Group grow align="flex-start">
            <NumberInput
              label={t("delivery.vehicles.capacityKg")}
              required
              min={0}
              decimalScale={3}
              value={form.capacityKg}
              error={errors.capacityKg || undefined}
              onChange={(v) => setForm({ ...form, capacityKg: v })}
              data-testid="vehicle-capacity-kg"
            />
            <NumberInput
              label={t("delivery.vehicles.capacityM3")}
              description={t("delivery.vehicles.capacityM3Hint")}
              min={0}
              decimalScale={3}
              value={form.capacityM3}
              error={errors.capacityM3 || undefined}
              onChange={(v) => setForm({ ...form, capacityM3: v })}
              data-testid="vehicle-capacity-m3"
            />
          </Group>
          <ErrorAlert error={mutation.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="vehicle-save">
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
