// /trips: the delivery trips of a day (the date in the URL, today by default) with their live status — drops
// delivered, failed and waiting, value delivered and cash collected — refreshed every 10 seconds while a trip is
// on the road; and "New trip" (vehicle, driver, date, route) for whoever plans them.
import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { TRIP_STATUSES, type TripStatus } from "../../../shared/contracts/delivery.ts";
import { businessDate } from "../../../shared/format.ts";
import { api, newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, DateTimeText, Money, NumberText } from "../../ui/formatted-values.tsx";
import { PlusIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { BADGE_NO_SHRINK } from "../network/network-labels.ts";
import { localName, useDistributors } from "../orders/use-network-lookups.ts";
import { DistributorSelect, ownDistributorId } from "../stock/stock-page.tsx";
import { nameIn, TRIP_STATUS_COLORS } from "./delivery-labels.ts";
import {
  isLiveTrip,
  LIVE_TRIP_REFRESH_MS,
  type TripSummary,
  useCreateTrip,
  useDrivers,
  useTrips,
  useVehicles,
} from "./use-delivery.ts";

export interface TripsSearch {
  date?: string;
  status?: TripStatus;
  distributorId?: string;
}

const route = getRouteApi("/_app/trips");

export function TripListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const me = useMe();
  const canManage = hasPermission(me, "delivery.manage");
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<TripsSearch>) =>
    void navigate({ search: (s: TripsSearch) => ({ ...s, ...patch }), replace: true });
  const today = businessDate();
  const date = search.date ?? today;
  const own = ownDistributorId(me);
  const showDistributor = !own;
  const distributors = useDistributors(showDistributor);

  const trips = useTrips({ date, status: search.status, distributorId: own ?? search.distributorId });
  const rows = useMemo(() => trips.data?.pages.flatMap((p) => p.items) ?? [], [trips.data]);
  const totals = trips.data?.pages[0]?.totals;
  const live = rows.some(isLiveTrip);
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap="md" data-testid="trips-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t("delivery.trips.title")}</Title>
          <Group gap={6}>
            <Text size="sm" c="dimmed" data-testid="trips-updated">
              {trips.dataUpdatedAt > 0 ? (
                <>
                  {t("delivery.live.updated")} <DateTimeText value={new Date(trips.dataUpdatedAt)} />
                </>
              ) : null}
              {live ? ` · ${t("delivery.live.autoRefresh", { seconds: fmt.number(LIVE_TRIP_REFRESH_MS / 1000) })}` : ""}
            </Text>
            {trips.isFetching ? <Loader size="xs" /> : null}
          </Group>
        </div>
        <Group gap="xs">
          <Button component={Link} to="/vehicles" variant="default" data-testid="trips-vehicles">
            {t("delivery.nav.vehicles")}
          </Button>
          <Button component={Link} to="/delivery-metrics" variant="default" data-testid="trips-metrics">
            {t("delivery.nav.metrics")}
          </Button>
          {canManage ? (
            <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)} data-testid="trip-new">
              {t("delivery.trips.new")}
            </Button>
          ) : null}
        </Group>
      </Group>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t("delivery.trips.date")}
          value={date}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setSearch({ date: v && v !== today ? v : undefined });
          }}
          w={{ base: "100%", xs: 170 }}
          data-testid="trips-date"
        />
        <Select
          label={t("delivery.trips.status")}
          placeholder={t("delivery.trips.allStatuses")}
          clearable
          value={search.status ?? null}
          onChange={(v) => setSearch({ status: (v as TripStatus | null) ?? undefined })}
          data={TRIP_STATUSES.map((s) => ({ value: s, label: t(`delivery.tripStatus.${s}`) }))}
          w={{ base: "100%", xs: 170 }}
          data-testid="trips-status"
        />
        {showDistributor ? (
          <Select
            label={t("delivery.common.distributor")}
            placeholder={t("delivery.trips.allDistributors")}
            clearable
            searchable
            value={search.distributorId ?? null}
            onChange={(v) => setSearch({ distributorId: v ?? undefined })}
            data={(distributors.data?.items ?? []).map((d) => ({ value: d.id, label: localName(d, locale) }))}
            w={{ base: "100%", xs: 240 }}
            data-testid="trips-distributor"
          />
        ) : null}
      </Group>

      {totals ? (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="trips-totals">
          <Fact label={t("delivery.trips.tripCount")} value={<NumberText value={totals.trips} />} />
          <Fact
            label={t("delivery.drops.done")}
            value={<NumberText value={totals.drops.delivered + totals.drops.partiallyDelivered} />}
            testId="trips-total-done"
          />
          <Fact
            label={t("delivery.drops.failed")}
            value={<NumberText value={totals.drops.failed} />}
            testId="trips-total-failed"
          />
          <Fact
            label={t("delivery.drops.pending")}
            value={<NumberText value={totals.drops.pending} />}
            testId="trips-total-pending"
          />
          <Fact label={t("delivery.trips.delivered")} value={<Money poisha={totals.deliveredValuePoisha} />} />
          <Fact
            label={t("delivery.trips.cash")}
            value={<Money poisha={totals.cashCollectedPoisha} />}
            testId="trips-total-cash"
          />
        </SimpleGrid>
      ) : null}

      <ErrorAlert error={trips.error} />
      <Table.ScrollContainer minWidth={980}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="trips-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("delivery.common.trip")}</Table.Th>
              {showDistributor ? <Table.Th>{t("delivery.common.distributor")}</Table.Th> : null}
              <Table.Th>{t("delivery.common.vehicle")}</Table.Th>
              <Table.Th>{t("delivery.common.driver")}</Table.Th>
              <Table.Th>{t("delivery.common.route")}</Table.Th>
              <Table.Th miw={180}>{t("delivery.trips.progress")}</Table.Th>
              <Table.Th ta="right">{t("delivery.trips.delivered")}</Table.Th>
              <Table.Th ta="right">{t("delivery.trips.cash")}</Table.Th>
              <Table.Th>{t("delivery.trips.status")}</Table.Th>
              <Table.Th>{t("delivery.trips.lastUpdate")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((trip) => (
              <TripRow key={trip.id} trip={trip} showDistributor={showDistributor} />
            ))}
            {!trips.isPending && rows.length === 0 ? (
              <EmptyTableRow colSpan={showDistributor ? 10 : 9}>{t("delivery.trips.empty")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {trips.hasNextPage ? (
        <Group justify="flex-end">
          <Button variant="default" loading={trips.isFetchingNextPage} onClick={() => trips.fetchNextPage()}>
            {t("common.loadMore")}
          </Button>
        </Group>
      ) : null}

      {canManage ? (
        <NewTripModal
          opened={creating}
          onClose={() => setCreating(false)}
          ownDistributorId={own}
          initialDistributorId={search.distributorId}
          date={date < today ? today : date}
        />
      ) : null}
    </Stack>
  );
}

function Fact({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="xs" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={600}>
        {value}
      </Text>
    </Paper>
  );
}

export function TripStatusBadge({ status }: { status: TripStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={TRIP_STATUS_COLORS[status]}
      variant="light"
      tt="none"
      styles={BADGE_NO_SHRINK}
      data-testid="trip-status"
      data-status={status}
    >
      {t(`delivery.tripStatus.${status}`)}
    </Badge>
  );
}

/** Delivered (in full or in part), failed and still waiting, as one bar and three figures. */
export function DropProgress({ drops }: { drops: TripSummary["drops"] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const done = drops.delivered + drops.partiallyDelivered;
  const share = (n: number) => (drops.total === 0 ? 0 : (n * 100) / drops.total);
  return (
    <Stack gap={4} data-testid="trip-progress" data-done={done} data-failed={drops.failed} data-pending={drops.pending}>
      <Progress.Root size="md">
        <Progress.Section value={share(drops.delivered)} color="teal" />
        <Progress.Section value={share(drops.partiallyDelivered)} color="yellow" />
        <Progress.Section value={share(drops.failed)} color="red" />
      </Progress.Root>
      <Text size="xs" c="dimmed">
        {t("delivery.drops.summary", {
          done: fmt.number(done),
          failed: fmt.number(drops.failed),
          pending: fmt.number(drops.pending),
          total: fmt.number(drops.total),
        })}
      </Text>
    </Stack>
  );
}

function TripRow({ trip, showDistributor }: { trip: TripSummary; showDistributor: boolean }) {
  const locale = useLocale();
  return (
    <Table.Tr data-testid="trip-row" data-number={trip.number} data-trip-id={trip.id}>
      <Table.Td>
        <Anchor component={Link} to={`/trips/${trip.id}`} size="sm" fw={600} data-testid="trip-link">
          {trip.number}
        </Anchor>
        <Text size="xs" c="dimmed">
          <DateText value={trip.tripDate} />
        </Text>
      </Table.Td>
      {showDistributor ? (
        <Table.Td>
          <Text size="sm">{nameIn({ name: trip.distributorName, nameBn: trip.distributorNameBn }, locale)}</Text>
        </Table.Td>
      ) : null}
      <Table.Td>
        <Text size="sm">{trip.vehicleRegNo}</Text>
        <Text size="xs" c="dimmed">
          {trip.vehicleName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{trip.driverName}</Text>
        {trip.driverPhone ? (
          <Anchor href={`tel:${trip.driverPhone}`} size="xs">
            {trip.driverPhone}
          </Anchor>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {trip.routeName ? nameIn({ name: trip.routeName, nameBn: trip.routeNameBn }, locale) : "—"}
        </Text>
      </Table.Td>
      <Table.Td>
        <DropProgress drops={trip.drops} />
      </Table.Td>
      <Table.Td ta="right">
        <Money size="sm" poisha={trip.deliveredValuePoisha} />
        <Text size="xs" c="dimmed">
          / <Money poisha={trip.orderValuePoisha} />
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Money size="sm" poisha={trip.cashCollectedPoisha} />
      </Table.Td>
      <Table.Td>
        <TripStatusBadge status={trip.status} />
      </Table.Td>
      <Table.Td>
        <Tooltip label={trip.lastUpdateAt} withinPortal>
          <Text size="xs" c="dimmed">
            <DateTimeText value={trip.lastUpdateAt} />
          </Text>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

/** A distributor's routes, as its outlets are assigned (the first 200 outlets are enough to name them). */
function useDistributorRoutes(distributorId: string | null) {
  return useQuery({
    queryKey: ["outlets", "routes-of", distributorId],
    queryFn: ({ signal }) =>
      api.get<{ items: { routeId: string | null; routeName: string | null; routeNameBn: string | null }[] }>(
        "/api/v1/outlets",
        { distributorId: distributorId ?? undefined, limit: 200 },
        signal,
      ),
    select: (r) => {
      const routes = new Map<string, { name: string; nameBn: string | null }>();
      for (const o of r.items)
        if (o.routeId && o.routeName) routes.set(o.routeId, { name: o.routeName, nameBn: o.routeNameBn });
      return [...routes].map(([id, r]) => ({ id, ...r }));
    },
    enabled: distributorId !== null,
    staleTime: 5 * 60_000,
  });
}

function NewTripModal({
  opened,
  onClose,
  ownDistributorId: own,
  initialDistributorId,
  date,
}: {
  opened: boolean;
  onClose: () => void;
  ownDistributorId: string | undefined;
  initialDistributorId: string | undefined;
  date: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const today = businessDate();
  const [picked, setPicked] = useState<string | null>(initialDistributorId ?? null);
  const distributorId = own ?? picked;
  const [form, setForm] = useState<{
    vehicleId: string | null;
    driverUserId: string | null;
    tripDate: string;
    routeId: string | null;
    note: string;
  }>({ vehicleId: null, driverUserId: null, tripDate: date, routeId: null, note: "" });
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const vehicles = useVehicles({ distributorId: distributorId ?? undefined });
  const drivers = useDrivers(distributorId ?? undefined, opened && distributorId !== null);
  const routes = useDistributorRoutes(opened ? distributorId : null);
  const create = useCreateTrip({
    meta: { inlineError: true },
    onSuccess: (trip) => {
      onClose();
      setIdempotencyKey(newIdempotencyKey());
      setForm({ vehicleId: null, driverUserId: null, tripDate: date, routeId: null, note: "" });
      void navigate({ to: "/trips/$tripId", params: { tripId: trip.id } });
    },
  });
  const ready = form.vehicleId !== null && form.driverUserId !== null && distributorId !== null;

  return (
    <Modal opened={opened} onClose={onClose} title={t("delivery.trips.new")} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready || !form.vehicleId || !form.driverUserId) return;
          create.mutate({
            body: {
              vehicleId: form.vehicleId,
              driverUserId: form.driverUserId,
              tripDate: form.tripDate,
              routeId: form.routeId,
              note: form.note.trim() ? form.note.trim() : null,
            },
            idempotencyKey,
          });
        }}
      >
        <Stack gap="sm">
          {!own ? (
            <DistributorSelect
              value={picked}
              onChange={(id) => {
                setPicked(id);
                setForm((f) => ({ ...f, vehicleId: null, driverUserId: null, routeId: null }));
              }}
              testId="trip-new-distributor"
            />
          ) : null}
          <Select
            label={t("delivery.common.vehicle")}
            required
            searchable
            value={form.vehicleId}
            onChange={(v) => setForm((f) => ({ ...f, vehicleId: v }))}
            data={(vehicles.data?.items ?? [])
              .filter((v) => !v.archivedAt && (!distributorId || v.distributorId === distributorId))
              .map((v) => ({ value: v.id, label: `${v.regNo} · ${v.name}` }))}
            nothingFoundMessage={t("delivery.trips.noVehicles")}
            disabled={distributorId === null}
            data-testid="trip-new-vehicle"
          />
          <Select
            label={t("delivery.common.driver")}
            required
            searchable
            value={form.driverUserId}
            onChange={(v) => setForm((f) => ({ ...f, driverUserId: v }))}
            data={(drivers.data?.items ?? []).map((d) => ({
              value: d.userId,
              label: d.phone ? `${d.name} · ${d.phone}` : d.name,
            }))}
            nothingFoundMessage={t("delivery.trips.noDrivers")}
            disabled={distributorId === null}
            data-testid="trip-new-driver"
          />
          <TextInput
            type="date"
            label={t("delivery.trips.date")}
            required
            min={today}
            value={form.tripDate}
            onChange={(e) => setForm((f) => ({ ...f, tripDate: e.currentTarget.value || today }))}
            data-testid="trip-new-date"
          />
          <Select
            label={t("delivery.common.route")}
            placeholder={t("delivery.trips.anyRoute")}
            clearable
            searchable
            value={form.routeId}
            onChange={(v) => setForm((f) => ({ ...f, routeId: v }))}
            data={(routes.data ?? []).map((r) => ({ value: r.id, label: nameIn(r, locale) }))}
            disabled={distributorId === null}
            data-testid="trip-new-route"
          />
          <Textarea
            label={t("delivery.trips.note")}
            autosize
            minRows={2}
            maxLength={500}
            value={form.note}
            onChange={(e) => setForm((f) => ({ ...f, note: e.currentTarget.value }))}
          />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" disabled={!ready} loading={create.isPending} data-testid="trip-new-save">
              {t("delivery.trips.create")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
