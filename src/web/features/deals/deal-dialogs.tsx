// The sales path's dialogs: a new deal (on an account found by typing), and the lost reason a deal needs before it is
// moved to a lost stage.
import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PipelineResponse } from "../../../shared/contracts/deals.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useAccounts } from "../crm/use-crm.ts";
import { localName, takaToPoisha } from "../network/network-labels.ts";
import { useCreateDeal, useLostReasons } from "./use-deals.ts";

export function NewDealModal({
  opened,
  onClose,
  pipelines,
  pipelineId,
  accountId,
  accountName,
}: {
  opened: boolean;
  onClose: () => void;
  pipelines: readonly PipelineResponse[];
  pipelineId?: string | undefined;
  /** Opened from an account: the deal is on it. */
  accountId?: string;
  accountName?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [name, setName] = useState("");
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [account, setAccount] = useState<string | null>(accountId ?? null);
  const [amount, setAmount] = useState("");
  const [expectedClose, setExpectedClose] = useState("");
  const [pipeline, setPipeline] = useState<string | null>(pipelineId ?? null);
  const [key, setKey] = useState(newIdempotencyKey);
  const accounts = useAccounts({ q: debounced || undefined, status: "active" });
  const options = [
    ...(accountId ? [{ value: accountId, label: accountName ?? accountId }] : []),
    ...(accounts.data?.pages.flatMap((p) => p.items) ?? [])
      .filter((a) => a.id !== accountId)
      .map((a) => ({ value: a.id, label: a.name })),
  ];
  const create = useCreateDeal({
    onSuccess: () => {
      notifications.show({ message: t("deals.form.created"), color: "green" });
      setName("");
      setAmount("");
      setExpectedClose("");
      setKey(newIdempotencyKey());
      onClose();
    },
  });
  const poisha = takaToPoisha(amount);
  const valid = name.trim() !== "" && account !== null && poisha !== null && !Number.isNaN(poisha);
  return (
    <Modal opened={opened} onClose={onClose} title={t("deals.form.title")} data-testid="deal-form">
      <Stack gap="sm">
        <TextInput
          label={t("deals.form.name")}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          maxLength={200}
          required
          data-testid="deal-name"
        />
        <Select
          label={t("deals.form.account")}
          placeholder={t("deals.form.accountSearch")}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: o }) => o}
          data={options}
          value={account}
          onChange={setAccount}
          nothingFoundMessage="—"
          required
          data-testid="deal-account"
        />
        <Group grow>
          <TextInput
            label={t("deals.form.amount")}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            inputMode="decimal"
            required
            data-testid="deal-amount"
          />
          <TextInput
            type="date"
            label={t("deals.form.expectedClose")}
            value={expectedClose}
            onChange={(e) => setExpectedClose(e.currentTarget.value)}
            data-testid="deal-close"
          />
        </Group>
        {pipelines.length > 1 ? (
          <Select
            label={t("deals.form.pipeline")}
            data={pipelines.map((p) => ({ value: p.id, label: localName(p, locale) }))}
            value={pipeline ?? pipelines.find((p) => p.isDefault)?.id ?? null}
            onChange={setPipeline}
            allowDeselect={false}
          />
        ) : null}
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("deals.form.cancel")}
          </Button>
          <Button
            disabled={!valid}
            loading={create.isPending}
            data-testid="deal-save"
            onClick={() =>
              account &&
              poisha !== null &&
              create.mutate({
                idempotencyKey: key,
                body: {
                  name: name.trim(),
                  accountId: account,
                  amountPoisha: poisha,
                  ...(expectedClose && { expectedClose }),
                  ...(pipeline && { pipelineId: pipeline }),
                },
              })
            }
          >
            {t("deals.form.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Asks why a deal was lost; `onConfirm` gets the reason and the note. */
export function LoseDealModal({
  opened,
  onClose,
  onConfirm,
  busy,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  onConfirm: (lostReasonId: string, note: string | undefined) => void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const reasons = useLostReasons();
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState("");
  return (
    <Modal opened={opened} onClose={onClose} title={t("deals.lose.title")} data-testid="lose-dialog">
      <Stack gap="sm">
        <Select
          label={t("deals.lose.reason")}
          data={(reasons.data?.items ?? []).map((r) => ({
            value: r.id,
            label: locale === "bn" ? r.labelBn : r.label,
          }))}
          value={reason}
          onChange={setReason}
          required
          data-testid="lose-reason"
        />
        <Textarea
          label={t("deals.lose.note")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={1000}
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("deals.lose.cancel")}
          </Button>
          <Button
            color="red"
            disabled={!reason}
            loading={busy}
            data-testid="lose-confirm"
            onClick={() => reason && onConfirm(reason, note.trim() || undefined)}
          >
            {t("deals.lose.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
