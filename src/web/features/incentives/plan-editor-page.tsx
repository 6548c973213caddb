// /incentives/plans/$planId ("new" for a new one): the plan editor: names, who it pays, period, validity, the slab
// table (marginal bands of attainment; the last the accelerator), gates, the cap and focus-product kickers. Read-only
// for those who may not manage plans.
import { ActionIcon, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { useAllSkus } from "../field/use-field-manager.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { INCENTIVES_ACCESS } from "./incentives-access.ts";
import { IncentivesHeader } from "./incentives-header.tsx";
import { emptyPlanForm, formToBody, type PlanForm, planToForm } from "./plan-form.ts";
import { usePlan, useSavePlan } from "./use-incentives.ts";

const route = getRouteApi("/_app/incentives/plans/$planId");

export function PlanEditorRoute() {
  return (
    <RequirePermission permission={INCENTIVES_ACCESS.read}>
      <PlanEditorPage />
    </RequirePermission>
  );
}

function PlanEditorPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const { planId } = route.useParams();
  const id = planId === "new" ? null : planId;
  const plan = usePlan(id);
  const skus = useAllSkus();
  const [form, setForm] = useState<PlanForm>(() => emptyPlanForm(businessDate()));
  const [archived, setArchived] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (plan.data) {
      setForm(planToForm(plan.data));
      setArchived(plan.data.archived);
    }
  }, [plan.data]);
  const save = useSavePlan(id, {
    onSuccess: (saved) => {
      notifications.show({ color: "teal", message: t("incentives.editor.saved") });
      if (!id) void navigate({ to: "/incentives/plans/$planId", params: { planId: saved.id } });
    },
  });
  const canEdit = hasPermission(me, INCENTIVES_ACCESS.manage);
  const set = (patch: Partial<PlanForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = () => {
    const r = formToBody(form);
    if ("error" in r) {
      setProblem(t(`incentives.editor.errors.${r.error}` as never));
      return;
    }
    setProblem(null);
    save.mutate(id ? { ...r.body, archived } : r.body);
  };
  const skuOptions = (skus.data ?? []).map((s) => ({ value: s.id, label: `${s.code} ${localName(s, locale)}` }));
  return (
    <Stack gap="md" data-testid="incentive-plan-editor">
      <IncentivesHeader title={id ? t("incentives.editor.editTitle") : t("incentives.editor.newTitle")} />
      <ErrorAlert error={plan.error ?? save.error} />
      {problem ? (
        <Text c="red" size="sm" data-testid="plan-problem">
          {problem}
        </Text>
      ) : null}
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="md">
          <Paper withBorder p="sm">
            <Group grow align="flex-start">
              <TextInput
                label={t("incentives.editor.name")}
                value={form.name}
                onChange={(e) => set({ name: e.currentTarget.value })}
                data-testid="plan-name"
              />
              <TextInput
                label={t("incentives.editor.nameBn")}
                value={form.nameBn}
                onChange={(e) => set({ nameBn: e.currentTarget.value })}
                data-testid="plan-name-bn"
              />
            </Group>
            <Group grow align="flex-start" mt="sm">
              <Select
                label={t("incentives.editor.appliesTo")}
                data={(["rep", "distributor"] as const).map((k) => ({ value: k, label: t(`incentives.kind.${k}`) }))}
                value={form.appliesTo}
                onChange={(v) => v && set({ appliesTo: v as PlanForm["appliesTo"] })}
                allowDeselect={false}
              />
              <Select
                label={t("incentives.editor.periodKind")}
                data={(["month", "quarter"] as const).map((k) => ({
                  value: k,
                  label: t(`incentives.periodKind.${k}`),
                }))}
                value={form.periodKind}
                onChange={(v) => v && set({ periodKind: v as PlanForm["periodKind"] })}
                allowDeselect={false}
              />
              <TextInput
                type="date"
                label={t("incentives.editor.validFrom")}
                value={form.validFrom}
                onChange={(e) => set({ validFrom: e.currentTarget.value })}
              />
              <TextInput
                type="date"
                label={t("incentives.editor.validTo")}
                value={form.validTo}
                onChange={(e) => set({ validTo: e.currentTarget.value })}
              />
            </Group>
          </Paper>

          <Paper withBorder p="sm">
            <Text fw={600}>{t("incentives.editor.slabs")}</Text>
            <Text size="xs" c="dimmed" mb="xs">
              {t("incentives.editor.slabsHint")}
            </Text>
            <Table verticalSpacing={4} data-testid="plan-slabs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("incentives.editor.from")}</Table.Th>
                  <Table.Th>{t("incentives.editor.to")}</Table.Th>
                  <Table.Th>{t("incentives.editor.rate")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {form.slabs.map((s, i) => {
                  const last = i === form.slabs.length - 1;
                  const edit = (patch: Partial<typeof s>) =>
                    set({ slabs: form.slabs.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a slab is its position in the table
                    <Table.Tr key={i} data-testid="plan-slab">
                      <Table.Td>
                        <TextInput
                          size="xs"
                          value={s.from}
                          onChange={(e) => edit({ from: e.currentTarget.value })}
                          data-testid="plan-slab-from"
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          value={last ? "" : s.to}
                          placeholder={last ? t("incentives.plans.openEnded") : undefined}
                          disabled={last}
                          onChange={(e) => edit({ to: e.currentTarget.value })}
                          data-testid="plan-slab-to"
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          value={s.rate}
                          onChange={(e) => edit({ rate: e.currentTarget.value })}
                          data-testid="plan-slab-rate"
                        />
                      </Table.Td>
                      <Table.Td>
                        {form.slabs.length > 1 ? (
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t("incentives.editor.remove")}
                            onClick={() => set({ slabs: form.slabs.filter((_, j) => j !== i) })}
                          >
                            ×
                          </ActionIcon>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
            <Button
              mt="xs"
              size="compact-sm"
              variant="light"
              onClick={() => {
                const prev = form.slabs.at(-1);
                set({ slabs: [...form.slabs, { from: prev?.to || "", to: "", rate: "" }] });
              }}
            >
              {t("incentives.editor.addSlab")}
            </Button>
          </Paper>

          <Paper withBorder p="sm">
            <Text fw={600} mb="xs">
              {t("incentives.editor.gates")}
            </Text>
            {form.gates.map((g, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a gate is its position in the list
              <Group key={i} gap="xs" mb={4} data-testid="plan-gate">
                <Select
                  size="xs"
                  data={[
                    { value: "coverage", label: t("incentives.editor.metricCoverage") },
                    { value: "attainment", label: t("incentives.editor.metricAttainment") },
                  ]}
                  value={g.metric}
                  allowDeselect={false}
                  onChange={(v) =>
                    v &&
                    set({
                      gates: form.gates.map((x, j) => (j === i ? { ...x, metric: v as typeof g.metric } : x)),
                    })
                  }
                />
                <TextInput
                  size="xs"
                  placeholder={t("incentives.editor.minimum")}
                  value={g.min}
                  onChange={(e) => {
                    const min = e.currentTarget.value;
                    set({ gates: form.gates.map((x, j) => (j === i ? { ...x, min } : x)) });
                  }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("incentives.editor.remove")}
                  onClick={() => set({ gates: form.gates.filter((_, j) => j !== i) })}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => set({ gates: [...form.gates, { metric: "coverage", min: "80" }] })}
            >
              {t("incentives.editor.addGate")}
            </Button>
          </Paper>

          <Paper withBorder p="sm">
            <TextInput
              label={t("incentives.editor.cap")}
              value={form.cap}
              onChange={(e) => set({ cap: e.currentTarget.value })}
              w={240}
              data-testid="plan-cap"
            />
            <Text fw={600} mt="md" mb="xs">
              {t("incentives.editor.kickers")}
            </Text>
            {form.kickers.map((k, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a kicker is its position in the list
              <Group key={i} gap="xs" mb={4} data-testid="plan-kicker">
                <Select
                  size="xs"
                  searchable
                  w={320}
                  placeholder={t("incentives.editor.product")}
                  data={skuOptions}
                  value={k.skuId || null}
                  onChange={(v) =>
                    set({ kickers: form.kickers.map((x, j) => (j === i ? { ...x, skuId: v ?? "" } : x)) })
                  }
                />
                <TextInput
                  size="xs"
                  placeholder={t("incentives.editor.bonus")}
                  value={k.bonus}
                  onChange={(e) => {
                    const bonus = e.currentTarget.value;
                    set({ kickers: form.kickers.map((x, j) => (j === i ? { ...x, bonus } : x)) });
                  }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("incentives.editor.remove")}
                  onClick={() => set({ kickers: form.kickers.filter((_, j) => j !== i) })}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => set({ kickers: [...form.kickers, { skuId: "", bonus: "" }] })}
            >
              {t("incentives.editor.addKicker")}
            </Button>
          </Paper>
          {id ? (
            <Checkbox
              label={t("incentives.editor.archived")}
              checked={archived}
              onChange={(e) => setArchived(e.currentTarget.checked)}
            />
          ) : null}
        </Stack>
      </fieldset>
      {canEdit ? (
        <Group>
          <Button loading={save.isPending} onClick={submit} data-testid="plan-save">
            {t("incentives.editor.save")}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
