import { Badge, Button, Group, Modal, NumberInput, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateApiTokenRequest } from "../../../shared/contracts/auth.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { ConfirmButton } from "../../ui/confirm-button.tsx";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText } from "../../ui/formatted-values.tsx";
import { PlusIcon } from "../../ui/icons.tsx";
import { SecretOnce } from "../../ui/secret-once.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import {
  type ApiToken,
  type CreatedApiToken,
  useApiTokens,
  useCreateApiToken,
  useRevokeApiToken,
} from "./use-api-tokens.ts";

type TokenStatus = "active" | "expired" | "revoked";

const statusOf = (tok: ApiToken, now: number): TokenStatus =>
  tok.revokedAt ? "revoked" : tok.expiresAt && Date.parse(tok.expiresAt) <= now ? "expired" : "active";

const STATUS_COLOR: Record<TokenStatus, string> = { active: "teal", expired: "gray", revoked: "red" };

export function ApiTokensPage() {
  const { t } = useTranslation();
  const tokens = useApiTokens();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const now = Date.now();
  const closeCreate = () => {
    setCreating(false);
    setCreated(null);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("tokens.title")}</Title>
        <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)} data-testid="token-new">
          {t("tokens.new")}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t("tokens.intro")}
      </Text>
      <ErrorAlert error={tokens.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table striped verticalSpacing="xs" data-testid="token-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("tokens.name")}</Table.Th>
              <Table.Th>{t("tokens.prefix")}</Table.Th>
              <Table.Th>{t("tokens.created")}</Table.Th>
              <Table.Th>{t("tokens.expires")}</Table.Th>
              <Table.Th>{t("tokens.lastUsed")}</Table.Th>
              <Table.Th>{t("tokens.status")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(tokens.data ?? []).map((tok) => (
              <TokenRow key={tok.id} token={tok} status={statusOf(tok, now)} />
            ))}
            {tokens.data?.length === 0 ? <EmptyTableRow colSpan={7}>{t("tokens.empty")}</EmptyTableRow> : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {/* One modal: the form, then (once) the new token in the same place. */}
      <Modal
        opened={creating}
        onClose={closeCreate}
        title={created ? t("tokens.createdTitle") : t("tokens.new")}
        centered
        size={created ? "lg" : "md"}
        closeOnClickOutside={!created}
      >
        {created ? (
          <Stack gap="sm" data-testid="token-created">
            <SecretOnce label={created.name} value={created.token} warning={t("tokens.shownOnce")} />
            <Group justify="flex-end">
              <Button onClick={closeCreate}>{t("common.done")}</Button>
            </Group>
          </Stack>
        ) : creating ? (
          <CreateTokenForm onCancel={closeCreate} onCreated={setCreated} />
        ) : null}
      </Modal>
    </Stack>
  );
}

function TokenRow({ token: tok, status }: { token: ApiToken; status: TokenStatus }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken({
    onSuccess: () => notifications.show({ color: "teal", message: t("tokens.revoked", { name: tok.name }) }),
  });
  return (
    <Table.Tr data-testid="token-row">
      <Table.Td>
        <Text size="sm" fw={500}>
          {tok.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {tok.prefix}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          <DateTimeText value={tok.createdAt} />
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{tok.expiresAt ? <DateTimeText value={tok.expiresAt} /> : t("tokens.never")}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{tok.lastUsedAt ? <DateTimeText value={tok.lastUsedAt} /> : "—"}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOR[status]} variant="light">
          {t(`tokens.statusLabel.${status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {status === "active" ? (
          <ConfirmButton
            size="compact-sm"
            variant="light"
            color="red"
            title={t("tokens.revoke")}
            message={t("tokens.revokeConfirm", { name: tok.name })}
            confirmLabel={t("tokens.revoke")}
            loading={revoke.isPending}
            onConfirm={() => revoke.mutate(tok.id)}
            data-testid="token-revoke"
          >
            {t("tokens.revoke")}
          </ConfirmButton>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

function CreateTokenForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (t: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [name, setName] = useState("");
  const [days, setDays] = useState<number | string>(90);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useCreateApiToken({ meta: { inlineError: true }, onSuccess: onCreated });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = CreateApiTokenRequest.safeParse({
      name,
      expiresInDays: days === "" ? undefined : Number(days),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
    setErrors({});
    create.mutate({ body: parsed.data, idempotencyKey });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={create.error} />
        <TextInput
          label={t("tokens.name")}
          description={t("tokens.nameHint")}
          required
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="token-name"
        />
        <NumberInput
          label={t("tokens.expiresInDays")}
          description={t("tokens.expiresHint")}
          min={1}
          max={3650}
          allowDecimal={false}
          value={days}
          error={errors.expiresInDays}
          onChange={setDays}
          data-testid="token-days"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="token-create">
            {t("tokens.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
