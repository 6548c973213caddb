// /crm/deals: the sales path as a board (a column per stage of the chosen pipeline, with its count, total and weighted
// total; cards dragged between columns, or moved with the card's menu for keyboard users) or as a list with filters
// and sorting. Moving a card to a lost stage asks for the lost reason first. A move names the version of the deal the
// board showed: if someone moved it meanwhile the move is refused and the board shows it as it now is.
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { type DragEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type BoardColumn,
  DEAL_SORTS,
  DEAL_STATUSES,
  type DealResponse,
  type StageResponse,
} from "../../../shared/contracts/deals.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert, errorMessage } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../network/network-labels.ts";
import { LoseDealModal, NewDealModal } from "./deal-dialogs.tsx";
import { dropIndex, moveTargets } from "./deal-display.ts";
import type { DealsSearch } from "./deals-routes.tsx";
import { useBoard, useDealList, useMoveDeal, usePipelines } from "./use-deals.ts";

const route = getRouteApi("/_app/crm/deals");
const STATUS_COLORS = { open: "blue", won: "green", lost: "red" } as const;
const KIND_COLORS = { open: "blue", won: "green", lost: "red", after_sale: "teal" } as const;

interface PendingMove {
  deal: DealResponse;
  stage: StageResponse;
  index: number | undefined;
}

export function DealsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<DealsSearch>) =>
    void navigate({ search: (s: DealsSearch) => ({ ...s, ...patch }), replace: true });
  const pipelines = usePipelines();
  const items = pipelines.data?.items ?? [];
  const pipelineId = search.pipelineId ?? items.find((p) => p.isDefault)?.id;
  const [creating, setCreating] = useState(false);
  const view = search.view ?? "board";
  return (
    <Stack gap="md" data-testid="deals-page">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t("deals.board.title")}</Title>
        {hasPermission(me, "crm.write") ? (
          <Button onClick={() => setCreating(true)} data-testid="deal-new">
            {t("deals.board.newDeal")}
          </Button>
        ) : null}
      </Group>
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          value={view}
          onChange={(v) => setSearch({ view: v === "list" ? "list" : "board" })}
          data={[
            { value: "board", label: t("deals.board.board") },
            { value: "list", label: t("deals.board.list") },
          ]}
          data-testid="deals-view"
        />
        {items.length > 1 ? (
          <Select
            label={t("deals.board.pipeline")}
            data={items.map((p) => ({ value: p.id, label: localName(p, locale) }))}
            value={pipelineId ?? null}
            onChange={(v) => setSearch({ pipelineId: v ?? undefined })}
            allowDeselect={false}
            data-testid="deals-pipeline"
          />
        ) : null}
        <SegmentedControl
          value={search.mine ? "mine" : "all"}
          onChange={(v) => setSearch({ mine: v === "mine" ? true : undefined })}
          data={[
            { value: "all", label: t("deals.board.allOwners") },
            { value: "mine", label: t("deals.board.mine") },
          ]}
        />
      </Group>
      <ErrorAlert error={pipelines.error} />
      {view === "board" ? (
        <DealBoard pipelineId={pipelineId} ownerUserId={search.mine ? me.id : undefined} />
      ) : (
        <DealList
          search={search}
          setSearch={setSearch}
          pipelineId={pipelineId}
          ownerUserId={search.mine ? me.id : undefined}
        />
      )}
      <NewDealModal opened={creating} onClose={() => setCreating(false)} pipelines={items} pipelineId={pipelineId} />
    </Stack>
  );
}

function DealBoard({ pipelineId, ownerUserId }: { pipelineId: string | undefined; ownerUserId: string | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const board = useBoard({ pipelineId, ownerUserId });
  const canMove = hasPermission(me, "crm.write");
  const [pendingLoss, setPendingLoss] = useState<PendingMove | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const move = useMoveDeal({
    onSuccess: (d) => {
      setPendingLoss(null);
      notifications.show({ message: t("deals.board.moved", { stage: locale === "bn" ? d.stageNameBn : d.stageName }) });
    },
    onError: (e) => {
      if (!pendingLoss) notifications.show({ message: errorMessage(e, t("errors.generic")), color: "red" });
    },
  });
  const stages = board.data?.pipeline.stages ?? [];
  const request = (p: PendingMove) => {
    if (p.stage.id === p.deal.stageId && p.index === undefined) return;
    if (p.stage.kind === "lost" && p.stage.id !== p.deal.stageId) {
      move.reset();
      setPendingLoss(p);
      return;
    }
    move.mutate({
      id: p.deal.id,
      body: { stageId: p.stage.id, version: p.deal.version, ...(p.index !== undefined && { index: p.index }) },
    });
  };
  const onDrop = (e: DragEvent<HTMLDivElement>, column: BoardColumn) => {
    e.preventDefault();
    setOver(null);
    const id = e.dataTransfer.getData("text/plain");
    const deal = board.data?.columns.flatMap((c) => c.deals).find((d) => d.id === id);
    if (!deal) return;
    const cards = [...e.currentTarget.querySelectorAll<HTMLElement>("[data-deal-id]")].filter(
      (el) => el.dataset.dealId !== id,
    );
    const middles = cards.map((el) => {
      const r = el.getBoundingClientRect();
      return r.top + r.height / 2;
    });
    request({ deal, stage: column.stage, index: dropIndex(middles, e.clientY) });
  };
  return (
    <>
      <ErrorAlert error={board.error} />
      <ScrollArea type="auto" offsetScrollbars>
        <Group align="flex-start" wrap="nowrap" gap="sm" data-testid="deal-board" pb="sm">
          {board.data?.columns.map((column) => (
            <Paper
              key={column.stage.id}
              withBorder
              p="xs"
              w={280}
              miw={280}
              bg={over === column.stage.id ? "var(--mantine-color-blue-light)" : undefined}
              data-stage-id={column.stage.id}
              data-stage-kind={column.stage.kind}
              data-testid="deal-column"
              onDragOver={(e) => {
                if (!canMove) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = "move";
                if (over !== column.stage.id) setOver(column.stage.id);
              }}
              onDragLeave={() => setOver((o) => (o === column.stage.id ? null : o))}
              onDrop={(e) => onDrop(e, column)}
            >
              <Stack gap="xs" mih={120}>
                <ColumnHeader column={column} />
                {column.deals.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t("deals.board.empty")}
                  </Text>
                ) : null}
                {column.deals.map((d) => (
                  <DealCard
                    key={d.id}
                    deal={d}
                    stages={stages}
                    canMove={canMove}
                    onMove={(stage) => request({ deal: d, stage, index: undefined })}
                  />
                ))}
              </Stack>
            </Paper>
          ))}
        </Group>
      </ScrollArea>
      <LoseDealModal
        opened={pendingLoss !== null}
        onClose={() => setPendingLoss(null)}
        busy={move.isPending}
        error={pendingLoss ? move.error : null}
        onConfirm={(lostReasonId, note) =>
          pendingLoss &&
          move.mutate({
            id: pendingLoss.deal.id,
            body: {
              stageId: pendingLoss.stage.id,
              version: pendingLoss.deal.version,
              lostReasonId,
              ...(note && { note }),
              ...(pendingLoss.index !== undefined && { index: pendingLoss.index }),
            },
          })
        }
      />
    </>
  );
}

function ColumnHeader({ column }: { column: BoardColumn }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const s = column.stage;
  return (
    <Stack gap={2}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm">
          {localName(s, locale)}
        </Text>
        <Badge color={KIND_COLORS[s.kind]} variant="light">
          {t("deals.board.probability", { pct: fmt.number(s.probabilityBp / 100) })}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" data-testid="column-totals">
        {t("deals.board.count", { n: fmt.number(column.count) })} ·{" "}
        {t("deals.board.total", { amount: fmt.money(column.totalPoisha) })}
      </Text>
      {s.kind === "open" ? (
        <Text size="xs" c="dimmed" data-testid="column-weighted">
          {t("deals.board.weighted", { amount: fmt.money(column.weightedPoisha) })}
        </Text>
      ) : null}
    </Stack>
  );
}

function DealCard({
  deal: d,
  stages,
  canMove,
  onMove,
}: {
  deal: DealResponse;
  stages: readonly StageResponse[];
  canMove: boolean;
  onMove: (stage: StageResponse) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  return (
    <Paper
      withBorder
      p="xs"
      shadow="xs"
      draggable={canMove}
      onDragStart={(e) => {
        e.dataTransfer.setData("text/plain", d.id);
        e.dataTransfer.effectAllowed = "move";
      }}
      style={{ cursor: canMove ? "grab" : undefined }}
      data-deal-id={d.id}
      data-version={d.version}
      data-testid="deal-card"
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Link
            to="/crm/deals/$dealId"
            params={{ dealId: d.id }}
            style={{ fontWeight: 600, fontSize: 14 }}
            draggable={false}
          >
            {d.name}
          </Link>
          <Text size="xs" c="dimmed" truncate>
            {d.accountName}
          </Text>
        </Stack>
        {canMove ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" size="sm" aria-label={t("deals.board.moveTo")} data-testid="deal-move-menu">
                ⋮
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{t("deals.board.moveTo")}</Menu.Label>
              {moveTargets(stages, d.stageId).map((s) => (
                <Menu.Item key={s.id} onClick={() => onMove(s)} data-testid={`move-to-${s.id}`}>
                  {localName(s, locale)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
      <Group justify="space-between" mt={4} gap={4}>
        <Text size="sm" fw={500}>
          {fmt.money(d.amountPoisha)}
        </Text>
        {d.status !== "open" ? (
          <Badge size="xs" color={STATUS_COLORS[d.status]}>
            {t(`deals.status.${d.status}`)}
          </Badge>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed">
        {[d.expectedClose ? t("deals.board.closes", { date: fmt.date(d.expectedClose) }) : null, d.ownerName]
          .filter(Boolean)
          .join(" · ")}
      </Text>
    </Paper>
  );
}

function DealList({
  search,
  setSearch,
  pipelineId,
  ownerUserId,
}: {
  search: DealsSearch;
  setSearch: (patch: Partial<DealsSearch>) => void;
  pipelineId: string | undefined;
  ownerUserId: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const [q, setQ] = useState(search.q ?? "");
  const [debounced] = useDebouncedValue(q, 300);
  const list = useDealList({
    pipelineId,
    ownerUserId,
    status: search.status,
    q: debounced || undefined,
    sort: search.sort ?? "updated",
    dir: search.dir ?? "desc",
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end">
        <TextInput
          label={t("deals.list.search")}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setSearch({ q: e.currentTarget.value || undefined });
          }}
          w={280}
          data-testid="deals-search"
        />
        <Select
          label={t("deals.list.status")}
          value={search.status ?? "all"}
          onChange={(v) => setSearch({ status: DEAL_STATUSES.find((s) => s === v) })}
          data={[
            { value: "all", label: t("deals.list.allStatuses") },
            ...DEAL_STATUSES.map((s) => ({ value: s, label: t(`deals.status.${s}`) })),
          ]}
          allowDeselect={false}
          w={140}
        />
        <Select
          label={t("deals.list.sort")}
          value={search.sort ?? "updated"}
          onChange={(v) => setSearch({ sort: DEAL_SORTS.find((s) => s === v) })}
          data={DEAL_SORTS.map((s) => ({ value: s, label: t(`deals.list.sorts.${s}`) }))}
          allowDeselect={false}
          w={180}
        />
        <SegmentedControl
          value={search.dir ?? "desc"}
          onChange={(v) => setSearch({ dir: v === "asc" ? "asc" : "desc" })}
          data={[
            { value: "desc", label: t("deals.list.desc") },
            { value: "asc", label: t("deals.list.asc") },
          ]}
        />
      </Group>
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={800}>
        <Table striped highlightOnHover data-testid="deals-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("deals.list.name")}</Table.Th>
              <Table.Th>{t("deals.list.account")}</Table.Th>
              <Table.Th>{t("deals.list.stage")}</Table.Th>
              <Table.Th ta="right">{t("deals.list.amount")}</Table.Th>
              <Table.Th>{t("deals.list.expectedClose")}</Table.Th>
              <Table.Th>{t("deals.list.owner")}</Table.Th>
              <Table.Th>{t("deals.list.updated")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data && rows.length === 0 ? (
              <EmptyTableRow colSpan={7}>{t("deals.board.empty")}</EmptyTableRow>
            ) : null}
            {rows.map((d) => (
              <Table.Tr key={d.id} data-deal-row={d.id}>
                <Table.Td>
                  <Link to="/crm/deals/$dealId" params={{ dealId: d.id }}>
                    {d.name}
                  </Link>
                </Table.Td>
                <Table.Td>{d.accountName}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm">{locale === "bn" ? d.stageNameBn : d.stageName}</Text>
                    {d.status !== "open" ? (
                      <Badge size="xs" color={STATUS_COLORS[d.status]}>
                        {t(`deals.status.${d.status}`)}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{fmt.money(d.amountPoisha)}</Table.Td>
                <Table.Td>{d.expectedClose ? fmt.date(d.expectedClose) : "—"}</Table.Td>
                <Table.Td>{d.ownerName ?? "—"}</Table.Td>
                <Table.Td>{fmt.dateTime(d.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage ? (
        <Group justify="center">
          <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t("deals.list.more")}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

export function DealsRoute() {
  return (
    <RequirePermission permission="crm.read">
      <DealsPage />
    </RequirePermission>
  );
}
