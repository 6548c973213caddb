// /promotions/claims/$claimId: a claim's figures (claimed, approved, rejected with its reason, payment), its lines
// (each order and scheme, adjustments from returns in red), its history, and the actions its state allows the caller:
// submit (answering a dispute needs a note), approve (in full, or less with a reason), dispute (with a note), withdraw,
// settle (payment reference and date). Export as CSV or XLSX.
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ClaimAction, ClaimResponse } from "../../../shared/contracts/claims.ts";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, DateTimeText, Money, NumberText } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { DownloadIcon } from "../analytics/analytics-icons.tsx";
import { localName } from "../orders/use-network-lookups.ts";
import { CLAIM_STATUS_COLORS, CLAIMS_ACCESS, ClaimStatusBadge } from "./claims-parts.tsx";
import { useClaim, useClaimAction, useDownloadClaim } from "./use-claims.ts";

const route = getRouteApi("/_app/promotions/claims/$claimId");

export function ClaimDetailRoute() {
  return (
    <RequirePermission permission={CLAIMS_ACCESS.read}>
      <ClaimDetailPage />
    </RequirePermission>
  );
}

function ClaimDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { claimId } = route.useParams();
  const claim = useClaim(claimId);
  const download = useDownloadClaim();
  const [acting, setActing] = useState<ClaimAction | null>(null);
  const c = claim.data;
  if (!c) return <ErrorAlert error={claim.error} />;

  return (
    <Stack gap="md" data-testid="claim-detail" data-status={c.status}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm">
            <Link to="/promotions/claims">{t("claims.list.title")}</Link>
          </Text>
          <Group gap="sm">
            <Title order={2} data-testid="claim-number">
              {c.number}
            </Title>
            <ClaimStatusBadge status={c.status} />
          </Group>
          <Text c="dimmed">
            {localName({ name: c.distributorName, nameBn: c.distributorNameBn }, locale)} ·{" "}
            <DateText value={c.periodFrom} /> – <DateText value={c.periodTo} />
          </Text>
        </Stack>
        <Group gap="xs">
          {c.actions.map((a) => (
            <Button
              key={a}
              color={a === "dispute" || a === "withdraw" ? "orange" : undefined}
              variant={a === "withdraw" ? "light" : "filled"}
              onClick={() => setActing(a)}
              data-testid={`claim-action-${a}`}
            >
              {t(a === "submit" && c.status === "disputed" ? "claims.actions.resubmit" : `claims.actions.${a}`)}
            </Button>
          ))}
          {(["csv", "xlsx"] as const).map((format) => (
            <Button
              key={format}
              variant="default"
              leftSection={<DownloadIcon size={16} />}
              loading={download.isPending && download.variables?.format === format}
              onClick={() => download.mutate({ id: c.id, number: c.number, format })}
              data-testid={`claim-export-${format}`}
            >
              {t(format === "csv" ? "claims.detail.exportCsv" : "claims.detail.exportXlsx")}
            </Button>
          ))}
        </Group>
      </Group>
      <ErrorAlert error={download.error} />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label={t("claims.detail.claimed")} testId="claim-claimed" poisha={c.claimedPoisha} />
        <Figure label={t("claims.detail.approved")} testId="claim-approved" poisha={c.approvedPoisha} />
        <Figure label={t("claims.detail.rejected")} testId="claim-rejected" poisha={c.rejectedPoisha} />
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t("claims.detail.payment")}
          </Text>
          <Text fw={600} data-testid="claim-payment">
            {c.paymentReference ?? "—"}
          </Text>
          {c.paidOn ? (
            <Text size="xs" c="dimmed">
              {t("claims.detail.paidOn")} <DateText value={c.paidOn} />
            </Text>
          ) : null}
        </Paper>
      </SimpleGrid>
      {c.rejectionReason ? (
        <Text size="sm">
          <Text span fw={600}>
            {t("claims.detail.rejectionReason")}:
          </Text>{" "}
          {c.rejectionReason}
        </Text>
      ) : null}
      <Paper withBorder p="sm">
        <Title order={4} mb="xs">
          {t("claims.detail.lines")}
        </Title>
        <ClaimLines claim={c} />
      </Paper>
      <Paper withBorder p="sm">
        <Title order={4} mb="xs">
          {t("claims.detail.history")}
        </Title>
        <Timeline bulletSize={14} lineWidth={2} data-testid="claim-history">
          {c.events.map((e) => (
            <Timeline.Item key={e.id} color={CLAIM_STATUS_COLORS[e.toStatus]} title={t(`claims.status.${e.toStatus}`)}>
              <Text size="xs" c="dimmed">
                <DateTimeText value={e.at} />
                {e.actorName ? ` · ${t("claims.detail.by", { name: e.actorName })}` : ""}
                {e.amountPoisha !== null ? (
                  <>
                    {" · "}
                    <Money poisha={e.amountPoisha} />
                  </>
                ) : null}
              </Text>
              {e.note ? <Text size="sm">{e.note}</Text> : null}
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
      {acting ? <ClaimActionModal claim={c} action={acting} onClose={() => setActing(null)} /> : null}
    </Stack>
  );
}

function Figure({ label, poisha, testId }: { label: string; poisha: number | null; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId} data-poisha={poisha ?? ""}>
        {poisha === null ? "—" : <Money poisha={poisha} />}
      </Text>
    </Paper>
  );
}

function ClaimLines({ claim }: { claim: ClaimResponse }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing={4} data-testid="claim-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right">#</Table.Th>
            <Table.Th>{t("claims.detail.order")}</Table.Th>
            <Table.Th>{t("claims.detail.orderDate")}</Table.Th>
            <Table.Th>{t("claims.detail.scheme")}</Table.Th>
            <Table.Th>{t("claims.detail.kind")}</Table.Th>
            <Table.Th ta="right">{t("claims.detail.amount")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {claim.lines.map((l) => (
            <Table.Tr key={l.lineNo} data-testid="claim-line" data-kind={l.kind} data-poisha={l.amountPoisha}>
              <Table.Td ta="right">
                <NumberText value={l.lineNo} />
              </Table.Td>
              <Table.Td>
                <Link to="/orders/$orderId" params={{ orderId: l.orderId }}>
                  {l.orderNumber}
                </Link>
              </Table.Td>
              <Table.Td>
                <DateText value={l.orderDate} />
              </Table.Td>
              <Table.Td>{l.schemeCode}</Table.Td>
              <Table.Td>{t(l.kind === "claim" ? "claims.detail.kindClaim" : "claims.detail.kindAdjustment")}</Table.Td>
              <Table.Td ta="right">
                <Money poisha={l.amountPoisha} size="sm" c={l.amountPoisha < 0 ? "red.8" : undefined} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={5}>{t("claims.claimable.total")}</Table.Th>
            <Table.Th ta="right">
              <Money poisha={claim.claimedPoisha} size="sm" fw={700} />
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What each action asks for before it is sent. */
function ClaimActionModal({
  claim,
  action,
  onClose,
}: {
  claim: ClaimResponse;
  action: ClaimAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const [amount, setAmount] = useState<number | string>(claim.claimedPoisha / 100);
  const [reference, setReference] = useState("");
  const [paidOn, setPaidOn] = useState(businessDate());
  const run = useClaimAction({
    onSuccess: () => {
      notifications.show({ color: "teal", message: t(`claims.done.${action}`) });
      onClose();
    },
  });
  const answering = action === "submit" && claim.status === "disputed";
  const approvedPoisha = Math.round(Number(amount) * 100);
  const reducing = action === "approve" && Number.isFinite(approvedPoisha) && approvedPoisha < claim.claimedPoisha;
  const body = (): Record<string, unknown> => {
    const n = note.trim();
    switch (action) {
      case "approve":
        return reducing ? { approvedPoisha, reason: n } : {};
      case "settle":
        return { paymentReference: reference.trim(), paidOn, ...(n && { note: n }) };
      default:
        return n ? { note: n } : {};
    }
  };
  const ready =
    (action !== "dispute" || note.trim() !== "") &&
    (!answering || note.trim() !== "") &&
    (!reducing || note.trim() !== "") &&
    (action !== "settle" || (reference.trim() !== "" && /^\d{4}-\d{2}-\d{2}$/.test(paidOn)));
  const noteLabel =
    action === "dispute"
      ? t("claims.form.disputeNote")
      : answering
        ? t("claims.form.answer")
        : action === "approve"
          ? t("claims.form.reason")
          : t("claims.form.note");
  return (
    <Modal opened onClose={onClose} centered title={t(`claims.actions.${action}`)} data-testid="claim-action-modal">
      <Stack gap="sm">
        {action === "approve" ? (
          <NumberInput
            label={t("claims.form.approvedAmount")}
            value={amount}
            onChange={setAmount}
            min={0}
            max={claim.claimedPoisha / 100}
            decimalScale={2}
            data-testid="claim-approve-amount"
          />
        ) : null}
        {action === "settle" ? (
          <>
            <TextInput
              label={t("claims.form.reference")}
              value={reference}
              maxLength={100}
              onChange={(e) => setReference(e.currentTarget.value)}
              data-testid="claim-settle-reference"
            />
            <TextInput
              type="date"
              label={t("claims.form.paidOn")}
              value={paidOn}
              onChange={(e) => setPaidOn(e.currentTarget.value)}
              data-testid="claim-settle-date"
            />
          </>
        ) : null}
        {action !== "approve" || reducing ? (
          <Textarea
            label={noteLabel}
            value={note}
            maxLength={1000}
            autosize
            minRows={2}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="claim-action-note"
          />
        ) : null}
        <ErrorAlert error={run.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            disabled={!ready}
            loading={run.isPending}
            onClick={() => run.mutate({ id: claim.id, action, body: body() })}
            data-testid="claim-action-confirm"
          >
            {t("claims.form.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
