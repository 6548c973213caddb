// /promotions/claims/new: choose the distributor (a distributor user claims for itself) and the period of order
// dates; the page shows first what the claim will carry (new items of the period and every adjustment from returns
// since an earlier claim), then builds it as a draft and opens it.
import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { addDays, businessDate } from "../../../shared/format.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useMe } from "../auth/use-session.ts";
import { localName, useDistributors } from "../orders/use-network-lookups.ts";
import { ownDistributorId } from "../stock/stock-page.tsx";
import { CLAIMS_ACCESS, ClaimableTable } from "./claims-parts.tsx";
import { useClaimable, useCreateClaim } from "./use-claims.ts";

export function NewClaimRoute() {
  return (
    <RequirePermission permission={CLAIMS_ACCESS.submit}>
      <NewClaimPage />
    </RequirePermission>
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function NewClaimPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const own = ownDistributorId(me);
  const today = businessDate();
  const [chosen, setChosen] = useState<string | null>(null);
  // The month so far by default: claims are usually made monthly.
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(addDays(today, 0));
  const [note, setNote] = useState("");
  // One key per attempt: a retry of the same click replays, a changed period after a refusal is a new request.
  const [key, setKey] = useState(newIdempotencyKey);
  const distributors = useDistributors(!own);
  const distributorId = own ?? chosen ?? undefined;
  const periodOk = ISO_DATE.test(from) && ISO_DATE.test(to) && to >= from;
  const preview = useClaimable({ distributorId, from, to }, distributorId !== undefined && periodOk);
  const create = useCreateClaim({
    onSuccess: (c) => {
      notifications.show({ color: "teal", message: t("claims.done.created", { number: c.number }) });
      void navigate({ to: "/promotions/claims/$claimId", params: { claimId: c.id } });
    },
    onError: () => setKey(newIdempotencyKey()),
  });
  const nothing = preview.isSuccess && preview.data.rows.length === 0;

  return (
    <Stack gap="md" maw={960} data-testid="new-claim-page">
      <Title order={2}>{t("claims.create.title")}</Title>
      <Paper withBorder p="md">
        <Stack gap="sm">
          {!own ? (
            <Select
              label={t("claims.list.distributor")}
              searchable
              value={chosen}
              onChange={setChosen}
              data={(distributors.data?.items ?? []).map((d) => ({ value: d.id, label: localName(d, locale) }))}
              data-testid="new-claim-distributor"
            />
          ) : null}
          <Group grow>
            <TextInput
              type="date"
              label={t("claims.create.from")}
              value={from}
              max={to}
              onChange={(e) => setFrom(e.currentTarget.value)}
              data-testid="new-claim-from"
            />
            <TextInput
              type="date"
              label={t("claims.create.to")}
              value={to}
              min={from}
              onChange={(e) => setTo(e.currentTarget.value)}
              data-testid="new-claim-to"
            />
          </Group>
          <TextInput
            label={t("claims.create.note")}
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="new-claim-note"
          />
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          {t("claims.create.preview")}
        </Title>
        {distributorId === undefined ? (
          <Text size="sm" c="dimmed">
            {t("claims.create.pickDistributor")}
          </Text>
        ) : (
          <>
            <ErrorAlert error={preview.error} />
            <ClaimableTable data={preview.data} withDistributor={false} loading={!preview.isSuccess} />
          </>
        )}
      </Paper>
      <ErrorAlert error={create.error} />
      <Group justify="flex-end">
        <Button
          disabled={distributorId === undefined || !periodOk || nothing || !preview.isSuccess}
          loading={create.isPending}
          onClick={() =>
            create.mutate({
              body: {
                ...(own ? {} : { distributorId }),
                period: { from, to },
                ...(note.trim() && { note: note.trim() }),
              },
              idempotencyKey: key,
            })
          }
          data-testid="new-claim-build"
        >
          {nothing ? t("claims.create.nothing") : t("claims.create.build")}
        </Button>
      </Group>
    </Stack>
  );
}
