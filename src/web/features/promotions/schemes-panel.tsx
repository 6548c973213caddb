// The order-entry screen's schemes panel: which schemes the memo earns as it is typed (what each gives), and on
// request why each other scheme in force for this outlet gives nothing. It runs the shared engine in the browser on
// the schemes the server said are in force, so what it shows is what the server will price at save.
import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { explainSchemes } from "../../../shared/pricing/scheme-engine.ts";
import { skipReasonText } from "../../../shared/pricing/scheme-explain.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { Money } from "../../ui/formatted-values.tsx";
import { useFormat } from "../../ui/use-format.ts";
import type { EntryPricing } from "../orders/order-lines-state.ts";
import type { OutletSchemes } from "./schemes-in-force.ts";

export function SchemesPanel({
  outlet,
  pricing,
  skuCode,
}: {
  outlet: OutletSchemes;
  pricing: EntryPricing;
  skuCode: (skuId: string) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const [why, setWhy] = useState(false);
  const byId = useMemo(() => new Map(outlet.schemes.map((s) => [s.id, s])), [outlet.schemes]);
  const explained = useMemo(
    () => (why ? explainSchemes(outlet.schemes, outlet.context, pricing.inputs, outlet.options) : []),
    [why, outlet, pricing.inputs],
  );
  const applied = pricing.applied.filter((a) => a.discountPoisha > 0 || a.free.length > 0);
  const notApplied = explained.filter((e) => !e.applied);
  const names = { scheme: (id: string) => byId.get(id)?.code, sku: skuCode };

  return (
    <Paper withBorder p="sm" data-testid="schemes-panel">
      <Group justify="space-between" mb={4}>
        <Title order={5}>{t("promotions.entry.schemes")}</Title>
        {outlet.schemes.length > 0 ? (
          <Button size="compact-xs" variant="subtle" onClick={() => setWhy((w) => !w)} data-testid="schemes-why">
            {why ? t("promotions.entry.hideWhy") : t("promotions.entry.why")}
          </Button>
        ) : null}
      </Group>
      {outlet.schemes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("promotions.entry.noneInForce")}
        </Text>
      ) : (
        <Stack gap={4}>
          {applied.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="schemes-none-applied">
              {t("promotions.entry.noneApplied", { n: fmt.number(outlet.schemes.length) })}
            </Text>
          ) : null}
          {applied.map((a) => {
            const s = byId.get(a.schemeId);
            return (
              <Group key={a.schemeId} gap="xs" justify="space-between" data-testid="scheme-applied" data-code={s?.code}>
                <Group gap={6}>
                  <Badge color="grape" variant="light" tt="none">
                    {s?.code}
                  </Badge>
                  <Text size="sm">{s ? s.name[locale] || s.name.en : a.schemeId}</Text>
                </Group>
                <Group gap={8}>
                  {a.free.map((f) => (
                    <Text key={f.skuId} size="sm" c="grape" data-testid="scheme-free">
                      {t("promotions.entry.freeQty", { qty: fmt.number(f.qty), sku: skuCode(f.skuId) })}
                    </Text>
                  ))}
                  {a.discountPoisha > 0 ? (
                    <Money size="sm" fw={600} poisha={-a.discountPoisha} data-testid="scheme-discount" />
                  ) : null}
                </Group>
              </Group>
            );
          })}
          {why
            ? notApplied.map((e) => {
                const s = byId.get(e.schemeId);
                const text = e.reason ? skipReasonText(e.reason, names)[locale] : "";
                return (
                  <Group key={e.schemeId} gap={6} wrap="nowrap" align="flex-start" data-testid="scheme-skipped">
                    <Badge color="gray" variant="light" tt="none">
                      {s?.code}
                    </Badge>
                    <Text size="sm" c="dimmed">
                      {text}
                    </Text>
                  </Group>
                );
              })
            : null}
        </Stack>
      )}
    </Paper>
  );
}
