// /promotions: the schemes in the caller's scope, filtered by status; each row says what it gives, when, to whom,
// and how much of its budget is spent. Managers open the editor from here.
import {
  Anchor,
  Badge,
  Button,
  Group,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, Money } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { PROMOTIONS_ACCESS } from "./promotions-access.ts";
import type { SchemeListSearch } from "./promotions-routes.tsx";
import { ruleSummary, SchemeStatusBadge } from "./scheme-labels.tsx";
import { useSchemes, useSkuOptions } from "./use-promotions.ts";

const route = getRouteApi("/_app/promotions");

export function SchemeListRoute() {
  return (
    <RequirePermission permission={PROMOTIONS_ACCESS.read}>
      <SchemeListPage />
    </RequirePermission>
  );
}

function SchemeListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const set = (patch: Partial<SchemeListSearch>) =>
    void navigate({ search: (s: SchemeListSearch) => ({ ...s, ...patch }), replace: true });
  const schemes = useSchemes({ status: search.status, campaignId: search.campaignId, q: search.q });
  const canManage = hasPermission(me, PROMOTIONS_ACCESS.manage);
  const { codeOf } = useSkuOptions();

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("promotions.schemes.title")}</Title>
        <Group gap="xs">
          <Button component={Link} to="/promotions/campaigns" variant="default" data-testid="open-campaigns">
            {t("promotions.campaigns.title")}
          </Button>
          {canManage ? (
            <Button component={Link} to="/promotions/schemes/new" data-testid="new-scheme">
              {t("promotions.schemes.new")}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Group gap="sm">
        <SegmentedControl
          value={search.status ?? "all"}
          onChange={(v) => set({ status: v === "all" ? undefined : (v as SchemeListSearch["status"]) })}
          data={[
            { value: "all", label: t("promotions.status.all") },
            { value: "active", label: t("promotions.status.active") },
            { value: "draft", label: t("promotions.status.draft") },
            { value: "paused", label: t("promotions.status.paused") },
            { value: "ended", label: t("promotions.status.ended") },
          ]}
          data-testid="scheme-status-filter"
        />
        <TextInput
          placeholder={t("promotions.schemes.search")}
          defaultValue={search.q ?? ""}
          onChange={(e) => set({ q: e.currentTarget.value.trim() || undefined })}
          data-testid="scheme-search"
        />
      </Group>
      <ErrorAlert error={schemes.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing={6} data-testid="scheme-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("promotions.schemes.code")}</Table.Th>
              <Table.Th>{t("promotions.schemes.name")}</Table.Th>
              <Table.Th>{t("promotions.schemes.rule")}</Table.Th>
              <Table.Th>{t("promotions.schemes.validity")}</Table.Th>
              <Table.Th>{t("promotions.schemes.status")}</Table.Th>
              <Table.Th ta="right">{t("promotions.schemes.budget")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(schemes.data?.items ?? []).map((s) => (
              <Table.Tr key={s.id} data-testid="scheme-row" data-code={s.code}>
                <Table.Td>
                  <Anchor
                    fw={600}
                    renderRoot={(r) => <Link {...r} to="/promotions/schemes/$schemeId" params={{ schemeId: s.id }} />}
                  >
                    {s.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{localName({ name: s.name, nameBn: s.nameBn }, locale)}</Text>
                  <Group gap={4}>
                    <Badge size="xs" variant="light" color={s.stacking === "exclusive" ? "orange" : "blue"} tt="none">
                      {t(`promotions.stacking.${s.stacking}`)}
                    </Badge>
                    {s.claimable ? (
                      <Badge size="xs" variant="light" color="teal" tt="none">
                        {t("promotions.schemes.claimable")}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{ruleSummary(s.rule, t, locale, codeOf)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    <DateText value={s.validFrom} /> – <DateText value={s.validTo} />
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SchemeStatusBadge status={s.status} />
                </Table.Td>
                <Table.Td ta="right">
                  {s.budgetPoisha !== null ? (
                    <Stack gap={2} align="flex-end">
                      <Text size="sm">
                        <Money span poisha={s.spentPoisha} /> / <Money span poisha={s.budgetPoisha} />
                      </Text>
                      <Progress
                        w={120}
                        size="sm"
                        value={s.budgetPoisha > 0 ? Math.min(100, (100 * s.spentPoisha) / s.budgetPoisha) : 0}
                      />
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      <Money span poisha={s.spentPoisha} />
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {schemes.data && schemes.data.items.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed" ta="center" py="sm">
                    {t("promotions.schemes.none")}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
