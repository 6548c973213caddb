// The admin's field rules: how far from an outlet a check-in may be before it is flagged, why a visit may end
// without an order (the reps pick from this list; archived reasons stay on old visits), and the SKUs every
// outlet should stock. Saved together: the reasons list and the must-sell set replace what the org had.
import {
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TFunction } from "i18next";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { type FieldSettingsResponse, UpdateFieldSettingsRequest } from "../../../shared/contracts/field.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { PlusIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { issueMessage } from "../../ui/validation-messages.ts";
import { BADGE_NO_SHRINK, localName } from "../network/network-labels.ts";
import { useAllSkus, useFieldSettings, useUpdateFieldSettings } from "./use-field-manager.ts";

const MUST_SELL_MAX = 200;

interface ReasonRow {
  /** Only rows added on this screen may still change their code. */
  isNew: boolean;
  code: string;
  labelEn: string;
  labelBn: string;
  archived: boolean;
}

export function FieldSettingsPage() {
  const { t } = useTranslation();
  const settings = useFieldSettings();
  return (
    <Stack gap="md" data-testid="field-settings">
      <div>
        <Title order={2}>{t("field.settings.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("field.settings.intro")}
        </Text>
      </div>
      <ErrorAlert error={settings.error} />
      {/* Keyed by the saved settings, so the form starts again from what the server holds after a save. */}
      {settings.data ? <SettingsForm key={settings.dataUpdatedAt} saved={settings.data} /> : null}
    </Stack>
  );
}

function SettingsForm({ saved }: { saved: FieldSettingsResponse }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [radius, setRadius] = useState<number | string>(saved.checkInRadiusM);
  const [reasons, setReasons] = useState<ReasonRow[]>(() => saved.noOrderReasons.map((r) => ({ ...r, isNew: false })));
  const [mustSell, setMustSell] = useState<string[]>(saved.mustSellSkuIds);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const update = useUpdateFieldSettings({ meta: { inlineError: true } });

  const setReason = (i: number, patch: Partial<ReasonRow>) =>
    setReasons((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      checkInRadiusM: typeof radius === "number" ? radius : Number.NaN,
      noOrderReasons: reasons.map(({ code, labelEn, labelBn, archived }) => ({
        code: code.trim(),
        labelEn,
        labelBn,
        archived,
      })),
      mustSellSkuIds: mustSell,
    };
    const parsed = UpdateFieldSettingsRequest.safeParse(body);
    const next: Record<string, string> = parsed.success ? {} : issuesByPath(parsed.error, t, fmt);
    body.noOrderReasons.forEach((r, i) => {
      if (r.code !== "" && body.noOrderReasons.findIndex((x) => x.code === r.code) !== i)
        next[`noOrderReasons.${i}.code`] ??= t("field.settings.duplicateCode");
    });
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    update.mutate(parsed.data, {
      onSuccess: () => notifications.show({ color: "teal", message: t("field.settings.saved") }),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Card withBorder padding="md">
          <Text fw={600}>{t("field.settings.checkIn")}</Text>
          <NumberInput
            mt="xs"
            label={t("field.settings.radius")}
            description={t("field.settings.radiusHint")}
            min={10}
            max={5000}
            step={10}
            allowDecimal={false}
            allowNegative={false}
            suffix={` ${t("field.settings.metresUnit")}`}
            value={radius}
            onChange={setRadius}
            error={errors.checkInRadiusM}
            w={{ base: "100%", xs: 380 }}
            data-testid="settings-radius"
          />
        </Card>

        <Card withBorder padding="md">
          <Group justify="space-between" mb="xs">
            <div>
              <Text fw={600}>{t("field.settings.reasons")}</Text>
              <Text size="sm" c="dimmed">
                {t("field.settings.reasonsHint")}
              </Text>
            </div>
            <Button
              variant="default"
              leftSection={<PlusIcon size={16} />}
              onClick={() =>
                setReasons((rows) => [...rows, { isNew: true, code: "", labelEn: "", labelBn: "", archived: false }])
              }
              disabled={reasons.length >= 50}
              data-testid="settings-reason-add"
            >
              {t("field.settings.addReason")}
            </Button>
          </Group>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" data-testid="settings-reasons">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={180}>{t("field.settings.code")}</Table.Th>
                  <Table.Th>{t("field.settings.labelEn")}</Table.Th>
                  <Table.Th>{t("field.settings.labelBn")}</Table.Th>
                  <Table.Th w={110}>{t("field.settings.state")}</Table.Th>
                  <Table.Th w={110} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reasons.map((r, i) => (
                  <Table.Tr
                    // New rows have no code yet: their place is their identity until saved.
                    key={r.isNew ? `new-${i}` : r.code}
                    data-testid="settings-reason-row"
                    style={r.archived ? { opacity: 0.6 } : undefined}
                  >
                    <Table.Td>
                      {r.isNew ? (
                        <TextInput
                          size="xs"
                          aria-label={t("field.settings.code")}
                          placeholder="shop_closed"
                          value={r.code}
                          onChange={(e) => setReason(i, { code: e.currentTarget.value.toLowerCase() })}
                          error={errors[`noOrderReasons.${i}.code`]}
                          ff="monospace"
                          data-testid="settings-reason-code"
                        />
                      ) : (
                        <Text size="sm" ff="monospace">
                          {r.code}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t("field.settings.labelEn")}
                        value={r.labelEn}
                        maxLength={80}
                        onChange={(e) => setReason(i, { labelEn: e.currentTarget.value })}
                        error={errors[`noOrderReasons.${i}.labelEn`]}
                        data-testid="settings-reason-en"
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={t("field.settings.labelBn")}
                        value={r.labelBn}
                        maxLength={80}
                        onChange={(e) => setReason(i, { labelBn: e.currentTarget.value })}
                        error={errors[`noOrderReasons.${i}.labelBn`]}
                        data-testid="settings-reason-bn"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={r.archived ? "gray" : "teal"} variant="light" tt="none" styles={BADGE_NO_SHRINK}>
                        {t(r.archived ? "field.settings.archived" : "field.settings.inUse")}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {r.isNew ? (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="gray"
                          onClick={() => setReasons((rows) => rows.filter((_, j) => j !== i))}
                        >
                          {t("field.settings.remove")}
                        </Button>
                      ) : (
                        <Button
                          size="compact-xs"
                          variant="light"
                          color={r.archived ? "teal" : "gray"}
                          onClick={() => setReason(i, { archived: !r.archived })}
                          data-testid="settings-reason-archive"
                        >
                          {t(r.archived ? "field.settings.restore" : "field.settings.archive")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
                {reasons.length === 0 ? (
                  <EmptyTableRow colSpan={5}>{t("field.settings.noReasons")}</EmptyTableRow>
                ) : null}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {errors.noOrderReasons ? (
            <Text size="sm" c="red">
              {errors.noOrderReasons}
            </Text>
          ) : null}
        </Card>

        <Card withBorder padding="md">
          <Text fw={600}>{t("field.settings.mustSell")}</Text>
          <Text size="sm" c="dimmed" mb="xs">
            {t("field.settings.mustSellHint")}
          </Text>
          <MustSellPicker value={mustSell} onChange={setMustSell} error={errors.mustSellSkuIds} />
        </Card>

        <ErrorAlert error={update.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending} data-testid="settings-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MustSellPicker({
  value,
  onChange,
  error,
}: {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const skus = useAllSkus();
  const data = useMemo(() => {
    const known = (skus.data ?? []).map((s) => ({
      value: s.id,
      label: `${s.code} · ${localName(s, locale)}${s.archivedAt ? ` (${t("field.settings.archived")})` : ""}`,
    }));
    // A chosen SKU the list does not hold (beyond what was fetched) still needs an option to show as chosen.
    const ids = new Set(known.map((o) => o.value));
    const missing = value.filter((id) => !ids.has(id)).map((id) => ({ value: id, label: id.slice(0, 8) }));
    return [...known, ...missing];
  }, [skus.data, value, locale, t]);
  return (
    <MultiSelect
      aria-label={t("field.settings.mustSell")}
      placeholder={t("field.settings.mustSellPlaceholder")}
      description={t("field.settings.mustSellCount", {
        n: fmt.number(value.length),
        max: fmt.number(MUST_SELL_MAX),
      })}
      searchable
      clearable
      hidePickedOptions
      maxValues={MUST_SELL_MAX}
      value={value}
      onChange={onChange}
      data={data}
      nothingFoundMessage={t("common.nothingFound")}
      disabled={skus.isPending}
      error={error ?? (skus.error ? t("errors.loadFailed") : undefined)}
      comboboxProps={{ withinPortal: true }}
      data-testid="settings-must-sell"
    />
  );
}

/** Issues keyed by their whole path ("noOrderReasons.2.labelBn"), first one per field wins. */
function issuesByPath(error: z.ZodError, t: TFunction, fmt: ReturnType<typeof useFormat>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] ??= issueMessage(issue, t, fmt);
  }
  return out;
}
