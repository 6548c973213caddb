// "Schedule this report": the view on screen, emailed daily or weekly at a time of day (Dhaka), in a language, to a
// few people, with the XLSX attached. The filters saved are the screen's URL search, so the email shows what the
// person was looking at, with their own access when it is sent.
import { Button, Group, Modal, SegmentedControl, Select, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_REPORT_RECIPIENTS } from "../../../shared/contracts/report-schedules.ts";
import type { Locale } from "../../../shared/locale.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useMe } from "../auth/use-session.ts";
import { ClockIcon } from "./analytics-icons.tsx";
import { scheduleFilters } from "./schedule-filters.ts";
import type { ExportReport } from "./use-analytics.ts";
import { useCreateReportSchedule } from "./use-report-schedules.ts";

/** Saturday first, as the week runs here. */
const WEEKDAYS_FROM_SATURDAY = [6, 0, 1, 2, 3, 4, 5] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function ScheduleReportButton({ report, filters }: { report: ExportReport; filters: object }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="light"
        leftSection={<ClockIcon size={16} />}
        onClick={() => setOpen(true)}
        data-testid="schedule-report"
      >
        {t("analytics.schedule.button")}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("analytics.schedule.title")} centered>
        {open ? <ScheduleForm report={report} filters={filters} onDone={() => setOpen(false)} /> : null}
      </Modal>
    </>
  );
}

function ScheduleForm({ report, filters, onDone }: { report: ExportReport; filters: object; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const uiLocale = useLocale();
  const [frequency, setFrequency] = useState<"daily" | "weekly">("weekly");
  const [weekday, setWeekday] = useState<number>(6);
  const [sendAt, setSendAt] = useState("08:00");
  const [locale, setLocale] = useState<Locale>(uiLocale);
  const [recipients, setRecipients] = useState<string[]>([me.email]);
  const [key] = useState(newIdempotencyKey);
  const create = useCreateReportSchedule({
    meta: { inlineError: true },
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("analytics.schedule.saved") });
      onDone();
    },
  });
  const badEmails = recipients.filter((r) => !EMAIL.test(r));
  const timeOk = /^([01]\d|2[0-3]):[0-5]\d$/.test(sendAt);
  const valid = recipients.length > 0 && badEmails.length === 0 && timeOk;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        create.mutate({
          idempotencyKey: key,
          body: {
            report,
            filters: scheduleFilters(report, filters),
            frequency,
            weekday: frequency === "weekly" ? weekday : undefined,
            sendAt,
            locale,
            recipients,
          },
        });
      }}
      data-testid="schedule-form"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("analytics.schedule.intro")}
        </Text>
        <SegmentedControl
          value={frequency}
          onChange={(v) => setFrequency(v === "daily" ? "daily" : "weekly")}
          data={[
            { value: "daily", label: t("analytics.schedule.daily") },
            { value: "weekly", label: t("analytics.schedule.weekly") },
          ]}
          data-testid="schedule-frequency"
        />
        <Group grow align="flex-start">
          {frequency === "weekly" ? (
            <Select
              label={t("analytics.schedule.weekday")}
              value={String(weekday)}
              allowDeselect={false}
              onChange={(v) => setWeekday(Number(v ?? 6))}
              data={WEEKDAYS_FROM_SATURDAY.map((d) => ({
                value: String(d),
                label: t(`analytics.weekdays.${d}` as "analytics.weekdays.0"),
              }))}
              data-testid="schedule-weekday"
            />
          ) : null}
          <TextInput
            type="time"
            label={t("analytics.schedule.time")}
            description={t("analytics.schedule.timeZone")}
            value={sendAt}
            onChange={(e) => setSendAt(e.currentTarget.value.slice(0, 5))}
            error={timeOk ? undefined : t("analytics.schedule.timeInvalid")}
            data-testid="schedule-time"
          />
        </Group>
        <Select
          label={t("analytics.schedule.language")}
          value={locale}
          allowDeselect={false}
          onChange={(v) => setLocale(v === "en" ? "en" : "bn")}
          data={[
            { value: "bn", label: "বাংলা" },
            { value: "en", label: "English" },
          ]}
          data-testid="schedule-language"
        />
        <TagsInput
          label={t("analytics.schedule.recipients")}
          description={t("analytics.schedule.recipientsHint", { max: MAX_REPORT_RECIPIENTS })}
          value={recipients}
          onChange={(v) => setRecipients(v.map((x) => x.trim()).filter(Boolean))}
          maxTags={MAX_REPORT_RECIPIENTS}
          splitChars={[",", " ", ";"]}
          clearable
          error={
            recipients.length === 0
              ? t("analytics.schedule.recipientsMissing")
              : badEmails.length > 0
                ? t("analytics.schedule.recipientsInvalid", { list: badEmails.join(", ") })
                : undefined
          }
          data-testid="schedule-recipients"
        />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!valid} data-testid="schedule-save">
            {t("analytics.schedule.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
