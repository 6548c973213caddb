// /replenishment/proposals/:id: one proposed primary order. Each line shows why (stock on hand, cover now, the
// reorder point and order-up-to level) and what it does (cover after the order arrives); the distributor may change a
// line's quantity (in its unit; 0 drops it), then approves in one click: it becomes a submitted primary order, whose
// number links to its page. Or it is dismissed, with a note.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProposalResponse } from "../../../shared/contracts/replenishment.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { Money } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { REPLENISHMENT_ACCESS } from "./replenishment-access.ts";
import { ReplenishmentHeader } from "./replenishment-header.tsx";
import {
  anythingToOrder,
  changedLines,
  coverAfter,
  draftTotalPoisha,
  PROPOSAL_STATUS_COLORS,
  unitsOf,
} from "./replenishment-model.ts";
import { DaysText, unitLabel } from "./replenishment-parts.tsx";
import { type ProposalLine, useApproveProposal, useDismissProposal, useProposal } from "./use-replenishment.ts";

const route = getRouteApi("/_app/replenishment/proposals/$proposalId");

export function ProposalRoute() {
  return (
    <RequirePermission permission={REPLENISHMENT_ACCESS.read}>
      <ProposalPage />
    </RequirePermission>
  );
}

const num = { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" } as const;

function ProposalPage() {
  const { t } = useTranslation();
  const { proposalId } = route.useParams();
  const proposal = useProposal(proposalId);
  return (
    <Stack gap="md" data-testid="replenishment-proposal">
      <ErrorAlert error={proposal.error} />
      {proposal.data ? (
        <ProposalView key={proposal.data.id} p={proposal.data} />
      ) : (
        <ReplenishmentHeader title={t("replenishment.proposals.title")} />
      )}
    </Stack>
  );
}

function ProposalView({ p }: { p: ProposalResponse }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const me = useMe();
  const [edits, setEdits] = useState<Map<string, number>>(new Map());
  const [dismissing, setDismissing] = useState(false);
  // One key for this page's approval: a retry after a lost answer returns the first order instead of a second one.
  const approveKey = useRef(newIdempotencyKey());
  const approve = useApproveProposal({
    meta: { inlineError: true },
    onSuccess: (r) =>
      notifications.show({
        color: "teal",
        message: t("replenishment.proposal.approved", { number: r.primaryOrderNumber ?? "" }),
      }),
  });
  const open = p.status === "open";
  const canDecide = open && hasPermission(me, REPLENISHMENT_ACCESS.decide);
  const lines = p.lines;
  const total = draftTotalPoisha(lines, edits);
  const something = anythingToOrder(lines, edits);
  const leadTime = lines[0]?.leadTimeDays;
  const name = localName({ name: p.distributorName, nameBn: p.distributorNameBn }, locale);

  const setUnits = (line: ProposalLine, v: number | string) => {
    const n = typeof v === "number" && Number.isFinite(v) ? Math.max(0, Math.floor(v)) : 0;
    setEdits((prev) => {
      const next = new Map(prev);
      if (n === line.units) next.delete(line.skuId);
      else next.set(line.skuId, n);
      return next;
    });
  };

  return (
    <>
      <ReplenishmentHeader
        title={t("replenishment.proposal.title", { name })}
        distributorId={p.distributorId}
        subtitle={
          <Group gap="xs">
            <span>
              {t("replenishment.proposal.subtitle", {
                date: fmt.date(p.proposedOn),
                lead: leadTime !== undefined ? fmt.number(leadTime) : "—",
              })}
            </span>
            <Badge
              color={PROPOSAL_STATUS_COLORS[p.status]}
              variant="light"
              tt="none"
              data-testid="proposal-status"
              data-status={p.status}
            >
              {t(`replenishment.proposalStatus.${p.status}`)}
            </Badge>
            <Anchor
              size="sm"
              renderRoot={(r) => (
                <Link {...r} to="/replenishment/proposals" search={{ distributorId: p.distributorId }} />
              )}
            >
              {t("replenishment.proposal.back")}
            </Anchor>
          </Group>
        }
      />
      {p.status === "approved" && p.primaryOrderId ? (
        <Alert color="teal" variant="light" data-testid="proposal-approved">
          <Stack gap={4}>
            <Text size="sm">{t("replenishment.proposal.approved", { number: p.primaryOrderNumber ?? "" })}</Text>
            <Anchor
              fw={600}
              renderRoot={(r) => (
                <Link {...r} to="/primary-orders/$primaryOrderId" params={{ primaryOrderId: p.primaryOrderId ?? "" }} />
              )}
              data-testid="proposal-order-link"
              data-number={p.primaryOrderNumber ?? ""}
            >
              {t("replenishment.proposal.openOrder", { number: p.primaryOrderNumber ?? "" })}
            </Anchor>
          </Stack>
        </Alert>
      ) : null}
      {!open && p.decidedAt ? (
        <Text size="sm" c="dimmed">
          {t("replenishment.proposal.decidedAt", {
            status: t(`replenishment.proposalStatus.${p.status}`),
            time: fmt.dateTime(p.decidedAt),
          })}
          {p.decisionNote ? ` · ${p.decisionNote}` : ""}
        </Text>
      ) : null}
      {canDecide ? (
        <Paper withBorder p="sm" data-testid="proposal-decide">
          <Stack gap="xs">
            <Group justify="space-between" align="center">
              <Text size="sm" c="dimmed">
                {t("replenishment.proposal.qtyHint")}
              </Text>
              <Group gap="sm">
                <Text size="sm">
                  {t("replenishment.proposal.total")}:{" "}
                  <Money poisha={total} fw={700} data-testid="proposal-total-top" />
                </Text>
                <Button variant="default" onClick={() => setDismissing(true)} data-testid="proposal-dismiss">
                  {t("replenishment.proposal.dismiss")}
                </Button>
                <Button
                  disabled={!something}
                  loading={approve.isPending}
                  onClick={() => {
                    const changed = changedLines(lines, edits);
                    approve.mutate({
                      id: p.id,
                      body: changed.length > 0 ? { lines: changed } : {},
                      idempotencyKey: approveKey.current,
                    });
                  }}
                  data-testid="proposal-approve"
                >
                  {t("replenishment.proposal.approve")}
                </Button>
              </Group>
            </Group>
            {!something ? (
              <Alert color="yellow" variant="light">
                {t("replenishment.proposal.nothing")}
              </Alert>
            ) : null}
            <ErrorAlert error={approve.error} />
          </Stack>
        </Paper>
      ) : null}
      <Paper withBorder p={0}>
        <Table.ScrollContainer minWidth={1100}>
          <Table striped verticalSpacing="xs" data-testid="proposal-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("replenishment.common.sku")}</Table.Th>
                <Table.Th style={num}>{t("replenishment.proposal.qty")}</Table.Th>
                <Table.Th style={num}>{t("replenishment.proposal.price")}</Table.Th>
                <Table.Th style={num}>{t("replenishment.proposal.onHand")}</Table.Th>
                <Table.Th style={num}>{t("replenishment.proposal.coverNow")}</Table.Th>
                <Table.Th style={num}>{t("replenishment.proposal.coverAfter")}</Table.Th>
                <Table.Th style={num} title={t("replenishment.proposal.ropOutTitle")}>
                  {t("replenishment.proposal.ropOut")}
                </Table.Th>
                <Table.Th style={num}>{t("replenishment.proposal.lineTotal")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((l) => {
                const units = unitsOf(l, edits);
                const after = coverAfter(l, edits);
                const edited = edits.has(l.skuId);
                return (
                  <Table.Tr key={l.skuId} data-testid="proposal-line" data-sku={l.skuCode}>
                    <Table.Td>
                      <Anchor
                        size="sm"
                        fw={500}
                        renderRoot={(r) => (
                          <Link
                            {...r}
                            to="/replenishment/forecast"
                            search={{ distributorId: p.distributorId, skuId: l.skuId }}
                          />
                        )}
                      >
                        {localName({ name: l.skuName, nameBn: l.skuNameBn }, locale)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {l.skuCode}
                      </Text>
                    </Table.Td>
                    <Table.Td style={num}>
                      {canDecide ? (
                        <Group gap={6} wrap="nowrap" justify="flex-end">
                          <NumberInput
                            value={units}
                            onChange={(v) => setUnits(l, v)}
                            min={0}
                            max={100_000}
                            allowDecimal={false}
                            allowNegative={false}
                            w={90}
                            size="xs"
                            aria-label={`${t("replenishment.proposal.qty")} · ${l.skuCode}`}
                            data-testid="proposal-units"
                          />
                          <Text size="sm">{unitLabel(t, l.unit)}</Text>
                        </Group>
                      ) : (
                        <Text size="sm" fw={600}>
                          {fmt.number(l.units)} {unitLabel(t, l.unit)}
                        </Text>
                      )}
                      <Text size="xs" c={edited ? "orange.8" : "dimmed"}>
                        {t("replenishment.plan.baseUnits", { n: fmt.number(units * l.unitFactor) })}
                        {edited ? ` · ${t("replenishment.proposal.edited")}` : ""}
                      </Text>
                    </Table.Td>
                    <Table.Td style={num}>
                      <Money size="sm" poisha={l.unitPricePoisha} />
                    </Table.Td>
                    <Table.Td style={num}>{fmt.number(l.onHand)}</Table.Td>
                    <Table.Td style={num}>
                      <DaysText days={l.daysOfCover} fmtNumber={fmt.number} />
                    </Table.Td>
                    <Table.Td style={num} data-testid="proposal-cover-after">
                      <Text
                        span
                        inherit
                        fw={600}
                        title={after.estimated ? t("replenishment.proposal.estimated") : undefined}
                      >
                        {after.estimated && after.days !== null ? "≈" : ""}
                        <DaysText days={after.days} fmtNumber={fmt.number} />
                      </Text>
                    </Table.Td>
                    <Table.Td style={num}>
                      {fmt.number(l.reorderPoint)} / {fmt.number(l.orderUpTo)}
                    </Table.Td>
                    <Table.Td style={num}>
                      <Money size="sm" poisha={units * l.unitFactor * l.unitPricePoisha} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={7} style={{ textAlign: "right" }}>
                  {t("replenishment.proposal.total")}
                </Table.Th>
                <Table.Th style={num}>
                  <Money poisha={total} fw={700} data-testid="proposal-total" data-poisha={total} />
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <DismissModal proposalId={p.id} opened={dismissing} onClose={() => setDismissing(false)} />
    </>
  );
}

function DismissModal({ proposalId, opened, onClose }: { proposalId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const dismiss = useDismissProposal({
    meta: { inlineError: true },
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("replenishment.proposal.dismissed") });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t("replenishment.proposal.dismissTitle")} centered>
      <Stack gap="sm" data-testid="dismiss-dialog">
        <Textarea
          label={t("replenishment.proposal.dismissNote")}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="dismiss-note"
        />
        <ErrorAlert error={dismiss.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="red"
            loading={dismiss.isPending}
            onClick={() => dismiss.mutate({ id: proposalId, body: note.trim() ? { note: note.trim() } : {} })}
            data-testid="dismiss-confirm"
          >
            {t("replenishment.proposal.dismiss")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
