// /promotions/campaigns and /promotions/campaigns/$campaignId: campaigns group schemes under an objective, a period
// and a budget. The detail shows its schemes and its results: sales of the targeted outlets against their own
// previous period and a comparable untargeted group (difference in differences), the cost of what was granted, ROI.
import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, Money } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { PROMOTIONS_ACCESS } from "./promotions-access.ts";
import { takaToPoisha } from "./scheme-form.ts";
import { ruleSummary, SchemeStatusBadge } from "./scheme-labels.tsx";
import {
  useCampaign,
  useCampaignResults,
  useCampaigns,
  useCreateCampaign,
  useSchemes,
  useSkuOptions,
  useUpdateCampaign,
} from "./use-promotions.ts";

const detailRoute = getRouteApi("/_app/promotions/campaigns/$campaignId");

export function CampaignListRoute() {
  return (
    <RequirePermission permission={PROMOTIONS_ACCESS.read}>
      <CampaignListPage />
    </RequirePermission>
  );
}

export function CampaignDetailRoute() {
  return (
    <RequirePermission permission={PROMOTIONS_ACCESS.read}>
      <CampaignDetailPage />
    </RequirePermission>
  );
}

function CampaignListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("promotions.campaigns.title")}</Title>
        <Group gap="xs">
          <Button component={Link} to="/promotions" variant="default">
            {t("promotions.schemes.title")}
          </Button>
          {hasPermission(me, PROMOTIONS_ACCESS.manage) ? (
            <Button onClick={() => setCreating(true)} data-testid="new-campaign">
              {t("promotions.campaigns.new")}
            </Button>
          ) : null}
        </Group>
      </Group>
      <ErrorAlert error={campaigns.error} />
      <Table striped highlightOnHover data-testid="campaign-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("promotions.campaigns.name")}</Table.Th>
            <Table.Th>{t("promotions.campaigns.objective")}</Table.Th>
            <Table.Th>{t("promotions.schemes.validity")}</Table.Th>
            <Table.Th>{t("promotions.schemes.status")}</Table.Th>
            <Table.Th ta="right">{t("promotions.schemes.budget")}</Table.Th>
            <Table.Th ta="right">{t("promotions.campaigns.schemes")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(campaigns.data?.items ?? []).map((c) => (
            <Table.Tr key={c.id} data-testid="campaign-row">
              <Table.Td>
                <Anchor
                  renderRoot={(r) => (
                    <Link {...r} to="/promotions/campaigns/$campaignId" params={{ campaignId: c.id }} />
                  )}
                >
                  {localName({ name: c.name, nameBn: c.nameBn }, locale)}
                </Anchor>
              </Table.Td>
              <Table.Td>{t(`promotions.objective.${c.objective}`)}</Table.Td>
              <Table.Td>
                <DateText value={c.validFrom} /> – <DateText value={c.validTo} />
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={c.status === "active" ? "teal" : "gray"}>
                  {t(`promotions.status.${c.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{c.budgetPoisha !== null ? <Money poisha={c.budgetPoisha} /> : "—"}</Table.Td>
              <Table.Td ta="right">{c.schemeIds.length}</Table.Td>
            </Table.Tr>
          ))}
          {campaigns.data && campaigns.data.items.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" ta="center" py="sm">
                  {t("promotions.campaigns.none")}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>
      <NewCampaignModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

function NewCampaignModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [nameBn, setNameBn] = useState("");
  const [objective, setObjective] = useState<"volume" | "new_outlets">("volume");
  const [validFrom, setValidFrom] = useState("");
  const [validTo, setValidTo] = useState("");
  const [budget, setBudget] = useState("");
  const key = useRef(newIdempotencyKey());
  const create = useCreateCampaign({
    meta: { inlineError: true },
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("promotions.campaigns.created") });
      key.current = newIdempotencyKey();
      onClose();
    },
  });
  const budgetPoisha = budget.trim() === "" ? null : takaToPoisha(budget);
  const ok = name.trim() && nameBn.trim() && validFrom && validTo && validTo >= validFrom && budgetPoisha !== 0;
  return (
    <Modal opened={opened} onClose={onClose} title={t("promotions.campaigns.new")}>
      <Stack gap="sm">
        <TextInput
          label={t("promotions.form.nameEn")}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="campaign-name-en"
        />
        <TextInput
          label={t("promotions.form.nameBn")}
          value={nameBn}
          onChange={(e) => setNameBn(e.currentTarget.value)}
          data-testid="campaign-name-bn"
        />
        <SegmentedControl
          value={objective}
          onChange={(v) => setObjective(v === "new_outlets" ? "new_outlets" : "volume")}
          data={[
            { value: "volume", label: t("promotions.objective.volume") },
            { value: "new_outlets", label: t("promotions.objective.new_outlets") },
          ]}
        />
        <Group grow>
          <TextInput
            type="date"
            label={t("promotions.form.validFrom")}
            value={validFrom}
            onChange={(e) => setValidFrom(e.currentTarget.value)}
            data-testid="campaign-from"
          />
          <TextInput
            type="date"
            label={t("promotions.form.validTo")}
            value={validTo}
            onChange={(e) => setValidTo(e.currentTarget.value)}
            data-testid="campaign-to"
          />
        </Group>
        <TextInput
          label={t("promotions.form.budget")}
          description={t("promotions.form.blankNoLimit")}
          leftSection="৳"
          value={budget}
          onChange={(e) => setBudget(e.currentTarget.value)}
          error={budget.trim() !== "" && !budgetPoisha ? t("promotions.form.errors.amount") : undefined}
        />
        <ErrorAlert error={create.error} />
        <Button
          disabled={!ok}
          loading={create.isPending}
          data-testid="campaign-save"
          onClick={() =>
            create.mutate({
              body: { name: name.trim(), nameBn: nameBn.trim(), objective, validFrom, validTo, budgetPoisha },
              idempotencyKey: key.current,
            })
          }
        >
          {t("promotions.form.save")}
        </Button>
      </Stack>
    </Modal>
  );
}

function CampaignDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const { campaignId } = detailRoute.useParams();
  const campaign = useCampaign(campaignId);
  const schemes = useSchemes({ campaignId });
  const results = useCampaignResults(campaignId);
  const { codeOf } = useSkuOptions();
  const me = useMe();
  const update = useUpdateCampaign({
    onSuccess: (u) => notifications.show({ color: "teal", message: t(`promotions.status.${u.status}`) }),
  });
  const c = campaign.data;
  if (campaign.error) return <ErrorAlert error={campaign.error} />;
  if (!c) return <Text c="dimmed">{t("orders.common.loading")}</Text>;
  const r = results.data;
  return (
    <Stack gap="md" data-testid="campaign-detail">
      <Group justify="space-between">
        <div>
          <Title order={2}>{localName({ name: c.name, nameBn: c.nameBn }, locale)}</Title>
          <Text size="sm" c="dimmed">
            {t(`promotions.objective.${c.objective}`)} · <DateText value={c.validFrom} /> –{" "}
            <DateText value={c.validTo} />
            {c.budgetPoisha !== null ? (
              <>
                {" · "}
                {t("promotions.schemes.budget")} <Money poisha={c.budgetPoisha} />
              </>
            ) : null}
          </Text>
        </div>
        {hasPermission(me, PROMOTIONS_ACCESS.manage) ? (
          <Group gap="xs">
            <Badge variant="light" color={c.status === "active" ? "teal" : "gray"} data-testid="campaign-status">
              {t(`promotions.status.${c.status}`)}
            </Badge>
            {c.status !== "active" ? (
              <Button
                color="teal"
                loading={update.isPending}
                onClick={() => update.mutate({ id: c.id, body: { status: "active" } })}
                data-testid="campaign-activate"
              >
                {t("promotions.actions.activate")}
              </Button>
            ) : (
              <Button
                color="red"
                variant="light"
                loading={update.isPending}
                onClick={() => update.mutate({ id: c.id, body: { status: "ended" } })}
                data-testid="campaign-end"
              >
                {t("promotions.actions.end")}
              </Button>
            )}
            <Button
              renderRoot={(r) => <Link {...r} to="/promotions/schemes/new" search={{ campaignId: c.id }} />}
              variant="light"
              data-testid="campaign-add-scheme"
            >
              {t("promotions.schemes.new")}
            </Button>
          </Group>
        ) : null}
      </Group>

      <ErrorAlert error={results.error ?? update.error} />
      {r ? (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="campaign-results">
            <Figure
              label={t("promotions.results.incremental")}
              testId="campaign-incremental"
              poisha={r.incrementalPoisha}
            >
              <Money poisha={r.incrementalPoisha} />
            </Figure>
            <Figure label={t("promotions.results.cost")} testId="campaign-cost" poisha={r.costPoisha}>
              <Money poisha={r.costPoisha} />
            </Figure>
            <Figure label={t("promotions.results.roi")}>
              {r.roiBp === null ? "—" : `${fmt.number(r.roiBp / 100)} %`}
            </Figure>
            <Figure label={t("promotions.results.newOutlets")}>{fmt.number(r.newOutlets)}</Figure>
          </SimpleGrid>
          <Paper withBorder p="sm">
            <Text size="sm" c="dimmed" mb="xs">
              {t("promotions.results.method")}
            </Text>
            <Table data-testid="campaign-groups">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th ta="right">{t("promotions.results.outlets")}</Table.Th>
                  <Table.Th ta="right">
                    {t("promotions.results.before")} (<DateText value={r.baselinePeriod.from} /> –{" "}
                    <DateText value={r.baselinePeriod.to} />)
                  </Table.Th>
                  <Table.Th ta="right">
                    {t("promotions.results.during")} (<DateText value={r.period.from} /> –{" "}
                    <DateText value={r.period.to} />)
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(
                  [
                    ["targeted", r.targeted],
                    ["control", r.control],
                  ] as const
                ).map(([k, g]) => (
                  <Table.Tr key={k}>
                    <Table.Td>{t(`promotions.results.${k}`)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(g.outlets)}</Table.Td>
                    <Table.Td ta="right">
                      <Money poisha={g.beforePoisha} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money poisha={g.duringPoisha} />
                    </Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td colSpan={3}>{t("promotions.results.expected")}</Table.Td>
                  <Table.Td ta="right">
                    <Money poisha={r.expectedPoisha} />
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed" mt="xs">
              {t("promotions.results.grants", { n: fmt.number(r.grants) })}
            </Text>
          </Paper>
        </>
      ) : null}

      <Paper withBorder p="sm">
        <Title order={4} mb="xs">
          {t("promotions.campaigns.schemes")}
        </Title>
        <Table data-testid="campaign-schemes">
          <Table.Tbody>
            {(schemes.data?.items ?? []).map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Anchor
                    renderRoot={(r) => <Link {...r} to="/promotions/schemes/$schemeId" params={{ schemeId: s.id }} />}
                  >
                    {s.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>{ruleSummary(s.rule, t, locale, codeOf)}</Table.Td>
                <Table.Td>
                  <SchemeStatusBadge status={s.status} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money poisha={s.spentPoisha} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Anchor component={Link} to="/promotions/campaigns" size="sm">
        ← {t("promotions.campaigns.title")}
      </Anchor>
    </Stack>
  );
}

function Figure({
  label,
  children,
  testId,
  poisha,
}: {
  label: string;
  children: React.ReactNode;
  testId?: string;
  poisha?: number;
}) {
  return (
    <Paper withBorder p="sm" data-testid={testId} data-poisha={poisha}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={700}>
        {children}
      </Text>
    </Paper>
  );
}
