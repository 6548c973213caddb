// The planner's left half: the distributor's invoiced orders not yet on a trip (filter by route, wanted-by date
// or a number / outlet), ticked to add. The bar shows the load the trip would carry with the ticked orders, so the
// planner sees the vehicle fill up before asking; the server still decides, and its refusal (over capacity, with
// the kg or m³ needed against what is left) is shown as it words it.
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Link } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, Money } from "../../ui/formatted-values.tsx";
import { SearchIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { kgOf, nameIn } from "./delivery-labels.ts";
import { loadWith, TripLoadBars } from "./trip-load.tsx";
import { type AssignableFilters, type TripDetail, useAssignableOrders, useTripChange } from "./use-delivery.ts";

export function TripPlanner({ trip }: { trip: TripDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const [routeId, setRouteId] = useState<string | null>(trip.routeId);
  const [requestedBy, setRequestedBy] = useState("");
  const [q, setQ] = useState("");
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const filters: AssignableFilters = {
    routeId: routeId ?? undefined,
    requestedBy: requestedBy || undefined,
    q: debouncedQ || undefined,
  };
  const orders = useAssignableOrders(trip.id, filters, true);
  // Routes to filter by: those of the orders waiting (asked once without the route filter).
  const allOrders = useAssignableOrders(trip.id, {}, true);
  const routes = useMemo(() => {
    const seen = new Map<string, string>();
    for (const o of allOrders.data?.items ?? [])
      if (o.routeId && o.routeName) seen.set(o.routeId, nameIn({ name: o.routeName, nameBn: o.routeNameBn }, locale));
    if (trip.routeId && trip.routeName && !seen.has(trip.routeId))
      seen.set(trip.routeId, nameIn({ name: trip.routeName, nameBn: trip.routeNameBn }, locale));
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [allOrders.data, trip.routeId, trip.routeName, trip.routeNameBn, locale]);

  const items = orders.data?.items ?? [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const chosen = items.filter((o) => selected.has(o.orderId));
  const extra = chosen.reduce((s, o) => ({ weightG: s.weightG + o.weightG, volumeCm3: s.volumeCm3 + o.volumeCm3 }), {
    weightG: 0,
    volumeCm3: 0,
  });
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const assign = useTripChange({
    meta: { inlineError: true },
    onSuccess: () => setSelected(new Set()),
  });

  return (
    <Paper withBorder p="sm" data-testid="trip-planner">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={4}>{t("delivery.planner.title")}</Title>
          <Button
            disabled={chosen.length === 0}
            loading={assign.isPending}
            onClick={() => assign.mutate({ tripId: trip.id, kind: "assign", orderIds: chosen.map((o) => o.orderId) })}
            data-testid="planner-assign"
          >
            {t("delivery.planner.add", { n: fmt.number(chosen.length) })}
          </Button>
        </Group>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t("delivery.common.route")}
            placeholder={t("delivery.trips.anyRoute")}
            clearable
            searchable
            value={routeId}
            onChange={setRouteId}
            data={routes}
            w={{ base: "100%", xs: 220 }}
            data-testid="planner-route"
          />
          <TextInput
            type="date"
            label={t("delivery.planner.requestedBy")}
            value={requestedBy}
            onChange={(e) => setRequestedBy(e.currentTarget.value)}
            w={{ base: "100%", xs: 170 }}
            data-testid="planner-requested-by"
          />
          <TextInput
            label={t("common.search")}
            leftSection={<SearchIcon size={16} />}
            placeholder={t("delivery.planner.searchPlaceholder")}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            style={{ flex: "1 1 200px" }}
            data-testid="planner-search"
          />
        </Group>
        {chosen.length > 0 ? (
          <TripLoadBars
            load={loadWith(trip.load, extra)}
            title={t("delivery.planner.withSelected", { n: fmt.number(chosen.length) })}
            testId="planner-load"
          />
        ) : null}
        <ErrorAlert error={assign.error} />
        <ErrorAlert error={orders.error} />
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover verticalSpacing={6} data-testid="assignable-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>
                  <Checkbox
                    aria-label={t("delivery.planner.selectAll")}
                    checked={items.length > 0 && items.every((o) => selected.has(o.orderId))}
                    indeterminate={chosen.length > 0 && chosen.length < items.length}
                    onChange={(e) =>
                      setSelected(e.currentTarget.checked ? new Set(items.map((o) => o.orderId)) : new Set())
                    }
                    data-testid="assignable-select-all"
                  />
                </Table.Th>
                <Table.Th>{t("delivery.common.order")}</Table.Th>
                <Table.Th>{t("delivery.common.outlet")}</Table.Th>
                <Table.Th>{t("delivery.common.route")}</Table.Th>
                <Table.Th>{t("delivery.planner.wantedBy")}</Table.Th>
                <Table.Th ta="right">{t("delivery.common.value")}</Table.Th>
                <Table.Th ta="right">{t("delivery.common.weightKg")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.orderId} data-testid="assignable-row" data-order-id={o.orderId} data-number={o.number}>
                  <Table.Td>
                    <Checkbox
                      aria-label={o.number}
                      checked={selected.has(o.orderId)}
                      onChange={() => toggle(o.orderId)}
                      data-testid="assignable-select"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/orders/${o.orderId}`} size="sm" fw={500}>
                      {o.number}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {o.invoiceNumber ?? ""}
                      {o.failedAttempts > 0 ? (
                        <Badge ml={4} size="xs" color="orange" variant="light" tt="none">
                          {t("delivery.planner.failedBefore", { n: fmt.number(o.failedAttempts) })}
                        </Badge>
                      ) : null}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{nameIn({ name: o.outletName, nameBn: o.outletNameBn }, locale)}</Text>
                    <Text size="xs" c="dimmed">
                      {o.outletCode} · {o.outletAddress}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {o.routeName ? nameIn({ name: o.routeName, nameBn: o.routeNameBn }, locale) : "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {o.requestedDeliveryDate ? <DateText value={o.requestedDeliveryDate} /> : "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money size="sm" poisha={o.totalPoisha} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{fmt.number(kgOf(o.weightG))}</Text>
                    {o.linesWithoutWeight > 0 ? (
                      <Text size="xs" c="orange.8">
                        {t("delivery.planner.noWeight", { n: fmt.number(o.linesWithoutWeight) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
              {!orders.isPending && items.length === 0 ? (
                <EmptyTableRow colSpan={7}>{t("delivery.planner.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {orders.data?.truncated ? (
          <Text size="xs" c="dimmed">
            {t("delivery.planner.truncated", { n: fmt.number(items.length) })}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
