// /promotions/schemes/new and /promotions/schemes/$schemeId: the scheme editor. Every rule kind (quantity or value
// slabs given once, stepped or per multiple; must-buy bundles), every benefit (percent, flat, free goods of any SKU),
// targeting (territories, channels, outlet classes, distributors, outlets), validity, priority and stacking, the
// claimable flag, budget and per-outlet cap; and a "try it" memo priced live by the shared engine.
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CHANNELS, OUTLET_CLASSES } from "../../../shared/contracts/network.ts";
import type { SchemeResponse } from "../../../shared/contracts/promotions.ts";
import { businessDate } from "../../../shared/format.ts";
import { type LineInput, priceOrder } from "../../../shared/pricing/order-pricing.ts";
import { explainSchemes, schemeEngine } from "../../../shared/pricing/scheme-engine.ts";
import { skipReasonText } from "../../../shared/pricing/scheme-explain.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { Money } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { priceInputOf } from "../orders/order-lines-state.ts";
import { OutletPicker } from "../orders/outlet-picker.tsx";
import { localName, useDistributors, useOutletSearch } from "../orders/use-network-lookups.ts";
import { useOrderBook } from "../orders/use-order-book.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { territoryName, useTerritory } from "../territories/use-territories.ts";
import { PROMOTIONS_ACCESS } from "./promotions-access.ts";
import {
  type BenefitForm,
  createRequestFromForm,
  definitionFromForm,
  emptyBenefit,
  emptySchemeForm,
  type FormProblem,
  formFromScheme,
  type SchemeForm,
  validateSchemeForm,
} from "./scheme-form.ts";
import { SchemeStatusBadge } from "./scheme-labels.tsx";
import {
  type SchemeStatusAction,
  useCampaigns,
  useCreateScheme,
  useScheme,
  useSchemeStatus,
  useSkuOptions,
  useUpdateScheme,
} from "./use-promotions.ts";

const newRoute = getRouteApi("/_app/promotions/schemes/new");
const editRoute = getRouteApi("/_app/promotions/schemes/$schemeId");

export function NewSchemeRoute() {
  const search = newRoute.useSearch();
  return (
    <RequirePermission permission={PROMOTIONS_ACCESS.manage}>
      <SchemeEditor scheme={null} campaignId={search.campaignId ?? null} />
    </RequirePermission>
  );
}

export function EditSchemeRoute() {
  const { schemeId } = editRoute.useParams();
  const scheme = useScheme(schemeId);
  const { t } = useTranslation();
  return (
    <RequirePermission permission={PROMOTIONS_ACCESS.read}>
      <ErrorAlert error={scheme.error} />
      {scheme.data ? (
        <SchemeEditor key={scheme.data.updatedAt} scheme={scheme.data} campaignId={null} />
      ) : scheme.isPending ? (
        <Text c="dimmed">{t("orders.common.loading")}</Text>
      ) : null}
    </RequirePermission>
  );
}

function SchemeEditor({ scheme, campaignId }: { scheme: SchemeResponse | null; campaignId: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const canManage = hasPermission(me, PROMOTIONS_ACCESS.manage);
  const [form, setForm] = useState<SchemeForm>(() =>
    scheme ? formFromScheme(scheme) : { ...emptySchemeForm(businessDate()), campaignId },
  );
  const [showProblems, setShowProblems] = useState(false);
  const set = (patch: Partial<SchemeForm>) => setForm((f) => ({ ...f, ...patch }));
  const problems = useMemo(() => validateSchemeForm(form), [form]);
  const problemOf = (field: string): string | undefined => {
    if (!showProblems) return undefined;
    const p = problems.find((x: FormProblem) => x.field === field);
    return p ? t(`promotions.form.errors.${p.key}`) : undefined;
  };
  const skus = useSkuOptions();
  const skuData = useMemo(
    () => (skus.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} · ${localName(s, locale)}` })),
    [skus.data, locale],
  );
  const skuCode = skus.codeOf;
  const campaigns = useCampaigns();
  const idempotencyKey = useRef(newIdempotencyKey());

  const onSaved = (s: SchemeResponse) => {
    notifications.show({ color: "teal", message: t("promotions.form.saved", { code: s.code }) });
    if (!scheme) void navigate({ to: "/promotions/schemes/$schemeId", params: { schemeId: s.id } });
  };
  const create = useCreateScheme({ onSuccess: onSaved, meta: { inlineError: true } });
  const update = useUpdateScheme({ onSuccess: onSaved, meta: { inlineError: true } });
  const status = useSchemeStatus({
    onSuccess: (s) => notifications.show({ color: "teal", message: t(`promotions.status.${s.status}`) }),
  });
  const saving = create.isPending || update.isPending;
  const readOnly = !canManage;

  const save = () => {
    setShowProblems(true);
    const body = createRequestFromForm(form);
    if (!body) return;
    if (!scheme) {
      create.mutate({ body, idempotencyKey: idempotencyKey.current });
      return;
    }
    const { code: _code, facing: _facing, ...patch } = body;
    update.mutate({ id: scheme.id, body: patch });
  };

  return (
    <Stack gap="md" pb="xl" data-testid="scheme-editor">
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={2}>{scheme ? scheme.code : t("promotions.schemes.new")}</Title>
          {scheme ? <SchemeStatusBadge status={scheme.status} /> : null}
        </Group>
        <Group gap="xs">
          {scheme && canManage
            ? scheme.actions.map((a: SchemeStatusAction) => (
                <Button
                  key={a}
                  variant={a === "activate" ? "filled" : "light"}
                  color={a === "activate" ? "teal" : a === "pause" ? "yellow" : "red"}
                  loading={status.isPending && status.variables?.action === a}
                  onClick={() => status.mutate({ id: scheme.id, action: a })}
                  data-testid={`scheme-action-${a}`}
                >
                  {t(`promotions.actions.${a}`)}
                </Button>
              ))
            : null}
          {canManage ? (
            <Button onClick={save} loading={saving} data-testid="scheme-save">
              {t("promotions.form.save")}
            </Button>
          ) : null}
        </Group>
      </Group>
      <ErrorAlert error={create.error ?? update.error ?? status.error} />
      {showProblems && problems.length > 0 ? (
        <Alert color="red" variant="light" data-testid="scheme-problems">
          {t("promotions.form.fixProblems", { n: problems.length })}
        </Alert>
      ) : null}

      <Section title={t("promotions.form.basics")}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t("promotions.schemes.code")}
            description={t("promotions.form.codeHint")}
            value={form.code}
            onChange={(e) => set({ code: e.currentTarget.value.toUpperCase() })}
            error={problemOf("code")}
            disabled={readOnly || scheme !== null}
            data-testid="scheme-code"
          />
          <TextInput
            label={t("promotions.form.nameEn")}
            value={form.nameEn}
            onChange={(e) => set({ nameEn: e.currentTarget.value })}
            error={problemOf("nameEn")}
            disabled={readOnly}
            data-testid="scheme-name-en"
          />
          <TextInput
            label={t("promotions.form.nameBn")}
            value={form.nameBn}
            onChange={(e) => set({ nameBn: e.currentTarget.value })}
            error={problemOf("nameBn")}
            disabled={readOnly}
            data-testid="scheme-name-bn"
          />
          <TextInput
            type="date"
            label={t("promotions.form.validFrom")}
            value={form.validFrom}
            onChange={(e) => set({ validFrom: e.currentTarget.value })}
            disabled={readOnly}
            data-testid="scheme-valid-from"
          />
          <TextInput
            type="date"
            label={t("promotions.form.validTo")}
            value={form.validTo}
            onChange={(e) => set({ validTo: e.currentTarget.value })}
            error={problemOf("validTo")}
            disabled={readOnly}
            data-testid="scheme-valid-to"
          />
          <Select
            label={t("promotions.form.campaign")}
            clearable
            searchable
            value={form.campaignId}
            onChange={(v) => set({ campaignId: v })}
            data={(campaigns.data?.items ?? []).map((c) => ({
              value: c.id,
              label: localName({ name: c.name, nameBn: c.nameBn }, locale),
            }))}
            disabled={readOnly}
            data-testid="scheme-campaign"
          />
        </SimpleGrid>
        <Group gap="lg" mt="sm" align="flex-end">
          <LabeledControl label={t("promotions.form.facing")}>
            <SegmentedControl
              value={form.facing}
              onChange={(v) => set({ facing: v === "primary" ? "primary" : "secondary" })}
              disabled={readOnly || scheme !== null}
              data={[
                { value: "secondary", label: t("promotions.facing.secondary") },
                { value: "primary", label: t("promotions.facing.primary") },
              ]}
            />
          </LabeledControl>
          <LabeledControl label={t("promotions.form.stacking")}>
            <SegmentedControl
              value={form.stacking}
              onChange={(v) => set({ stacking: v === "exclusive" ? "exclusive" : "stackable" })}
              disabled={readOnly}
              data={[
                { value: "stackable", label: t("promotions.stacking.stackable") },
                { value: "exclusive", label: t("promotions.stacking.exclusive") },
              ]}
              data-testid="scheme-stacking"
            />
          </LabeledControl>
          <TextInput
            w={110}
            label={t("promotions.form.priority")}
            value={form.priority}
            onChange={(e) => set({ priority: e.currentTarget.value })}
            error={problemOf("priority")}
            disabled={readOnly}
            data-testid="scheme-priority"
          />
          <Switch
            label={t("promotions.form.claimable")}
            description={t("promotions.form.claimableHint")}
            checked={form.claimable}
            onChange={(e) => set({ claimable: e.currentTarget.checked })}
            disabled={readOnly}
            data-testid="scheme-claimable"
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
          <TextInput
            label={t("promotions.form.budget")}
            description={t("promotions.form.blankNoLimit")}
            leftSection="৳"
            value={form.budgetTaka}
            onChange={(e) => set({ budgetTaka: e.currentTarget.value })}
            error={problemOf("budgetTaka")}
            disabled={readOnly}
            data-testid="scheme-budget"
          />
          <TextInput
            label={t("promotions.form.perOutletCap")}
            description={t("promotions.form.blankNoLimit")}
            leftSection="৳"
            value={form.perOutletCapTaka}
            onChange={(e) => set({ perOutletCapTaka: e.currentTarget.value })}
            error={problemOf("perOutletCapTaka")}
            disabled={readOnly}
            data-testid="scheme-outlet-cap"
          />
        </SimpleGrid>
      </Section>

      <Section title={t("promotions.form.rule")}>
        <SegmentedControl
          value={form.ruleKind}
          onChange={(v) => set({ ruleKind: v === "bundle" ? "bundle" : "slab" })}
          disabled={readOnly}
          data={[
            { value: "slab", label: t("promotions.form.kindSlab") },
            { value: "bundle", label: t("promotions.form.kindBundle") },
          ]}
          data-testid="scheme-kind"
        />
        {form.ruleKind === "slab" ? (
          <Stack gap="sm" mt="sm">
            <MultiSelect
              label={t("promotions.form.skus")}
              description={t("promotions.form.skusHint")}
              searchable
              value={form.skuIds}
              onChange={(v) => set({ skuIds: v })}
              data={skuData}
              disabled={readOnly}
              data-testid="scheme-skus"
              comboboxProps={{ withinPortal: true }}
            />
            <Group gap="lg">
              <LabeledControl label={t("promotions.form.measure")}>
                <SegmentedControl
                  value={form.measure}
                  onChange={(v) => set({ measure: v === "value" ? "value" : "qty" })}
                  disabled={readOnly}
                  data={[
                    { value: "qty", label: t("promotions.form.measureQty") },
                    { value: "value", label: t("promotions.form.measureValue") },
                  ]}
                  data-testid="scheme-measure"
                />
              </LabeledControl>
              <LabeledControl label={t("promotions.form.mode")}>
                <SegmentedControl
                  value={form.mode}
                  onChange={(v) => set({ mode: v as SchemeForm["mode"] })}
                  disabled={readOnly}
                  data={[
                    { value: "once", label: t("promotions.form.modeOnce") },
                    { value: "stepped", label: t("promotions.form.modeStepped") },
                    { value: "repeating", label: t("promotions.form.modeRepeating") },
                  ]}
                  data-testid="scheme-mode"
                />
              </LabeledControl>
            </Group>
            {form.slabs.map((slab, i) => (
              <Group
                // biome-ignore lint/suspicious/noArrayIndexKey: slabs are edited in place, in order
                key={i}
                gap="sm"
                align="flex-start"
                wrap="wrap"
                data-testid="scheme-slab"
              >
                <TextInput
                  w={150}
                  label={form.measure === "value" ? t("promotions.form.slabMinValue") : t("promotions.form.slabMinQty")}
                  leftSection={form.measure === "value" ? "৳" : undefined}
                  value={slab.min}
                  onChange={(e) => {
                    const min = e.currentTarget.value;
                    setForm((f) => ({ ...f, slabs: f.slabs.map((s, j) => (j === i ? { ...s, min } : s)) }));
                  }}
                  error={problemOf(`slabs.${i}.min`)}
                  disabled={readOnly}
                  data-testid="slab-min"
                />
                <BenefitEditor
                  value={slab.benefit}
                  onChange={(benefit) =>
                    setForm((f) => ({ ...f, slabs: f.slabs.map((s, j) => (j === i ? { ...s, benefit } : s)) }))
                  }
                  skuData={skuData}
                  problemOf={(k) => problemOf(`slabs.${i}.benefit.${k}`)}
                  disabled={readOnly}
                />
                {form.slabs.length > 1 && !readOnly ? (
                  <ActionIcon
                    mt={28}
                    variant="subtle"
                    color="red"
                    aria-label={t("promotions.form.removeSlab")}
                    onClick={() => setForm((f) => ({ ...f, slabs: f.slabs.filter((_, j) => j !== i) }))}
                  >
                    ×
                  </ActionIcon>
                ) : null}
              </Group>
            ))}
            {problemOf("slabs") ? (
              <Text size="sm" c="red">
                {problemOf("slabs")}
              </Text>
            ) : null}
            {form.mode !== "repeating" && !readOnly ? (
              <Button
                variant="subtle"
                w="fit-content"
                onClick={() => setForm((f) => ({ ...f, slabs: [...f.slabs, { min: "", benefit: emptyBenefit() }] }))}
                data-testid="add-slab"
              >
                + {t("promotions.form.addSlab")}
              </Button>
            ) : null}
          </Stack>
        ) : (
          <Stack gap="sm" mt="sm">
            {form.components.map((c, i) => (
              <Group
                // biome-ignore lint/suspicious/noArrayIndexKey: components are edited in place, in order
                key={i}
                gap="sm"
                align="flex-start"
                data-testid="bundle-component"
              >
                <Select
                  w={320}
                  label={t("promotions.form.component")}
                  searchable
                  value={c.skuId}
                  data={skuData}
                  onChange={(skuId) =>
                    setForm((f) => ({
                      ...f,
                      components: f.components.map((x, j) => (j === i ? { ...x, skuId } : x)),
                    }))
                  }
                  error={problemOf(`components.${i}.skuId`)}
                  disabled={readOnly}
                  comboboxProps={{ withinPortal: true }}
                />
                <TextInput
                  w={110}
                  label={t("promotions.form.qty")}
                  value={c.qty}
                  onChange={(e) => {
                    const qty = e.currentTarget.value;
                    setForm((f) => ({
                      ...f,
                      components: f.components.map((x, j) => (j === i ? { ...x, qty } : x)),
                    }));
                  }}
                  error={problemOf(`components.${i}.qty`)}
                  disabled={readOnly}
                />
                {form.components.length > 2 && !readOnly ? (
                  <ActionIcon
                    mt={28}
                    variant="subtle"
                    color="red"
                    aria-label={t("promotions.form.removeComponent")}
                    onClick={() => setForm((f) => ({ ...f, components: f.components.filter((_, j) => j !== i) }))}
                  >
                    ×
                  </ActionIcon>
                ) : null}
              </Group>
            ))}
            {!readOnly ? (
              <Button
                variant="subtle"
                w="fit-content"
                onClick={() => setForm((f) => ({ ...f, components: [...f.components, { skuId: null, qty: "1" }] }))}
              >
                + {t("promotions.form.addComponent")}
              </Button>
            ) : null}
            <Text size="sm" fw={500}>
              {t("promotions.form.perSet")}
            </Text>
            <BenefitEditor
              value={form.bundleBenefit}
              onChange={(bundleBenefit) => set({ bundleBenefit })}
              skuData={skuData}
              problemOf={(k) => problemOf(`bundleBenefit.${k}`)}
              disabled={readOnly}
            />
          </Stack>
        )}
      </Section>

      <Section title={t("promotions.form.targeting")}>
        <Text size="sm" c="dimmed" mb="xs">
          {t("promotions.form.targetingHint")}
        </Text>
        <TargetingEditor form={form} set={set} disabled={readOnly} />
      </Section>

      <TryIt form={form} skuCode={skuCode} />
      <Anchor component={Link} to="/promotions" size="sm">
        ← {t("promotions.schemes.title")}
      </Anchor>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Title order={4} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function LabeledControl({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function BenefitEditor({
  value,
  onChange,
  skuData,
  problemOf,
  disabled,
}: {
  value: BenefitForm;
  onChange: (b: BenefitForm) => void;
  skuData: { value: string; label: string }[];
  problemOf: (key: string) => string | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="flex-start" data-testid="benefit-editor">
      <LabeledControl label={t("promotions.form.benefit")}>
        <SegmentedControl
          value={value.type}
          onChange={(v) => onChange({ ...value, type: v as BenefitForm["type"] })}
          disabled={disabled}
          data={[
            { value: "percent", label: t("promotions.form.benefitPercent") },
            { value: "flat", label: t("promotions.form.benefitFlat") },
            { value: "free_goods", label: t("promotions.form.benefitFree") },
          ]}
          data-testid="benefit-type"
        />
      </LabeledControl>
      {value.type === "percent" ? (
        <TextInput
          w={110}
          label={t("promotions.form.percent")}
          rightSection="%"
          value={value.percent}
          onChange={(e) => onChange({ ...value, percent: e.currentTarget.value })}
          error={problemOf("percent")}
          disabled={disabled}
          data-testid="benefit-percent"
        />
      ) : value.type === "flat" ? (
        <TextInput
          w={140}
          label={t("promotions.form.amount")}
          leftSection="৳"
          value={value.taka}
          onChange={(e) => onChange({ ...value, taka: e.currentTarget.value })}
          error={problemOf("taka")}
          disabled={disabled}
          data-testid="benefit-taka"
        />
      ) : (
        <>
          <Select
            w={300}
            label={t("promotions.form.freeSku")}
            searchable
            value={value.skuId}
            data={skuData}
            onChange={(skuId) => onChange({ ...value, skuId })}
            error={problemOf("skuId")}
            disabled={disabled}
            data-testid="benefit-free-sku"
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            w={100}
            label={t("promotions.form.freeQty")}
            value={value.qty}
            onChange={(e) => onChange({ ...value, qty: e.currentTarget.value })}
            error={problemOf("qty")}
            disabled={disabled}
            data-testid="benefit-free-qty"
          />
        </>
      )}
    </Group>
  );
}

function TargetingEditor({
  form,
  set,
  disabled,
}: {
  form: SchemeForm;
  set: (patch: Partial<SchemeForm>) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const tg = form.targeting;
  const patch = (p: Partial<SchemeForm["targeting"]>) => set({ targeting: { ...tg, ...p } });
  const distributors = useDistributors();
  const [outletQuery, setOutletQuery] = useState("");
  const [debounced] = useDebouncedValue(outletQuery, 200);
  const outlets = useOutletSearch(debounced);
  const [outletLabels, setOutletLabels] = useState(new Map<string, string>());
  useEffect(() => {
    const items = outlets.data?.items;
    if (!items?.length) return;
    setOutletLabels((m) => {
      const next = new Map(m);
      for (const o of items) next.set(o.id, `${localName(o, locale)} · ${o.code}`);
      return next;
    });
  }, [outlets.data, locale]);
  const [territory, setTerritory] = useState<string | null>(null);

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <Stack gap={4}>
        <Group gap="xs" align="flex-end">
          <TerritoryPicker label={t("promotions.form.territories")} value={null} onChange={setTerritory} />
          <Button
            variant="light"
            disabled={disabled || !territory || tg.territoryIds.includes(territory)}
            onClick={() => territory && patch({ territoryIds: [...tg.territoryIds, territory] })}
            data-testid="add-territory"
          >
            {t("promotions.form.add")}
          </Button>
        </Group>
        <Group gap={4}>
          {tg.territoryIds.map((id) => (
            <TerritoryChip
              key={id}
              id={id}
              onRemove={disabled ? undefined : () => patch({ territoryIds: tg.territoryIds.filter((x) => x !== id) })}
            />
          ))}
        </Group>
      </Stack>
      <MultiSelect
        label={t("promotions.form.channels")}
        value={tg.channels}
        onChange={(channels) => patch({ channels })}
        data={CHANNELS.map((c) => ({ value: c, label: t(`network.channel.${c}`, { defaultValue: c }) }))}
        disabled={disabled}
        data-testid="target-channels"
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label={t("promotions.form.outletClasses")}
        value={tg.outletClasses}
        onChange={(outletClasses) => patch({ outletClasses })}
        data={[...OUTLET_CLASSES]}
        disabled={disabled}
        data-testid="target-classes"
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label={t("promotions.form.distributors")}
        searchable
        value={tg.distributorIds}
        onChange={(distributorIds) => patch({ distributorIds })}
        data={(distributors.data?.items ?? []).map((d) => ({
          value: d.id,
          label: `${localName(d, locale)} · ${d.code}`,
        }))}
        disabled={disabled}
        data-testid="target-distributors"
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label={t("promotions.form.outlets")}
        searchable
        searchValue={outletQuery}
        onSearchChange={setOutletQuery}
        filter={({ options }) => options}
        value={tg.outletIds}
        onChange={(outletIds) => patch({ outletIds })}
        data={[...new Set([...tg.outletIds, ...(outlets.data?.items ?? []).map((o) => o.id)])].map((id) => ({
          value: id,
          label: outletLabels.get(id) ?? id.slice(0, 8),
        }))}
        disabled={disabled}
        data-testid="target-outlets"
        comboboxProps={{ withinPortal: true }}
      />
    </SimpleGrid>
  );
}

function TerritoryChip({ id, onRemove }: { id: string; onRemove?: () => void }) {
  const locale = useLocale();
  const territory = useTerritory(id);
  return (
    <Badge
      variant="light"
      tt="none"
      rightSection={
        onRemove ? (
          <ActionIcon size="xs" variant="transparent" onClick={onRemove} aria-label="×">
            ×
          </ActionIcon>
        ) : null
      }
    >
      {territory.data ? territoryName(territory.data, locale) : id.slice(0, 8)}
    </Badge>
  );
}

/** A memo to try the scheme on: an outlet for the prices, a few lines, and what the engine does with them. */
function TryIt({ form, skuCode }: { form: SchemeForm; skuCode: (id: string) => string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const [outletId, setOutletId] = useState<string | null>(null);
  const [lines, setLines] = useState<{ skuId: string | null; qty: string }[]>([{ skuId: null, qty: "" }]);
  const book = useOrderBook({ outletId: outletId ?? undefined });
  const skus = useMemo(() => new Map((book.data?.skus ?? []).map((s) => [s.id, s])), [book.data]);
  const definition = useMemo(() => {
    const d = definitionFromForm(form);
    // The preview answers "what would this memo get?": its period and targeting are checked on real orders.
    return d
      ? {
          ...d,
          validFrom: "0000-01-01",
          validTo: "9999-12-31",
          targeting: { territoryPaths: [], channels: [], outletClasses: [], distributorIds: [], outletIds: [] },
        }
      : null;
  }, [form]);
  const result = useMemo(() => {
    if (!definition || !book.data || !outletId) return null;
    const inputs: LineInput[] = [];
    for (const l of lines) {
      const sku = l.skuId ? skus.get(l.skuId) : undefined;
      const price = sku ? priceInputOf(sku, "retailer") : undefined;
      const qty = Number(l.qty);
      if (sku && price && Number.isInteger(qty) && qty > 0) inputs.push({ skuId: sku.id, qty, ...price });
    }
    if (inputs.length === 0) return null;
    const context = {
      outletId,
      distributorId: book.data.distributorId ?? "",
      orderDate: book.data.date,
      channel: book.data.channel ?? "",
      outletClass: "",
      territoryPath: "",
      facing: definition.facing,
    };
    const priced = priceOrder(context, inputs, schemeEngine([definition]), (id) =>
      priceInputOf(skus.get(id), "retailer"),
    );
    const [explained] = explainSchemes([definition], context, inputs);
    return { priced, explained };
  }, [definition, book.data, outletId, lines, skus]);
  const skuData = useMemo(
    () => [...skus.values()].map((s) => ({ value: s.id, label: `${s.code} · ${localName(s, locale)}` })),
    [skus, locale],
  );

  return (
    <Section title={t("promotions.tryIt.title")}>
      <Text size="sm" c="dimmed" mb="xs">
        {t("promotions.tryIt.hint")}
      </Text>
      <Stack gap="xs" data-testid="try-it">
        <OutletPicker value={outletId} onChange={(o) => setOutletId(o?.id ?? null)} testId="try-outlet" />
        {lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: preview lines are edited in place
          <Group key={i} gap="xs">
            <Select
              w={320}
              searchable
              placeholder={t("promotions.form.component")}
              value={l.skuId}
              data={skuData}
              onChange={(skuId) => setLines((ls) => ls.map((x, j) => (j === i ? { ...x, skuId } : x)))}
              disabled={!book.data}
              data-testid="try-sku"
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput
              w={90}
              placeholder={t("promotions.form.qty")}
              value={l.qty}
              onChange={(e) => {
                const qty = e.currentTarget.value;
                setLines((ls) => ls.map((x, j) => (j === i ? { ...x, qty } : x)));
              }}
              data-testid="try-qty"
            />
          </Group>
        ))}
        <Button
          variant="subtle"
          w="fit-content"
          onClick={() => setLines((ls) => [...ls, { skuId: null, qty: "" }])}
          data-testid="try-add-line"
        >
          + {t("promotions.tryIt.addLine")}
        </Button>
        {result ? (
          <Stack gap={4} data-testid="try-result">
            {result.explained?.applied ? (
              <Text size="sm" fw={600} c="grape">
                {t("promotions.tryIt.applies")}
              </Text>
            ) : (
              <Text size="sm" c="dimmed" data-testid="try-reason">
                {result.explained?.reason
                  ? skipReasonText(result.explained.reason, { sku: skuCode })[locale]
                  : t("promotions.tryIt.nothing")}
              </Text>
            )}
            <Table verticalSpacing={2}>
              <Table.Tbody>
                {[...result.priced.lines, ...result.priced.free].map((l, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a preview's lines are positional
                  <Table.Tr key={i}>
                    <Table.Td>
                      {skuCode(l.skuId)} × {fmt.number(l.qty)}
                      {"schemeId" in l ? (
                        <Badge ml={6} size="xs" color="grape" tt="none">
                          {t("promotions.entry.free")}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {l.adjustments.map((a) => (
                        <Text key={a.schemeId + a.kind} size="xs" c="grape">
                          {a.label[locale]}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money size="sm" poisha={l.grossPoisha} />
                    </Table.Td>
                    <Table.Td ta="right">
                      {l.discountPoisha ? <Money size="sm" c="grape" poisha={-l.discountPoisha} /> : null}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money size="sm" fw={500} poisha={l.totalPoisha} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group gap="md" justify="flex-end">
              <Text size="sm">
                {t("orders.totals.discount")}:{" "}
                <Money poisha={result.priced.totals.discountPoisha} data-testid="try-discount" />
              </Text>
              <Text size="sm" fw={700}>
                {t("orders.totals.total")}: <Money poisha={result.priced.totals.totalPoisha} />
              </Text>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Section>
  );
}
