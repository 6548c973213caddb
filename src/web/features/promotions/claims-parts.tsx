// What every claims screen shows the same way: a claim's status, the claimable-now table, the route search.
import { Badge, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CLAIM_STATUSES, type ClaimableResponse, type ClaimStatus } from "../../../shared/contracts/claims.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { Money, NumberText } from "../../ui/formatted-values.tsx";
import { Icon, type IconProps } from "../../ui/icons.tsx";
import { localName } from "../orders/use-network-lookups.ts";

/** The permissions (server: platform/access.ts) the claims screens ask for; the server checks each call again. */
export const CLAIMS_ACCESS = {
  read: "claims.read",
  submit: "claims.submit",
  review: "claims.review",
  settle: "claims.settle",
} as const;

export const CLAIM_STATUS_COLORS: Record<ClaimStatus, string> = {
  draft: "gray",
  submitted: "blue",
  approved: "teal",
  disputed: "orange",
  withdrawn: "dark",
  settled: "green",
};

export interface ClaimListSearch {
  status?: ClaimStatus;
  distributorId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseClaimListSearch(s: Record<string, unknown>): ClaimListSearch {
  return {
    status: CLAIM_STATUSES.includes(s.status as ClaimStatus) ? (s.status as ClaimStatus) : undefined,
    distributorId: typeof s.distributorId === "string" && UUID.test(s.distributorId) ? s.distributorId : undefined,
  };
}

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={CLAIM_STATUS_COLORS[status]}
      variant="light"
      tt="none"
      data-testid="claim-status"
      data-status={status}
    >
      {t(`claims.status.${status}`)}
    </Badge>
  );
}

/** Claimable now (or for a period), per distributor and scheme, with its total. */
export function ClaimableTable({
  data,
  withDistributor,
  loading,
}: {
  data: ClaimableResponse | undefined;
  withDistributor: boolean;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = data?.rows ?? [];
  const cols = withDistributor ? 6 : 5;
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table striped verticalSpacing="xs" data-testid="claimable-table">
        <Table.Thead>
          <Table.Tr>
            {withDistributor ? <Table.Th>{t("claims.list.distributor")}</Table.Th> : null}
            <Table.Th>{t("claims.claimable.scheme")}</Table.Th>
            <Table.Th ta="right">{t("claims.claimable.items")}</Table.Th>
            <Table.Th ta="right">{t("claims.claimable.new")}</Table.Th>
            <Table.Th ta="right">{t("claims.claimable.adjustments")}</Table.Th>
            <Table.Th ta="right">{t("claims.claimable.total")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={`${r.distributorId}-${r.schemeId}`} data-testid="claimable-row">
              {withDistributor ? (
                <Table.Td>{localName({ name: r.distributorName, nameBn: r.distributorNameBn }, locale)}</Table.Td>
              ) : null}
              <Table.Td>
                <Text size="sm" fw={500} span>
                  {r.schemeCode}
                </Text>{" "}
                <Text size="sm" c="dimmed" span>
                  {localName({ name: r.schemeName, nameBn: r.schemeNameBn }, locale)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <NumberText value={r.items} />
              </Table.Td>
              <Table.Td ta="right">
                <Money poisha={r.newPoisha} size="sm" />
              </Table.Td>
              <Table.Td ta="right">
                <Money poisha={r.adjustmentPoisha} size="sm" c={r.adjustmentPoisha < 0 ? "red.8" : undefined} />
              </Table.Td>
              <Table.Td ta="right">
                <Money poisha={r.totalPoisha} size="sm" fw={600} />
              </Table.Td>
            </Table.Tr>
          ))}
          {rows.length === 0 && !loading ? (
            <EmptyTableRow colSpan={cols}>{t("claims.claimable.none")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
        {rows.length > 0 ? (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={cols - 1}>{t("claims.claimable.total")}</Table.Th>
              <Table.Th ta="right" data-testid="claimable-total" data-poisha={data?.totalPoisha ?? 0}>
                <Money poisha={data?.totalPoisha ?? 0} size="sm" fw={700} />
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        ) : null}
      </Table>
    </Table.ScrollContainer>
  );
}

/** A receipt with a returning arrow: money claimed back. */
export const ClaimIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M6 3h12v18l-3-2-3 2-3-2-3 2z" />
    <path d="M9 9h6M9 13h4" />
  </Icon>
);
