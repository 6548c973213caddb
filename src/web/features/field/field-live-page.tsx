// The managers' live view of a day in the field: where the reps checked in (map), how each rep is doing (KPIs per
// rep with a totals row) and every visit as it happened. Filters live in the URL so a view can be shared; while
// it shows today it asks again every 30 seconds.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { FieldKpis, FieldLiveRep, FieldLiveVisit } from "../../../shared/contracts/field.ts";
import { businessDate } from "../../../shared/format.ts";
import type { Locale } from "../../../shared/locale.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText, Money, TimeText } from "../../ui/formatted-values.tsx";
import { type Formatters, useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { escapeHtml } from "../network/map-tiles.ts";
import { BADGE_NO_SHRINK, localName } from "../network/network-labels.ts";
import { OutletLink } from "../network/network-links.tsx";
import { territoryName } from "../territories/use-territories.ts";
import {
  hundredthsText,
  OUTSIDE_RADIUS_COLOR,
  percentText,
  reasonLabel,
  repsActiveFirst,
  VISIT_STATE_COLORS,
  type VisitState,
  visitLog,
  visitState,
} from "./field-live-state.ts";
import { FieldMap, type FieldMapMarker } from "./field-map.tsx";
import {
  LIVE_REFRESH_MS,
  useFieldLive,
  useFieldSettings,
  useMapTiles,
  useTerritoriesAtLevel,
} from "./use-field-manager.ts";

const route = getRouteApi("/_app/field-live");

type Reasons = { code: string; labelEn: string; labelBn: string }[] | undefined;

export function FieldLivePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<typeof search>) => navigate({ search: (s) => ({ ...s, ...patch }), replace: true });

  const today = businessDate();
  const viewingToday = search.date === undefined || search.date === today;
  const live = useFieldLive({ date: search.date, territoryId: search.territoryId }, viewingToday);
  const settings = useFieldSettings();
  const tiles = useMapTiles(hasPermission(me, "network.read"));
  const reasons = settings.data?.noOrderReasons;

  const data = live.data;
  const visits = useMemo(() => visitLog(data?.visits ?? [], search.repId), [data?.visits, search.repId]);
  const reps = useMemo(() => repsActiveFirst(data?.reps ?? []), [data?.reps]);
  const chosenRep = reps.find((r) => r.userId === search.repId);

  return (
    <Stack gap="md" data-testid="field-live">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t("field.live.title")}</Title>
          <Group gap={6}>
            <Text size="sm" c="dimmed" data-testid="field-live-updated">
              {live.dataUpdatedAt > 0 ? (
                <>
                  {t("field.live.updated")} <DateTimeText value={new Date(live.dataUpdatedAt)} /> ·{" "}
                </>
              ) : null}
              {viewingToday
                ? t("field.live.autoRefresh", { seconds: fmt.number(LIVE_REFRESH_MS / 1000) })
                : t("field.live.pastDay")}
            </Text>
            {live.isFetching ? <Loader size="xs" /> : null}
          </Group>
        </div>
        <Button
          variant="default"
          onClick={() => live.refetch()}
          loading={live.isFetching}
          data-testid="field-live-refresh"
        >
          {t("field.live.refresh")}
        </Button>
      </Group>

      <Group gap="sm" align="flex-end">
        <TextInput
          type="date"
          label={t("field.live.date")}
          value={search.date ?? data?.date ?? today}
          max={today}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setSearch({ date: v && v !== today ? v : undefined });
          }}
          w={{ base: "100%", xs: 170 }}
          data-testid="field-live-date"
        />
        <TerritoryFilter value={search.territoryId} onChange={(territoryId) => setSearch({ territoryId })} />
        {search.repId ? (
          <Badge
            size="lg"
            variant="light"
            tt="none"
            styles={BADGE_NO_SHRINK}
            rightSection={
              <Anchor
                component="button"
                type="button"
                size="xs"
                onClick={() => setSearch({ repId: undefined })}
                data-testid="field-live-rep-clear"
              >
                {t("field.live.allReps")}
              </Anchor>
            }
            data-testid="field-live-rep-chip"
          >
            {t("field.live.onlyRep", { name: chosenRep?.name ?? "…" })}
          </Badge>
        ) : null}
      </Group>

      <ErrorAlert error={live.error} />

      {data ? <Summary totals={data.totals} reps={data.reps} /> : null}

      <Paper withBorder p="sm">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t("field.live.mapTitle")}</Text>
          <MapLegend />
        </Group>
        <CheckInMap
          visits={visits}
          reasons={reasons}
          tiles={tiles.data}
          fitKey={`${data?.date ?? ""}|${search.territoryId ?? ""}|${search.repId ?? ""}`}
        />
      </Paper>

      <RepTable
        reps={reps}
        totals={data?.totals}
        loading={!live.isSuccess}
        chosenRepId={search.repId}
        onPickRep={(repId) => setSearch({ repId })}
      />
      <VisitTable visits={visits} reasons={reasons} loading={!live.isSuccess} />
    </Stack>
  );
}

/** Regions, areas and territories in one searchable list, grouped by level; routes are left to the rep filter. */
function TerritoryFilter({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const levels = [
    { level: "region", query: useTerritoriesAtLevel("region") },
    { level: "area", query: useTerritoriesAtLevel("area") },
    { level: "territory", query: useTerritoriesAtLevel("territory") },
  ] as const;
  const data = levels
    .map(({ level, query }) => ({
      group: t(`territory.level.${level}`),
      items: (query.data ?? []).map((x) => ({ value: x.id, label: `${territoryName(x, locale)} · ${x.code}` })),
    }))
    .filter((g) => g.items.length > 0);
  return (
    <Select
      label={t("field.live.territory")}
      placeholder={t("field.live.allTerritories")}
      searchable
      clearable
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      data={data}
      nothingFoundMessage={t("common.nothingFound")}
      w={{ base: "100%", xs: 280 }}
      data-testid="field-live-territory"
    />
  );
}

function Summary({ totals, reps }: { totals: FieldKpis; reps: FieldLiveRep[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const started = reps.filter((r) => r.dayStartedAt !== null).length;
  const cards: { key: string; label: string; value: ReactNode; hint?: string }[] = [
    {
      key: "reps",
      label: t("field.live.summary.repsWorking"),
      value: `${fmt.number(started)} / ${fmt.number(reps.length)}`,
    },
    {
      key: "visits",
      label: t("field.live.summary.visits"),
      value: fmt.number(totals.visits),
      hint: t("field.live.summary.productive", { n: fmt.number(totals.productiveVisits) }),
    },
    { key: "strike", label: t("field.live.summary.strikeRate"), value: percentText(fmt, totals.strikeRateBp) },
    { key: "sales", label: t("field.live.summary.sales"), value: fmt.money(totals.salesPoisha) },
    {
      key: "beat",
      label: t("field.live.summary.beatCompliance"),
      value: percentText(fmt, totals.beatComplianceBp),
      hint: t("field.live.summary.plannedVisited", {
        visited: fmt.number(totals.plannedVisited),
        planned: fmt.number(totals.plannedOutlets),
      }),
    },
    {
      key: "outside",
      label: t("field.live.summary.outsideRadius"),
      value: fmt.number(totals.outsideRadiusVisits),
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="field-live-summary">
      {cards.map((c) => (
        <Card key={c.key} withBorder padding="sm" data-testid={`field-live-summary-${c.key}`}>
          <Text size="xs" c="dimmed">
            {c.label}
          </Text>
          <Text fw={700} size="lg" style={{ fontVariantNumeric: "tabular-nums" }}>
            {c.value}
          </Text>
          {c.hint ? (
            <Text size="xs" c="dimmed">
              {c.hint}
            </Text>
          ) : null}
        </Card>
      ))}
    </SimpleGrid>
  );
}

function MapLegend() {
  const { t } = useTranslation();
  const dot = (color: string, ring = false) => (
    <span
      style={{
        display: "inline-block",
        width: 12,
        height: 12,
        borderRadius: "50%",
        background: ring ? "transparent" : color,
        border: ring ? `2px dashed ${color}` : "1px solid #fff",
      }}
    />
  );
  return (
    <Group gap="sm" data-testid="field-live-legend">
      {(["order", "no_order", "in_progress"] as const).map((s) => (
        <Group key={s} gap={4} wrap="nowrap">
          {dot(VISIT_STATE_COLORS[s])}
          <Text size="xs">{t(`field.visitState.${s}`)}</Text>
        </Group>
      ))}
      <Group gap={4} wrap="nowrap">
        {dot(OUTSIDE_RADIUS_COLOR, true)}
        <Text size="xs">{t("field.live.outsideRadius")}</Text>
      </Group>
    </Group>
  );
}

function CheckInMap({
  visits,
  reasons,
  tiles,
  fitKey,
}: {
  visits: FieldLiveVisit[];
  reasons: Reasons;
  tiles: Parameters<typeof FieldMap>[0]["tiles"];
  fitKey: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const markers = useMemo<FieldMapMarker[]>(
    () =>
      visits.flatMap((v) =>
        v.lat === null || v.lng === null
          ? []
          : [
              {
                id: v.id,
                lat: v.lat,
                lng: v.lng,
                color: VISIT_STATE_COLORS[visitState(v)],
                ring: v.outsideRadius,
                popupHtml: visitPopup(v, reasons, fmt, t),
              },
            ],
      ),
    [visits, reasons, fmt, t],
  );
  return (
    <Stack gap={4}>
      <FieldMap markers={markers} tiles={tiles} fitKey={fitKey} height="min(55vh, 480px)" testId="field-live-map" />
      {visits.length > 0 && markers.length < visits.length ? (
        <Text size="xs" c="dimmed">
          {t("field.live.withoutGps", { n: fmt.number(visits.length - markers.length) })}
        </Text>
      ) : null}
    </Stack>
  );
}

function visitPopup(v: FieldLiveVisit, reasons: Reasons, fmt: Formatters, t: TFunction): string {
  const e = escapeHtml;
  const lines = [
    `<strong>${e(localName({ name: v.outletName, nameBn: v.outletNameBn }, fmt.locale))}</strong>`,
    e(v.repName),
    `${e(t("field.visits.timeIn"))}: ${e(fmt.time(v.checkedInAt))}`,
    v.distanceM === null
      ? e(t("field.visits.noDistance"))
      : `${e(t("field.visits.distance"))}: ${e(t("field.visits.metres", { value: fmt.number(v.distanceM) }))}${
          v.outsideRadius
            ? ` <span style="color:${OUTSIDE_RADIUS_COLOR}">(${e(t("field.live.outsideRadius"))})</span>`
            : ""
        }`,
    e(outcomeText(v, reasons, fmt, t)),
  ];
  return lines.join("<br>");
}

function outcomeText(
  v: FieldLiveVisit,
  reasons: Reasons,
  fmt: Pick<Formatters, "locale" | "money">,
  t: TFunction,
): string {
  const state = visitState(v);
  const base = t(`field.visitState.${state}`);
  if (v.orderNumber) {
    const total = v.orderTotalPoisha === null ? "" : ` · ${fmt.money(v.orderTotalPoisha)}`;
    return `${base} · ${v.orderNumber}${total}`;
  }
  if (state === "no_order" && v.noOrderReason) return `${base} · ${reasonLabel(v.noOrderReason, reasons, fmt.locale)}`;
  return base;
}

function RepTable({
  reps,
  totals,
  loading,
  chosenRepId,
  onPickRep,
}: {
  reps: FieldLiveRep[];
  totals: FieldKpis | undefined;
  loading: boolean;
  chosenRepId: string | undefined;
  onPickRep: (repId: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {t("field.reps.title")}
      </Text>
      {/* A division has dozens of reps: the table scrolls inside itself, its header and totals always in sight. */}
      <Table.ScrollContainer minWidth={1320} maxHeight="65vh">
        <Table striped highlightOnHover stickyHeader verticalSpacing="xs" data-testid="field-rep-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("field.reps.rep")}</Table.Th>
              <Table.Th>{t("field.reps.started")}</Table.Th>
              <Table.Th>{t("field.reps.ended")}</Table.Th>
              <Table.Th>{t("field.reps.lastSeen")}</Table.Th>
              <Num>{t("field.reps.visits")}</Num>
              <Num>{t("field.reps.productive")}</Num>
              <Num>{t("field.reps.strikeRate")}</Num>
              <Num>{t("field.reps.linesPerCall")}</Num>
              <Num>{t("field.reps.dropSize")}</Num>
              <Num>{t("field.reps.sales")}</Num>
              <Num>{t("field.reps.beatCompliance")}</Num>
              <Num>{t("field.reps.outsideRadius")}</Num>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reps.map((r) => (
              <Table.Tr
                key={r.userId}
                data-testid="field-rep-row"
                bg={r.userId === chosenRepId ? "var(--mantine-primary-color-light)" : undefined}
              >
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={500}
                    style={{ whiteSpace: "nowrap" }}
                    onClick={() => onPickRep(r.userId)}
                  >
                    {r.name}
                  </Anchor>
                  {r.territoryName ? (
                    <Text size="xs" c="dimmed">
                      {r.territoryName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <TimeCell value={r.dayStartedAt} empty={t("field.reps.notStarted")} />
                </Table.Td>
                <Table.Td>
                  <TimeCell value={r.dayEndedAt} empty={r.dayStartedAt ? t("field.reps.working") : "—"} />
                </Table.Td>
                <Table.Td>
                  <TimeCell value={r.lastSeenAt} empty="—" />
                </Table.Td>
                <KpiCells kpis={r.kpis} fmt={fmt} />
              </Table.Tr>
            ))}
            {!loading && reps.length === 0 ? <EmptyTableRow colSpan={12}>{t("field.reps.empty")}</EmptyTableRow> : null}
          </Table.Tbody>
          {totals && reps.length > 0 ? (
            <Table.Tfoot style={{ position: "sticky", bottom: 0, background: "var(--mantine-color-body)" }}>
              <Table.Tr data-testid="field-rep-totals" style={{ fontWeight: 600 }}>
                <Table.Td>
                  {t("field.reps.totals")} ({fmt.number(reps.length)})
                </Table.Td>
                <Table.Td />
                <Table.Td />
                <Table.Td />
                <KpiCells kpis={totals} fmt={fmt} />
              </Table.Tr>
            </Table.Tfoot>
          ) : null}
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function Num({ children }: { children: ReactNode }) {
  return <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }}>{children}</Table.Th>;
}

const numCell = { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" } as const;

function KpiCells({ kpis: k, fmt }: { kpis: FieldKpis; fmt: Formatters }) {
  return (
    <>
      <Table.Td style={numCell}>{fmt.number(k.visits)}</Table.Td>
      <Table.Td style={numCell}>{fmt.number(k.productiveVisits)}</Table.Td>
      <Table.Td style={numCell}>{percentText(fmt, k.strikeRateBp)}</Table.Td>
      <Table.Td style={numCell}>{hundredthsText(fmt, k.linesPerCallX100)}</Table.Td>
      <Table.Td style={numCell}>{k.dropSizePoisha === null ? "—" : fmt.money(k.dropSizePoisha)}</Table.Td>
      <Table.Td style={numCell}>{fmt.money(k.salesPoisha)}</Table.Td>
      <Table.Td style={numCell}>
        {fmt.number(k.plannedVisited)}/{fmt.number(k.plannedOutlets)}
        <Text span size="xs" c="dimmed">
          {" "}
          ({percentText(fmt, k.beatComplianceBp)})
        </Text>
      </Table.Td>
      <Table.Td style={numCell}>
        {k.outsideRadiusVisits > 0 ? (
          <Text span c="orange.8" fw={600} inherit>
            {fmt.number(k.outsideRadiusVisits)}
          </Text>
        ) : (
          fmt.number(0)
        )}
      </Table.Td>
    </>
  );
}

/** The live view shows one day: the clock time is enough (the full date and time on hover). */
function TimeCell({ value, empty }: { value: string | null; empty: string }) {
  return value ? (
    <Text size="sm" style={{ whiteSpace: "nowrap" }}>
      <TimeText value={value} />
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      {empty}
    </Text>
  );
}

const STATE_BADGE: Record<VisitState, string> = { order: "teal", no_order: "red", in_progress: "blue" };

function VisitTable({ visits, reasons, loading }: { visits: FieldLiveVisit[]; reasons: Reasons; loading: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {t("field.visits.title")}
      </Text>
      <Table.ScrollContainer minWidth={1280}>
        <Table striped verticalSpacing="xs" data-testid="field-visit-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("field.visits.timeIn")}</Table.Th>
              <Table.Th>{t("field.visits.timeOut")}</Table.Th>
              <Num>{t("field.visits.minutes")}</Num>
              <Table.Th>{t("field.visits.rep")}</Table.Th>
              <Table.Th>{t("field.visits.outlet")}</Table.Th>
              <Table.Th>{t("field.visits.plan")}</Table.Th>
              <Num>{t("field.visits.distance")}</Num>
              <Table.Th>{t("field.visits.outcome")}</Table.Th>
              <Table.Th>{t("field.visits.order")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visits.map((v) => (
              <VisitRow key={v.id} visit={v} reasons={reasons} locale={locale} fmt={fmt} />
            ))}
            {!loading && visits.length === 0 ? (
              <EmptyTableRow colSpan={9}>{t("field.visits.empty")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function VisitRow({
  visit: v,
  reasons,
  locale,
  fmt,
}: {
  visit: FieldLiveVisit;
  reasons: Reasons;
  locale: Locale;
  fmt: Formatters;
}) {
  const { t } = useTranslation();
  const state = visitState(v);
  return (
    <Table.Tr data-testid="field-visit-row" data-visit-id={v.id}>
      <Table.Td>
        <TimeCell value={v.checkedInAt} empty="—" />
      </Table.Td>
      <Table.Td>
        <TimeCell value={v.checkedOutAt} empty="—" />
      </Table.Td>
      <Table.Td style={numCell}>
        {v.minutesSpent === null ? "—" : t("field.visits.minutesValue", { value: fmt.number(v.minutesSpent) })}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{v.repName}</Text>
      </Table.Td>
      <Table.Td>
        <OutletLink id={v.outletId} size="sm" data-testid="field-visit-outlet">
          {localName({ name: v.outletName, nameBn: v.outletNameBn }, locale)}
        </OutletLink>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={v.planned ? "gray" : "grape"} tt="none" styles={BADGE_NO_SHRINK}>
          {t(v.planned ? "field.visits.planned" : "field.visits.unplanned")}
        </Badge>
      </Table.Td>
      <Table.Td style={numCell}>
        {v.distanceM === null ? (
          <Text span size="sm" c="dimmed">
            {t("field.visits.noDistance")}
          </Text>
        ) : (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Text span size="sm" c={v.outsideRadius ? "orange.8" : undefined} fw={v.outsideRadius ? 600 : undefined}>
              {t("field.visits.metres", { value: fmt.number(v.distanceM) })}
            </Text>
            {v.outsideRadius ? (
              <Badge
                color="orange"
                variant="light"
                size="xs"
                tt="none"
                styles={BADGE_NO_SHRINK}
                data-testid="outside-flag"
              >
                {t("field.live.outsideRadius")}
              </Badge>
            ) : null}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={STATE_BADGE[state]} variant="light" tt="none" styles={BADGE_NO_SHRINK}>
          {t(`field.visitState.${state}`)}
        </Badge>
        {state === "no_order" && v.noOrderReason ? (
          <Text size="xs" c="dimmed">
            {reasonLabel(v.noOrderReason, reasons, locale)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td data-testid="field-visit-order">
        {v.orderNumber ? (
          <>
            <Text size="sm" ff="monospace">
              {v.orderNumber}
            </Text>
            {v.orderTotalPoisha !== null ? <Money poisha={v.orderTotalPoisha} size="xs" c="dimmed" /> : null}
          </>
        ) : (
          "—"
        )}
      </Table.Td>
    </Table.Tr>
  );
}
