// /replenishment/forecast?distributorId&skuId: one distributor × SKU series. The chart of the last 120 days sold and
// the forecast; the method chosen and why (the demand pattern it was classified as, each pattern explained in a
// line); and how accurate it was on the held-out weeks (MASE, seasonal-naive MASE, relative MAE, each defined).
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { DEMAND_KINDS, type ForecastResponse } from "../../../shared/contracts/replenishment.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { localName, useDistributors } from "../orders/use-network-lookups.ts";
import { ForecastChart } from "./forecast-chart.tsx";
import { REPLENISHMENT_ACCESS } from "./replenishment-access.ts";
import { ReplenishmentHeader } from "./replenishment-header.tsx";
import { ratio } from "./replenishment-model.ts";
import { NO_FIGURE, RatioText } from "./replenishment-parts.tsx";
import { useForecast } from "./use-replenishment.ts";

const route = getRouteApi("/_app/replenishment/forecast");

export function ForecastRoute() {
  return (
    <RequirePermission permission={REPLENISHMENT_ACCESS.read}>
      <ForecastPage />
    </RequirePermission>
  );
}

function ForecastPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const search = route.useSearch();
  const params =
    search.distributorId && search.skuId ? { distributorId: search.distributorId, skuId: search.skuId } : null;
  const forecast = useForecast(params);
  const distributors = useDistributors(Boolean(search.distributorId));
  const distributor = distributors.data?.items.find((d) => d.id === search.distributorId);
  const f = forecast.data;
  return (
    <Stack gap="md" data-testid="replenishment-forecast">
      <ReplenishmentHeader
        title={f ? localName({ name: f.skuName, nameBn: f.skuNameBn }, locale) : t("replenishment.forecast.title")}
        distributorId={search.distributorId}
        subtitle={
          <Group gap="xs">
            {f ? (
              <Text span size="sm">
                {f.skuCode}
              </Text>
            ) : null}
            {distributor ? (
              <Text span size="sm">
                · {localName(distributor, locale)}
              </Text>
            ) : null}
            <Anchor
              size="sm"
              renderRoot={(p) => <Link {...p} to="/replenishment" search={{ distributorId: search.distributorId }} />}
              data-testid="forecast-back"
            >
              {t("replenishment.forecast.openPlan")}
            </Anchor>
          </Group>
        }
      />
      <ErrorAlert error={forecast.error} />
      {f ? <ForecastBody f={f} /> : null}
    </Stack>
  );
}

function ForecastBody({ f }: { f: ForecastResponse }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t("replenishment.forecast.chartHint")}
          </Text>
          {f.method === null ? (
            <Text c="dimmed" data-testid="forecast-none">
              {t("replenishment.forecast.noForecast")}
            </Text>
          ) : null}
          <ForecastChart forecast={f} />
          {f.computedAt ? (
            <Text size="xs" c="dimmed">
              {t("replenishment.forecast.computedAt", { time: fmt.dateTime(f.computedAt) })}
            </Text>
          ) : null}
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <MethodCard f={f} />
        <AccuracyCard f={f} />
      </SimpleGrid>
    </>
  );
}

function MethodCard({ f }: { f: ForecastResponse }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper withBorder p="md" data-testid="forecast-method">
      <Stack gap="sm">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t("replenishment.forecast.method")}
          </Text>
          <Title order={4} data-testid="forecast-method-name" data-method={f.method ?? ""}>
            {f.method ? t(`replenishment.method.${f.method}`) : NO_FIGURE}
          </Title>
        </div>
        <Group gap="lg">
          <div>
            <Text size="xs" c="dimmed">
              {t("replenishment.forecast.avgDaily")}
            </Text>
            <Text fw={600}>{fmt.number(Math.round(f.avgDaily * 100) / 100)}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t("replenishment.forecast.sigmaDaily")}
            </Text>
            <Text fw={600}>{fmt.number(Math.round(f.sigmaDaily * 100) / 100)}</Text>
          </div>
        </Group>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
            {t("replenishment.forecast.why")}
          </Text>
          <Stack gap={6}>
            {DEMAND_KINDS.map((k) => {
              const chosen = f.demandKind === k;
              return (
                <Group
                  key={k}
                  gap="xs"
                  wrap="nowrap"
                  align="flex-start"
                  opacity={chosen ? 1 : 0.6}
                  data-testid={chosen ? "forecast-kind-chosen" : undefined}
                  data-kind={k}
                >
                  <Badge
                    variant={chosen ? "filled" : "outline"}
                    color={chosen ? "cyan" : "gray"}
                    tt="none"
                    miw={104}
                    style={{ flexShrink: 0 }}
                  >
                    {t(`replenishment.kind.${k}`)}
                  </Badge>
                  <Text size="sm" fw={chosen ? 500 : undefined}>
                    {t(`replenishment.kindExplain.${k}`)}
                  </Text>
                </Group>
              );
            })}
          </Stack>
        </div>
      </Stack>
    </Paper>
  );
}

function AccuracyCard({ f }: { f: ForecastResponse }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rel = ratio(f.relativeMae);
  const rows = [
    { key: "mase", value: f.mase, good: true },
    { key: "naiveMase", value: f.naiveMase, good: false },
    { key: "relativeMae", value: f.relativeMae, good: true },
  ] as const;
  return (
    <Paper withBorder p="md" data-testid="forecast-accuracy">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t("replenishment.forecast.accuracy")}
          </Text>
          {rel !== null ? (
            <Badge color={rel < 1 ? "teal" : "red"} variant="light" tt="none">
              {t(rel < 1 ? "replenishment.forecast.beats" : "replenishment.forecast.loses")}
            </Badge>
          ) : null}
        </Group>
        {f.mase === null && f.relativeMae === null ? (
          <Text size="sm" c="dimmed">
            {t("replenishment.forecast.noBacktest")}
          </Text>
        ) : null}
        <Table verticalSpacing={6}>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td style={{ whiteSpace: "nowrap", verticalAlign: "top" }}>
                  <Text size="sm" fw={600}>
                    {t(`replenishment.forecast.${r.key}`)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ textAlign: "right", verticalAlign: "top" }}>
                  <Text size="lg">
                    <RatioText
                      value={r.value}
                      fmtNumber={fmt.number}
                      goodBelowOne={r.good}
                      testId={`forecast-${r.key}`}
                    />
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {t(`replenishment.forecast.${r.key}Explain`)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
