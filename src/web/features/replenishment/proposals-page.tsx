// /replenishment/proposals: the primary orders the daily job proposes, per distributor. Open ones first (date, lines,
// value), each opening its page to edit and approve in one click; tabs for the history of approved (with the primary
// order they became) and dismissed ones. The admin can propose now for every distributor in scope.
import { Anchor, Badge, Button, Paper, Stack, Table, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ProposalSummary } from "../../../shared/contracts/replenishment.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, DateTimeText, Money, NumberText } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { ownDistributorId } from "../stock/stock-page.tsx";
import { REPLENISHMENT_ACCESS } from "./replenishment-access.ts";
import { ReplenishmentHeader } from "./replenishment-header.tsx";
import { PROPOSAL_STATUS_COLORS } from "./replenishment-model.ts";
import { DistributorFilter } from "./replenishment-parts.tsx";
import { PROPOSAL_TABS, type ProposalsSearch, type ProposalTab } from "./replenishment-search.ts";
import { useGenerateProposals, useProposals } from "./use-replenishment.ts";

const route = getRouteApi("/_app/replenishment/proposals");

export function ProposalsRoute() {
  return (
    <RequirePermission permission={REPLENISHMENT_ACCESS.read}>
      <ProposalsPage />
    </RequirePermission>
  );
}

function ProposalsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<ProposalsSearch>) =>
    void navigate({ search: (s: ProposalsSearch) => ({ ...s, ...patch }), replace: true });
  const own = ownDistributorId(me);
  const distributorId = own ?? search.distributorId;
  const tab: ProposalTab = search.status ?? "open";
  const proposals = useProposals({ status: tab, distributorId });
  const generate = useGenerateProposals({
    onSuccess: (r) =>
      notifications.show({
        color: "teal",
        message: t("replenishment.proposals.generated", {
          proposed: fmt.number(r.proposed),
          submitted: fmt.number(r.submitted),
          unchanged: fmt.number(r.unchanged),
          skipped: fmt.number(r.skipped.length),
        }),
      }),
  });
  return (
    <Stack gap="md" data-testid="replenishment-proposals">
      <ReplenishmentHeader
        title={t("replenishment.proposals.title")}
        distributorId={distributorId}
        actions={
          hasPermission(me, REPLENISHMENT_ACCESS.manage) ? (
            <Button loading={generate.isPending} onClick={() => generate.mutate()} data-testid="proposals-generate">
              {t("replenishment.proposals.generate")}
            </Button>
          ) : null
        }
      />
      {!own ? (
        <DistributorFilter
          value={search.distributorId}
          onChange={(id) => setSearch({ distributorId: id })}
          testId="proposals-distributor-select"
        />
      ) : null}
      <ErrorAlert error={proposals.error} />
      <Paper withBorder p="sm">
        <Tabs
          value={tab}
          onChange={(v) => setSearch({ status: v === "approved" || v === "dismissed" ? v : undefined })}
        >
          <Tabs.List mb="xs">
            {PROPOSAL_TABS.map((s) => (
              <Tabs.Tab key={s} value={s} data-testid={`proposals-tab-${s}`}>
                {t(`replenishment.proposals.tab.${s}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <ProposalTable items={proposals.data ?? []} tab={tab} loading={!proposals.isSuccess} withDistributor={!own} />
      </Paper>
    </Stack>
  );
}

function ProposalTable({
  items,
  tab,
  loading,
  withDistributor,
}: {
  items: ProposalSummary[];
  tab: ProposalTab;
  loading: boolean;
  /** A distributor's own proposals need no column naming it. */
  withDistributor: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const decided = tab !== "open";
  const cols = (decided ? 7 : 5) - (withDistributor ? 0 : 1);
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="proposals-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("replenishment.proposals.proposedOn")}</Table.Th>
            {withDistributor ? <Table.Th>{t("replenishment.common.distributor")}</Table.Th> : null}
            <Table.Th ta="right">{t("replenishment.proposals.lines")}</Table.Th>
            <Table.Th ta="right">{t("replenishment.proposals.total")}</Table.Th>
            {decided ? (
              <>
                <Table.Th>{t("replenishment.proposals.decided")}</Table.Th>
                <Table.Th>
                  {tab === "approved" ? t("replenishment.proposals.order") : t("replenishment.proposals.note")}
                </Table.Th>
              </>
            ) : null}
            <Table.Th>{t("replenishment.proposals.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} data-testid="proposal-row" data-status={p.status}>
              <Table.Td>
                <Anchor
                  size="sm"
                  fw={500}
                  renderRoot={(r) => (
                    <Link {...r} to="/replenishment/proposals/$proposalId" params={{ proposalId: p.id }} />
                  )}
                  data-testid="proposal-open"
                >
                  <DateText value={p.proposedOn} />
                </Anchor>
              </Table.Td>
              {withDistributor ? (
                <Table.Td>{localName({ name: p.distributorName, nameBn: p.distributorNameBn }, locale)}</Table.Td>
              ) : null}
              <Table.Td ta="right">
                <NumberText value={p.lineCount} />
              </Table.Td>
              <Table.Td ta="right">
                <Money size="sm" poisha={p.totalPoisha} fw={600} />
              </Table.Td>
              {decided ? (
                <>
                  <Table.Td>{p.decidedAt ? <DateTimeText value={p.decidedAt} /> : "—"}</Table.Td>
                  <Table.Td>
                    {tab === "approved" && p.primaryOrderId ? (
                      <Anchor
                        size="sm"
                        renderRoot={(r) => (
                          <Link
                            {...r}
                            to="/primary-orders/$primaryOrderId"
                            params={{ primaryOrderId: p.primaryOrderId ?? "" }}
                          />
                        )}
                        data-testid="proposal-order-link"
                      >
                        {p.primaryOrderNumber}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {p.decisionNote ?? "—"}
                      </Text>
                    )}
                  </Table.Td>
                </>
              ) : null}
              <Table.Td>
                <Badge color={PROPOSAL_STATUS_COLORS[p.status]} variant="light" tt="none">
                  {t(`replenishment.proposalStatus.${p.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
          {!loading && items.length === 0 ? (
            <EmptyTableRow colSpan={cols}>{t("replenishment.proposals.empty")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
