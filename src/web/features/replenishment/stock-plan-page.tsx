// /replenishment: one distributor's stock plan. Per SKU: stock on hand, reserved, available and on order, the
// forecast's daily rate, days of cover, safety stock, reorder point, order-up-to level and what to order now (in whole
// cases), with the method and a status. Chips count each status and filter by it; a row opens the SKU's forecast.
// The distributor's policy (lead time, review, service level) heads the page; the admin can change it here.
import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { getRouteApi } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  PLAN_STATUSES,
  type PlanRow,
  type PlanStatus,
  type ReplenishmentSettings,
} from "../../../shared/contracts/replenishment.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { SearchIcon } from "../../ui/icons.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { type Formatters, useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { DistributorSelect, ownDistributorId } from "../stock/stock-page.tsx";
import { REPLENISHMENT_ACCESS } from "./replenishment-access.ts";
import { ReplenishmentHeader } from "./replenishment-header.tsx";
import { PLAN_STATUS_COLORS } from "./replenishment-model.ts";
import { DaysText, NO_FIGURE, PlanExportButtons, PlanStatusBadge, unitLabel } from "./replenishment-parts.tsx";
import type { PlanSearch } from "./replenishment-search.ts";
import {
  type DistributorPolicyResponse,
  useDistributorPolicy,
  usePlan,
  useReplenishmentSettings,
  useUpdatePolicy,
} from "./use-replenishment.ts";

const route = getRouteApi("/_app/replenishment");

export function StockPlanRoute() {
  return (
    <RequirePermission permission={REPLENISHMENT_ACCESS.read}>
      <StockPlanPage />
    </RequirePermission>
  );
}

const num = { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" } as const;

function StockPlanPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<PlanSearch>, replace = true) =>
    void navigate({ search: (s: PlanSearch) => ({ ...s, ...patch }), replace });
  const own = ownDistributorId(me);
  const distributorId = own ?? search.distributorId;
  const [q, setQ] = useState(search.q ?? "");
  const [debouncedQ] = useDebouncedValue(q, 300);
  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) void navigate({ search: (s: PlanSearch) => ({ ...s, q: next }), replace: true });
  }, [debouncedQ, search.q, navigate]);
  const [policyOpen, setPolicyOpen] = useState(false);

  const query = distributorId ? { distributorId, status: search.status, q: search.q } : null;
  const plan = usePlan(query);
  const data = plan.data?.distributorId === distributorId ? plan.data : undefined;
  const canManage = hasPermission(me, REPLENISHMENT_ACCESS.manage);

  return (
    <Stack gap="md" data-testid="replenishment-plan">
      <ReplenishmentHeader
        title={t("replenishment.plan.title")}
        distributorId={distributorId}
        subtitle={
          data ? (
            <Stack gap={2}>
              <Text size="sm" fw={500} c="var(--mantine-color-text)" data-testid="plan-distributor">
                {localName({ name: data.distributorName, nameBn: data.distributorNameBn }, locale)}
              </Text>
              <Text size="sm" c="dimmed" data-testid="plan-policy">
                {t("replenishment.plan.policy", {
                  lead: fmt.number(data.leadTimeDays),
                  review: fmt.number(data.reviewDays),
                  level: `${fmt.number(Math.round(data.serviceLevel * 1000) / 10)}%`,
                })}
              </Text>
            </Stack>
          ) : undefined
        }
        actions={
          query ? (
            <>
              {canManage ? (
                <Button variant="light" onClick={() => setPolicyOpen(true)} data-testid="plan-policy-edit">
                  {t("replenishment.plan.editPolicy")}
                </Button>
              ) : null}
              <PlanExportButtons query={query} />
            </>
          ) : null
        }
      />
      <Group gap="sm" align="flex-end">
        {!own ? (
          <DistributorSelect
            value={search.distributorId ?? null}
            onChange={(id) => setSearch({ distributorId: id ?? undefined }, false)}
            testId="plan-distributor-select"
          />
        ) : null}
        <TextInput
          leftSection={<SearchIcon size={16} />}
          placeholder={t("replenishment.common.searchSku")}
          aria-label={t("common.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: "1 1 200px" }}
          data-testid="plan-search"
        />
      </Group>
      {!distributorId ? <Text c="dimmed">{t("replenishment.common.pickDistributorFirst")}</Text> : null}
      <ErrorAlert error={plan.error} />
      {data ? (
        <Text size="xs" c="dimmed" data-testid="plan-forecast-at">
          {data.forecastAt
            ? t("replenishment.common.forecastAt", { time: fmt.dateTime(data.forecastAt) })
            : t("replenishment.common.notForecast")}
        </Text>
      ) : null}
      {distributorId ? (
        <StatusChips
          counts={data?.counts}
          active={search.status}
          onChange={(status) => setSearch({ status })}
          fmt={fmt}
        />
      ) : null}
      {distributorId ? (
        <Paper withBorder p={0}>
          <PlanTable
            rows={data?.rows ?? []}
            loading={!data}
            onOpen={(r) => void navigate({ to: "/replenishment/forecast", search: { distributorId, skuId: r.skuId } })}
          />
        </Paper>
      ) : null}
      {distributorId && canManage ? (
        <PolicyModal
          distributorId={distributorId}
          distributorName={
            data ? localName({ name: data.distributorName, nameBn: data.distributorNameBn }, locale) : ""
          }
          opened={policyOpen}
          onClose={() => setPolicyOpen(false)}
        />
      ) : null}
    </Stack>
  );
}

function StatusChips({
  counts,
  active,
  onChange,
  fmt,
}: {
  counts: Partial<Record<PlanStatus, number>> | undefined;
  active: PlanStatus | undefined;
  onChange: (status: PlanStatus | undefined) => void;
  fmt: Formatters;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" data-testid="plan-status-chips">
      <Button
        size="compact-sm"
        variant={active ? "default" : "filled"}
        color="gray"
        onClick={() => onChange(undefined)}
        data-testid="plan-chip-all"
      >
        {t("replenishment.plan.all")}
      </Button>
      {PLAN_STATUSES.map((s) => (
        <Button
          key={s}
          size="compact-sm"
          variant={active === s ? "filled" : "light"}
          color={PLAN_STATUS_COLORS[s]}
          onClick={() => onChange(active === s ? undefined : s)}
          title={t(`replenishment.statusExplain.${s}`)}
          rightSection={
            <Badge size="sm" variant={active === s ? "white" : "filled"} color={PLAN_STATUS_COLORS[s]} circle={false}>
              <span data-testid={`plan-count-${s}`}>{counts ? fmt.number(counts[s] ?? 0) : "…"}</span>
            </Badge>
          }
          data-testid={`plan-chip-${s}`}
          aria-pressed={active === s}
        >
          {t(`replenishment.status.${s}`)}
        </Button>
      ))}
    </Group>
  );
}

function PlanTable({ rows, loading, onOpen }: { rows: PlanRow[]; loading: boolean; onOpen: (r: PlanRow) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  return (
    <Table.ScrollContainer minWidth={1300} maxHeight="70vh">
      <Table striped highlightOnHover stickyHeader verticalSpacing="xs" data-testid="plan-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={220}>{t("replenishment.common.sku")}</Table.Th>
            <Table.Th>{t("replenishment.plan.status")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.plan.onHand")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.plan.reserved")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.plan.available")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.plan.onOrder")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.plan.avgDaily")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.plan.cover")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.plan.safetyStock")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.plan.reorderPoint")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.plan.orderUpTo")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.plan.proposed")}</Table.Th>
            <Table.Th>{t("replenishment.plan.method")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr
              key={r.skuId}
              onClick={() => onOpen(r)}
              style={{ cursor: "pointer" }}
              data-testid="plan-row"
              data-sku={r.skuCode}
              data-status={r.status}
            >
              <Table.Td>
                <UnstyledButton
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(r);
                  }}
                  data-testid="plan-row-open"
                >
                  <Text size="sm" fw={500} c="cyan.8">
                    {localName({ name: r.skuName, nameBn: r.skuNameBn }, locale)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {r.skuCode}
                  </Text>
                </UnstyledButton>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <PlanStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td style={num}>{fmt.number(r.onHand)}</Table.Td>
              <Table.Td style={num}>{fmt.number(r.reserved)}</Table.Td>
              <Table.Td style={num}>
                <Text span inherit fw={600} c={r.available <= 0 ? "red.8" : undefined}>
                  {fmt.number(r.available)}
                </Text>
              </Table.Td>
              <Table.Td style={num}>{fmt.number(r.onOrder)}</Table.Td>
              <Table.Td style={num}>{fmt.number(Math.round(r.avgDaily * 100) / 100)}</Table.Td>
              <Table.Td style={num} data-testid="plan-cover">
                <DaysText days={r.daysOfCover} fmtNumber={fmt.number} />
              </Table.Td>
              <Table.Td style={num}>{fmt.number(r.safetyStock)}</Table.Td>
              <Table.Td style={num}>{fmt.number(r.reorderPoint)}</Table.Td>
              <Table.Td style={num}>{fmt.number(r.orderUpTo)}</Table.Td>
              <Table.Td style={num} data-testid="plan-proposed" data-qty={r.proposedQty}>
                {r.proposedQty > 0 ? (
                  <>
                    <Text span inherit fw={600}>
                      {fmt.number(r.proposedUnits)} {unitLabel(t, r.unit)}
                    </Text>
                    {r.unitFactor > 1 ? (
                      <Text size="xs" c="dimmed">
                        {t("replenishment.plan.baseUnits", { n: fmt.number(r.proposedQty) })}
                      </Text>
                    ) : null}
                  </>
                ) : (
                  <Text span inherit c="dimmed">
                    {fmt.number(0)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {r.method ? (
                  <>
                    <Text size="sm">{t(`replenishment.methodShort.${r.method}`)}</Text>
                    {r.demandKind ? (
                      <Text size="xs" c="dimmed">
                        {t(`replenishment.kind.${r.demandKind}`)}
                      </Text>
                    ) : null}
                  </>
                ) : (
                  <Text size="sm" c="dimmed">
                    {NO_FIGURE}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
          {!loading && rows.length === 0 ? (
            <EmptyTableRow colSpan={13}>{t("replenishment.plan.empty")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The admin's per-distributor policy: its own lead time and review period (empty = the company's), or a pause. */
function PolicyModal({
  distributorId,
  distributorName,
  opened,
  onClose,
}: {
  distributorId: string;
  distributorName: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const policy = useDistributorPolicy(opened ? distributorId : null);
  const company = useReplenishmentSettings(opened);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("replenishment.policy.title", { name: distributorName })}
      centered
      data-testid="policy-modal"
    >
      <ErrorAlert error={policy.error ?? company.error} />
      {policy.data && company.data ? (
        <PolicyForm key={distributorId} policy={policy.data} company={company.data} onDone={onClose} />
      ) : null}
    </Modal>
  );
}

const toInput = (v: number | null): number | string => (v === null ? "" : v);
const fromInput = (v: number | string): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function PolicyForm({
  policy,
  company,
  onDone,
}: {
  policy: DistributorPolicyResponse;
  company: ReplenishmentSettings;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [leadTime, setLeadTime] = useState<number | string>(toInput(policy.leadTimeDays));
  const [review, setReview] = useState<number | string>(toInput(policy.reviewDays));
  const [paused, setPaused] = useState(policy.paused);
  const update = useUpdatePolicy(policy.distributorId, {
    meta: { inlineError: true },
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("replenishment.policy.saved") });
      onDone();
    },
  });
  return (
    <Stack gap="sm">
      <NumberInput
        label={t("replenishment.policy.leadTime")}
        description={
          policy.measuredLeadTimeDays !== null
            ? t("replenishment.policy.leadTimeHint", {
                measured: t("replenishment.common.days", {
                  n: fmt.number(Math.round(policy.measuredLeadTimeDays * 10) / 10),
                }),
                company: fmt.number(company.leadTimeDays),
              })
            : t("replenishment.policy.leadTimeHintNoMeasure", { company: fmt.number(company.leadTimeDays) })
        }
        min={0}
        max={90}
        allowDecimal={false}
        value={leadTime}
        onChange={setLeadTime}
        data-testid="policy-lead-time"
      />
      <NumberInput
        label={t("replenishment.policy.review")}
        description={t("replenishment.policy.reviewHint", { company: fmt.number(company.reviewDays) })}
        min={1}
        max={60}
        allowDecimal={false}
        value={review}
        onChange={setReview}
        data-testid="policy-review"
      />
      <Switch
        label={t("replenishment.policy.paused")}
        checked={paused}
        onChange={(e) => setPaused(e.currentTarget.checked)}
        data-testid="policy-paused"
      />
      <Text size="xs" c="dimmed" data-testid="policy-effective">
        {t("replenishment.policy.effective", {
          lead: fmt.number(policy.effectiveLeadTimeDays),
          review: fmt.number(policy.effectiveReviewDays),
        })}
      </Text>
      <ErrorAlert error={update.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t("common.cancel")}
        </Button>
        <Button
          loading={update.isPending}
          onClick={() => update.mutate({ leadTimeDays: fromInput(leadTime), reviewDays: fromInput(review), paused })}
          data-testid="policy-save"
        >
          {t("common.save")}
        </Button>
      </Group>
    </Stack>
  );
}
