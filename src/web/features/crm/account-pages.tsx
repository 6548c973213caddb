// Accounts: the list (companies and every account, with filters, segments and custom-field columns; outlets and
// distributors from the network, each opened as an account on first use), one account's page (its facts, custom
// fields, the outlet's or distributor's facts, its contacts, activities and timeline) and the account form.
import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { type ReactElement, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccountDetailResponse, AccountResponse, CrmFilter } from "../../../shared/contracts/crm.ts";
import { ConfirmModal } from "../../ui/confirm-button.tsx";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { Money } from "../../ui/formatted-values.tsx";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { ActivityPanel } from "../activities/activity-panel.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { ContactFormModal, ContactTable } from "./contact-pages.tsx";
import { customFormValues, customValuesToSend, customValueText, problemKeys } from "./crm-display.ts";
import { CrmFilterBar, type FilterState } from "./crm-filter-bar.tsx";
import { CustomFieldInputs, CustomFieldValues } from "./custom-field-inputs.tsx";
import { Timeline } from "./timeline.tsx";
import {
  useAccount,
  useAccounts,
  useArchiveAccount,
  useContacts,
  useCreateAccount,
  useCustomFields,
  useNetworkAccounts,
  useOpenNetworkAccount,
  useUpdateAccount,
} from "./use-crm.ts";

type KindView = "all" | "company" | "outlet" | "distributor";

export function AccountListPage(): ReactElement {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = hasPermission(me, "crm.write");
  const [view, setView] = useState<KindView>("all");
  const [q, setQ] = useState("");
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [formOpen, setFormOpen] = useState(false);
  const network = view === "outlet" || view === "distributor";
  const networkAllowed = hasPermission(me, "network.read");

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("crm.accounts.title")}</Title>
        {canWrite ? (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setFormOpen(true)} data-testid="account-new">
            {t("crm.accounts.new")}
          </Button>
        ) : null}
      </Group>
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as KindView)}
          data={(["all", "company", ...(networkAllowed ? (["outlet", "distributor"] as const) : [])] as const).map(
            (k) => ({ value: k, label: t(`crm.accounts.kind.${k}`) }),
          )}
          data-testid="account-kind"
        />
        <TextInput
          leftSection={<SearchIcon size={16} />}
          placeholder={t("crm.common.search")}
          aria-label={t("crm.common.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: "1 1 240px" }}
          data-testid="account-search"
        />
      </Group>
      {network ? (
        <NetworkAccountList kind={view} q={debouncedQ} />
      ) : (
        <CompanyAccountList kind={view === "company" ? "company" : undefined} q={debouncedQ} />
      )}
      <AccountFormModal opened={formOpen} onClose={() => setFormOpen(false)} account={null} />
    </Stack>
  );
}

function CompanyAccountList({ kind, q }: { kind: "company" | undefined; q: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [filter, setFilter] = useState<FilterState>({ filter: { all: [] }, segmentId: null });
  const fields = useCustomFields("account");
  const columns = (fields.data ?? []).filter((f) => f.archivedAt === null).slice(0, 4);
  const list = useAccounts({
    q: q || undefined,
    kind,
    filter: filter.filter as CrmFilter,
    segmentId: filter.segmentId ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;
  return (
    <Stack gap="sm">
      <CrmFilterBar entity="account" onChange={setFilter} />
      <ErrorAlert error={list.error} />
      <Text size="sm" c="dimmed" data-testid="account-total">
        {t("crm.common.total", { n: fmt.number(total) })}
      </Text>
      <Table.ScrollContainer minWidth={700}>
        <Table striped highlightOnHover data-testid="account-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("crm.common.name")}</Table.Th>
              <Table.Th>{t("crm.filters.builtin.kind")}</Table.Th>
              <Table.Th>{t("crm.common.territory")}</Table.Th>
              <Table.Th>{t("crm.common.owner")}</Table.Th>
              <Table.Th>{t("crm.accounts.contactCount")}</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c.key}>{fmt.locale === "bn" ? c.labelBn : c.labelEn}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <Table.Tr key={a.id} data-testid="account-row">
                <Table.Td>
                  <Link to="/crm/accounts/$accountId" params={{ accountId: a.id }}>
                    {a.name}
                  </Link>
                  {a.archivedAt ? (
                    <Badge ml="xs" color="gray" variant="light">
                      {t("crm.common.archived")}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <KindBadge kind={a.kind} />
                </Table.Td>
                <Table.Td>{a.territoryName ?? "—"}</Table.Td>
                <Table.Td>{a.ownerName ?? "—"}</Table.Td>
                <Table.Td>{fmt.number(a.contactCount)}</Table.Td>
                {columns.map((c) => (
                  <Table.Td key={c.key}>{customValueText(c, a.custom[c.key], fmt)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
            {!list.isPending && rows.length === 0 ? (
              <EmptyTableRow colSpan={5 + columns.length}>{t("crm.accounts.noAccounts")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage ? (
        <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("crm.common.loadMore")}
        </Button>
      ) : null}
    </Stack>
  );
}

function NetworkAccountList({ kind, q }: { kind: "outlet" | "distributor"; q: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const list = useNetworkAccounts({ kind, q: q || undefined });
  const open = useOpenNetworkAccount({
    onSuccess: ({ id }) => void navigate({ to: "/crm/accounts/$accountId", params: { accountId: id } }),
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm">
      <ErrorAlert error={list.error ?? open.error} />
      <Table striped highlightOnHover data-testid="network-account-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("crm.accounts.code")}</Table.Th>
            <Table.Th>{t("crm.common.name")}</Table.Th>
            <Table.Th>{t("crm.common.phone")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.networkId}>
              <Table.Td style={{ fontFamily: "monospace" }}>{r.code}</Table.Td>
              <Table.Td>{fmt.locale === "bn" ? r.nameBn : r.name}</Table.Td>
              <Table.Td>{r.phone ?? "—"}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="light"
                  loading={open.isPending && open.variables?.id === r.networkId}
                  onClick={() => open.mutate({ kind, id: r.networkId })}
                  data-testid="network-account-open"
                >
                  {t("crm.accounts.open")}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
          {!list.isPending && rows.length === 0 ? (
            <EmptyTableRow colSpan={4}>{t("crm.accounts.noAccounts")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
      </Table>
      {list.hasNextPage ? (
        <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("crm.common.loadMore")}
        </Button>
      ) : null}
    </Stack>
  );
}

function KindBadge({ kind }: { kind: AccountResponse["kind"] }) {
  const { t } = useTranslation();
  const color = kind === "company" ? "blue" : kind === "outlet" ? "teal" : "grape";
  return (
    <Badge color={color} variant="light" tt="none">
      {t(`crm.accounts.kind.${kind}`)}
    </Badge>
  );
}

const route = getRouteApi("/_app/crm/accounts/$accountId");

export function AccountDetailPage(): ReactElement {
  const { t } = useTranslation();
  const { accountId } = route.useParams();
  const me = useMe();
  const canWrite = hasPermission(me, "crm.write");
  const account = useAccount(accountId);
  const fields = useCustomFields("account", true);
  const contacts = useContacts({ accountId });
  const [editing, setEditing] = useState(false);
  const [addingContact, setAddingContact] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const archive = useArchiveAccount({
    onSuccess: () => notifications.show({ color: "teal", message: t("crm.common.saved") }),
  });

  if (account.isPending) return <Loader />;
  if (account.error || !account.data) return <ErrorAlert error={account.error} />;
  const a = account.data;
  const archived = a.archivedAt !== null;

  return (
    <Stack gap="md">
      <Link to="/crm/accounts">← {t("crm.accounts.title")}</Link>
      <Group justify="space-between" align="flex-start">
        <Group gap="xs">
          <Title order={2} data-testid="account-title">
            {a.name}
          </Title>
          <KindBadge kind={a.kind} />
          {archived ? (
            <Badge color="gray" variant="light">
              {t("crm.common.archived")}
            </Badge>
          ) : null}
        </Group>
        {canWrite ? (
          <Group gap="xs">
            {!archived ? (
              <Button variant="default" onClick={() => setEditing(true)} data-testid="account-edit">
                {t("crm.common.edit")}
              </Button>
            ) : null}
            {a.kind === "company" ? (
              archived ? (
                <Button variant="default" onClick={() => archive.mutate({ id: a.id, archived: false })}>
                  {t("crm.common.restore")}
                </Button>
              ) : (
                <Button variant="default" color="red" onClick={() => setArchiving(true)}>
                  {t("crm.common.archive")}
                </Button>
              )
            ) : null}
          </Group>
        ) : null}
      </Group>
      <ErrorAlert error={archive.error} />

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Stack gap={4}>
            <Fact label={t("crm.accounts.industry")}>{a.industry ?? "—"}</Fact>
            <Fact label={t("crm.common.phone")}>{a.phone ?? "—"}</Fact>
            <Fact label={t("crm.common.email")}>{a.email ?? "—"}</Fact>
            <Fact label={t("crm.accounts.website")}>{a.website ?? "—"}</Fact>
            <Fact label={t("crm.accounts.address")}>{a.address ?? "—"}</Fact>
            <Fact label={t("crm.common.territory")}>{a.territoryName ?? "—"}</Fact>
            <Fact label={t("crm.common.owner")}>{a.ownerName ?? "—"}</Fact>
          </Stack>
          {fields.data?.length ? (
            <>
              <Text fw={600} mt="md" mb="xs">
                {t("crm.common.customFields")}
              </Text>
              <CustomFieldValues fields={fields.data} custom={a.custom} />
            </>
          ) : null}
        </Card>
        {a.network ? <NetworkFactsCard facts={a.network} /> : null}
      </SimpleGrid>

      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t("crm.accounts.contacts")}</Text>
          {canWrite && !archived ? (
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => setAddingContact(true)}
              data-testid="account-add-contact"
            >
              {t("crm.contacts.new")}
            </Button>
          ) : null}
        </Group>
        <ContactTable rows={contacts.data?.pages.flatMap((p) => p.items) ?? []} loading={contacts.isPending} />
      </Card>

      <ActivityPanel links={[{ type: "account", id: a.id }]} />
      <Timeline type="account" id={a.id} />

      <AccountFormModal opened={editing} onClose={() => setEditing(false)} account={a} />
      <ContactFormModal
        opened={addingContact}
        onClose={() => setAddingContact(false)}
        contact={null}
        account={{ id: a.id, name: a.name }}
      />
      <ConfirmModal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={t("crm.common.archive")}
        message={a.name}
        confirmLabel={t("crm.common.archive")}
        loading={archive.isPending}
        onConfirm={() => {
          archive.mutate({ id: a.id, archived: true });
          setArchiving(false);
        }}
      />
    </Stack>
  );
}

function NetworkFactsCard({ facts }: { facts: NonNullable<AccountDetailResponse["network"]> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Card withBorder data-testid="account-network-facts">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t("crm.accounts.networkFacts")}</Text>
        {facts.kind === "outlet" ? (
          <Link to="/outlets/$outletId" params={{ outletId: facts.id }}>
            {facts.code}
          </Link>
        ) : (
          <Link to="/distributors/$distributorId" params={{ distributorId: facts.id }}>
            {facts.code}
          </Link>
        )}
      </Group>
      <Stack gap={4}>
        <Fact label={t("crm.common.name")}>{fmt.locale === "bn" ? facts.nameBn : facts.name}</Fact>
        <Fact label={t("crm.accounts.ownerName")}>{facts.ownerName}</Fact>
        <Fact label={t("crm.common.phone")}>{facts.phone ?? "—"}</Fact>
        <Fact label={t("crm.accounts.address")}>{facts.address || "—"}</Fact>
        {facts.channel ? (
          <Fact label={t("crm.accounts.channel")}>
            {t(`network.channel.${facts.channel}` as "crm.accounts.channel")}
          </Fact>
        ) : null}
        {facts.class ? <Fact label={t("crm.accounts.class")}>{facts.class}</Fact> : null}
        {facts.distributorName ? <Fact label={t("crm.accounts.distributor")}>{facts.distributorName}</Fact> : null}
        {facts.routeName ? <Fact label={t("crm.accounts.route")}>{facts.routeName}</Fact> : null}
        <Fact label={t("crm.accounts.creditLimit")}>
          {facts.creditLimitPoisha === null ? "—" : <Money poisha={facts.creditLimitPoisha} span />}
        </Fact>
      </Stack>
      <Text size="xs" c="dimmed" mt="sm">
        {t("crm.accounts.networkManaged")}
      </Text>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={160} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

export function AccountFormModal({
  opened,
  onClose,
  account,
}: {
  opened: boolean;
  onClose: () => void;
  account: AccountResponse | null;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={account ? account.name : t("crm.accounts.new")} size="lg">
      {opened ? <AccountForm account={account} onDone={onClose} /> : null}
    </Modal>
  );
}

function AccountForm({ account, onDone }: { account: AccountResponse | null; onDone: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fields = useCustomFields("account");
  const networkManaged = account !== null && account.kind !== "company";
  const [v, setV] = useState({
    name: account?.name ?? "",
    industry: account?.industry ?? "",
    phone: account?.phone ?? "",
    email: account?.email ?? "",
    website: account?.website ?? "",
    address: account?.address ?? "",
    territoryId: account?.territoryId ?? null,
  });
  const [custom, setCustom] = useState<Record<string, string> | null>(null);
  const customValues = custom ?? customFormValues(fields.data ?? [], account?.custom ?? {});
  const done = () => {
    notifications.show({ color: "teal", message: t("crm.common.saved") });
    onDone();
  };
  const create = useCreateAccount({
    onSuccess: (a) => {
      done();
      void navigate({ to: "/crm/accounts/$accountId", params: { accountId: a.id } });
    },
  });
  const update = useUpdateAccount({ onSuccess: done });
  const error = create.error ?? update.error;
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const submit = () => {
    const base = {
      industry: v.industry,
      email: v.email,
      website: v.website,
      territoryId: v.territoryId,
      custom: customValuesToSend(fields.data ?? [], customValues),
    };
    const body = networkManaged ? base : { ...base, name: v.name, phone: v.phone, address: v.address };
    if (account) update.mutate({ id: account.id, body });
    else create.mutate({ ...body, name: v.name });
  };
  const problems = problemKeys(error);
  return (
    <Stack>
      {!networkManaged ? (
        <TextInput
          label={t("crm.common.name")}
          withAsterisk
          value={v.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          data-testid="account-name"
        />
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("crm.accounts.industry")}
          value={v.industry}
          onChange={(e) => set({ industry: e.currentTarget.value })}
        />
        {!networkManaged ? (
          <TextInput
            label={t("crm.common.phone")}
            value={v.phone}
            onChange={(e) => set({ phone: e.currentTarget.value })}
          />
        ) : null}
        <TextInput
          label={t("crm.common.email")}
          value={v.email}
          onChange={(e) => set({ email: e.currentTarget.value })}
        />
        <TextInput
          label={t("crm.accounts.website")}
          value={v.website}
          onChange={(e) => set({ website: e.currentTarget.value })}
        />
      </SimpleGrid>
      {!networkManaged ? (
        <TextInput
          label={t("crm.accounts.address")}
          value={v.address}
          onChange={(e) => set({ address: e.currentTarget.value })}
        />
      ) : null}
      <TerritoryPicker
        label={t("crm.common.territory")}
        value={v.territoryId}
        currentLabel={account?.territoryName ?? null}
        onChange={(id) => set({ territoryId: id })}
      />
      <CustomFieldInputs
        fields={fields.data ?? []}
        values={customValues}
        onChange={(key, value) => setCustom({ ...customValues, [key]: value })}
        errors={problems}
      />
      <ErrorAlert error={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t("crm.common.cancel")}
        </Button>
        <Button
          loading={create.isPending || update.isPending}
          disabled={!networkManaged && v.name.trim() === ""}
          onClick={submit}
          data-testid="account-save"
        >
          {t("crm.common.save")}
        </Button>
      </Group>
    </Stack>
  );
}
