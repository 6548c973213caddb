// /promotions/claims: what is claimable now (per distributor and scheme) above the claims in the caller's scope,
// filtered by status (and, for head office and managers, by distributor). A distributor or the admin opens "new claim".
import { Anchor, Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { CLAIM_STATUSES, type ClaimStatus } from "../../../shared/contracts/claims.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, DateTimeText, Money, NumberText } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { DistributorFilter } from "../replenishment/replenishment-parts.tsx";
import { ownDistributorId } from "../stock/stock-page.tsx";
import { CLAIMS_ACCESS, ClaimableTable, type ClaimListSearch, ClaimStatusBadge } from "./claims-parts.tsx";
import { useClaimable, useClaims } from "./use-claims.ts";

const route = getRouteApi("/_app/promotions/claims");

export function ClaimListRoute() {
  return (
    <RequirePermission permission={CLAIMS_ACCESS.read}>
      <ClaimListPage />
    </RequirePermission>
  );
}

function ClaimListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const set = (patch: Partial<ClaimListSearch>) =>
    void navigate({ search: (s: ClaimListSearch) => ({ ...s, ...patch }), replace: true });
  const own = ownDistributorId(me);
  const distributorId = own ?? search.distributorId;
  const claims = useClaims({ status: search.status, distributorId });
  const claimable = useClaimable({ distributorId });
  const canSubmit = hasPermission(me, CLAIMS_ACCESS.submit);

  return (
    <Stack gap="md" data-testid="claims-page">
      <Group justify="space-between">
        <Title order={2}>{t("claims.list.title")}</Title>
        {canSubmit ? (
          <Button component={Link} to="/promotions/claims/new" data-testid="new-claim">
            {t("claims.list.new")}
          </Button>
        ) : null}
      </Group>
      {!own ? (
        <DistributorFilter
          value={search.distributorId}
          onChange={(id) => set({ distributorId: id })}
          testId="claims-distributor-select"
        />
      ) : null}
      <Paper withBorder p="sm">
        <Title order={4}>{t("claims.claimable.title")}</Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t("claims.claimable.hint")}
        </Text>
        <ErrorAlert error={claimable.error} />
        <ClaimableTable data={claimable.data} withDistributor={!own} loading={!claimable.isSuccess} />
      </Paper>
      <SegmentedControl
        value={search.status ?? "all"}
        onChange={(v) => set({ status: v === "all" ? undefined : (v as ClaimStatus) })}
        data={[
          { value: "all", label: t("claims.status.all") },
          ...CLAIM_STATUSES.map((s) => ({ value: s, label: t(`claims.status.${s}`) })),
        ]}
        data-testid="claim-status-filter"
      />
      <ErrorAlert error={claims.error} />
      <Table.ScrollContainer minWidth={860}>
        <Table striped highlightOnHover verticalSpacing={6} data-testid="claim-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("claims.list.number")}</Table.Th>
              {!own ? <Table.Th>{t("claims.list.distributor")}</Table.Th> : null}
              <Table.Th>{t("claims.list.period")}</Table.Th>
              <Table.Th ta="right">{t("claims.list.lines")}</Table.Th>
              <Table.Th ta="right">{t("claims.list.claimed")}</Table.Th>
              <Table.Th ta="right">{t("claims.list.approved")}</Table.Th>
              <Table.Th>{t("claims.list.status")}</Table.Th>
              <Table.Th>{t("claims.list.updated")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(claims.data ?? []).map((c) => (
              <Table.Tr key={c.id} data-testid="claim-row" data-number={c.number}>
                <Table.Td>
                  <Anchor
                    fw={600}
                    renderRoot={(r) => <Link {...r} to="/promotions/claims/$claimId" params={{ claimId: c.id }} />}
                    data-testid="claim-open"
                  >
                    {c.number}
                  </Anchor>
                </Table.Td>
                {!own ? (
                  <Table.Td>{localName({ name: c.distributorName, nameBn: c.distributorNameBn }, locale)}</Table.Td>
                ) : null}
                <Table.Td>
                  <Text size="sm">
                    <DateText value={c.periodFrom} /> – <DateText value={c.periodTo} />
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <NumberText value={c.lineCount} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money poisha={c.claimedPoisha} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  {c.approvedPoisha !== null ? <Money poisha={c.approvedPoisha} size="sm" /> : "—"}
                </Table.Td>
                <Table.Td>
                  <ClaimStatusBadge status={c.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    <DateTimeText value={c.updatedAt} />
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
            {claims.isSuccess && claims.data.length === 0 ? (
              <EmptyTableRow colSpan={own ? 7 : 8}>{t("claims.list.none")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
