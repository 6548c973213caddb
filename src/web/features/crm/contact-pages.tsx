// Contacts: the list (filters, segments, custom-field columns), one contact's page (facts, custom fields, its
// account, activities and timeline) and the contact form, which names an existing contact with the same phone or
// email and lets the user open it or save anyway.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  Select,
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
import type { ContactResponse, CreateContactRequest } from "../../../shared/contracts/crm.ts";
import { isApiError } from "../../api/api-client.ts";
import { ConfirmModal } from "../../ui/confirm-button.tsx";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { ActivityPanel } from "../activities/activity-panel.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { customFormValues, customValuesToSend, customValueText, problemKeys } from "./crm-display.ts";
import { CrmFilterBar, type FilterState } from "./crm-filter-bar.tsx";
import { CustomFieldInputs, CustomFieldValues } from "./custom-field-inputs.tsx";
import { Timeline } from "./timeline.tsx";
import {
  useAccounts,
  useArchiveContact,
  useContact,
  useContacts,
  useCreateContact,
  useCustomFields,
  useUpdateContact,
} from "./use-crm.ts";

export function ContactListPage(): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const canWrite = hasPermission(me, "crm.write");
  const [q, setQ] = useState("");
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [formOpen, setFormOpen] = useState(false);
  const [filter, setFilter] = useState<FilterState>({ filter: { all: [] }, segmentId: null });
  const fields = useCustomFields("contact");
  const columns = (fields.data ?? []).filter((f) => f.archivedAt === null).slice(0, 4);
  const list = useContacts({
    q: debouncedQ || undefined,
    filter: filter.filter,
    segmentId: filter.segmentId ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total ?? 0;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("crm.contacts.title")}</Title>
        {canWrite ? (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setFormOpen(true)} data-testid="contact-new">
            {t("crm.contacts.new")}
          </Button>
        ) : null}
      </Group>
      <TextInput
        leftSection={<SearchIcon size={16} />}
        placeholder={t("crm.common.search")}
        aria-label={t("crm.common.search")}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-testid="contact-search"
      />
      <CrmFilterBar entity="contact" onChange={setFilter} />
      <ErrorAlert error={list.error} />
      <Text size="sm" c="dimmed" data-testid="contact-total">
        {t("crm.common.total", { n: fmt.number(total) })}
      </Text>
      <ContactTable rows={rows} loading={list.isPending} columns={columns} />
      {list.hasNextPage ? (
        <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("crm.common.loadMore")}
        </Button>
      ) : null}
      <ContactFormModal opened={formOpen} onClose={() => setFormOpen(false)} contact={null} />
    </Stack>
  );
}

export function ContactTable({
  rows,
  loading,
  columns = [],
}: {
  rows: ContactResponse[];
  loading: boolean;
  columns?: ReturnType<typeof useCustomFields>["data"];
}): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormat();
  const cols = columns ?? [];
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped highlightOnHover data-testid="contact-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("crm.common.name")}</Table.Th>
            <Table.Th>{t("crm.contacts.account")}</Table.Th>
            <Table.Th>{t("crm.common.phone")}</Table.Th>
            <Table.Th>{t("crm.common.email")}</Table.Th>
            <Table.Th>{t("crm.common.owner")}</Table.Th>
            {cols.map((c) => (
              <Table.Th key={c.key}>{fmt.locale === "bn" ? c.labelBn : c.labelEn}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id} data-testid="contact-row">
              <Table.Td>
                <Link to="/crm/contacts/$contactId" params={{ contactId: c.id }}>
                  {c.name}
                </Link>
                {c.title ? (
                  <Text span size="xs" c="dimmed">
                    {" "}
                    · {c.title}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {c.accountId ? (
                  <Link to="/crm/accounts/$accountId" params={{ accountId: c.accountId }}>
                    {c.accountName}
                  </Link>
                ) : (
                  "—"
                )}
              </Table.Td>
              <Table.Td>{c.phone ?? "—"}</Table.Td>
              <Table.Td>{c.email ?? "—"}</Table.Td>
              <Table.Td>{c.ownerName ?? "—"}</Table.Td>
              {cols.map((f) => (
                <Table.Td key={f.key}>{customValueText(f, c.custom[f.key], fmt)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
          {!loading && rows.length === 0 ? (
            <EmptyTableRow colSpan={5 + cols.length}>{t("crm.contacts.noContacts")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const route = getRouteApi("/_app/crm/contacts/$contactId");

export function ContactDetailPage(): ReactElement {
  const { t } = useTranslation();
  const { contactId } = route.useParams();
  const me = useMe();
  const canWrite = hasPermission(me, "crm.write");
  const contact = useContact(contactId);
  const fields = useCustomFields("contact", true);
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const archive = useArchiveContact({
    onSuccess: () => notifications.show({ color: "teal", message: t("crm.common.saved") }),
  });
  if (contact.isPending) return <Loader />;
  if (contact.error || !contact.data) return <ErrorAlert error={contact.error} />;
  const c = contact.data;
  const archived = c.archivedAt !== null;
  const links = [
    { type: "contact" as const, id: c.id },
    ...(c.accountId ? [{ type: "account" as const, id: c.accountId }] : []),
  ];

  return (
    <Stack gap="md">
      <Link to="/crm/contacts">← {t("crm.contacts.title")}</Link>
      <Group justify="space-between" align="flex-start">
        <Group gap="xs">
          <Title order={2} data-testid="contact-title">
            {c.name}
          </Title>
          {archived ? (
            <Badge color="gray" variant="light">
              {t("crm.common.archived")}
            </Badge>
          ) : null}
        </Group>
        {canWrite ? (
          <Group gap="xs">
            {!archived ? (
              <Button variant="default" onClick={() => setEditing(true)} data-testid="contact-edit">
                {t("crm.common.edit")}
              </Button>
            ) : null}
            {archived ? (
              <Button variant="default" onClick={() => archive.mutate({ id: c.id, archived: false })}>
                {t("crm.common.restore")}
              </Button>
            ) : (
              <Button variant="default" color="red" onClick={() => setArchiving(true)}>
                {t("crm.common.archive")}
              </Button>
            )}
          </Group>
        ) : null}
      </Group>
      <ErrorAlert error={archive.error} />
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap={4}>
            <Fact label={t("crm.contacts.jobTitle")}>{c.title ?? "—"}</Fact>
            <Fact label={t("crm.contacts.account")}>
              {c.accountId ? (
                <Link to="/crm/accounts/$accountId" params={{ accountId: c.accountId }}>
                  {c.accountName}
                </Link>
              ) : (
                "—"
              )}
            </Fact>
            <Fact label={t("crm.common.phone")}>{c.phone ?? "—"}</Fact>
            <Fact label={t("crm.common.email")}>{c.email ?? "—"}</Fact>
            <Fact label={t("crm.contacts.language")}>{t(`crm.contacts.languages.${c.locale}`)}</Fact>
            <Fact label={t("crm.contacts.source")}>{c.source ?? "—"}</Fact>
            <Fact label={t("crm.common.territory")}>{c.territoryName ?? "—"}</Fact>
            <Fact label={t("crm.common.owner")}>{c.ownerName ?? "—"}</Fact>
          </Stack>
          {fields.data?.length ? <CustomFieldValues fields={fields.data} custom={c.custom} /> : null}
        </SimpleGrid>
      </Card>
      <ActivityPanel links={links} />
      <Timeline type="contact" id={c.id} />
      <ContactFormModal opened={editing} onClose={() => setEditing(false)} contact={c} />
      <ConfirmModal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={t("crm.common.archive")}
        message={c.name}
        confirmLabel={t("crm.common.archive")}
        loading={archive.isPending}
        onConfirm={() => {
          archive.mutate({ id: c.id, archived: true });
          setArchiving(false);
        }}
      />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={140} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

export function ContactFormModal({
  opened,
  onClose,
  contact,
  account,
}: {
  opened: boolean;
  onClose: () => void;
  contact: ContactResponse | null;
  /** A new contact at this account. */
  account?: { id: string; name: string };
}): ReactElement {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={contact ? contact.name : t("crm.contacts.new")} size="lg">
      {opened ? <ContactForm contact={contact} account={account} onDone={onClose} /> : null}
    </Modal>
  );
}

function ContactForm({
  contact,
  account,
  onDone,
}: {
  contact: ContactResponse | null;
  account?: { id: string; name: string } | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fields = useCustomFields("contact");
  const [accountQ, setAccountQ] = useState("");
  const [debouncedAccountQ] = useDebouncedValue(accountQ, 250);
  const accounts = useAccounts({ q: debouncedAccountQ || undefined });
  const [v, setV] = useState({
    name: contact?.name ?? "",
    title: contact?.title ?? "",
    phone: contact?.phone ?? "",
    email: contact?.email ?? "",
    locale: contact?.locale ?? ("bn" as "bn" | "en"),
    source: contact?.source ?? "",
    accountId: contact?.accountId ?? account?.id ?? null,
    territoryId: contact?.territoryId ?? null,
  });
  const [custom, setCustom] = useState<Record<string, string> | null>(null);
  const customValues = custom ?? customFormValues(fields.data ?? [], contact?.custom ?? {});
  const done = () => {
    notifications.show({ color: "teal", message: t("crm.common.saved") });
    onDone();
  };
  const create = useCreateContact({
    onSuccess: (c) => {
      done();
      if (!account) void navigate({ to: "/crm/contacts/$contactId", params: { contactId: c.id } });
    },
  });
  const update = useUpdateContact({ onSuccess: done });
  const error = create.error ?? update.error;
  const duplicate = isApiError(error) && error.code === "crm.contact_duplicate" ? error : null;
  const set = (patch: Partial<typeof v>) => setV({ ...v, ...patch });
  const submit = (allowDuplicate: boolean) => {
    const body: CreateContactRequest = {
      name: v.name,
      title: v.title,
      phone: v.phone,
      email: v.email,
      locale: v.locale,
      source: v.source,
      accountId: v.accountId,
      territoryId: v.territoryId,
      custom: customValuesToSend(fields.data ?? [], customValues),
      allowDuplicate,
    };
    if (contact) update.mutate({ id: contact.id, body });
    else create.mutate(body);
  };
  const accountOptions = [
    ...(account ? [{ value: account.id, label: account.name }] : []),
    ...(contact?.accountId && contact.accountName ? [{ value: contact.accountId, label: contact.accountName }] : []),
    ...(accounts.data?.pages.flatMap((p) => p.items) ?? []).map((a) => ({ value: a.id, label: a.name })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);

  return (
    <Stack>
      <TextInput
        label={t("crm.common.name")}
        withAsterisk
        value={v.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        data-testid="contact-name"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("crm.contacts.jobTitle")}
          value={v.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
        />
        <Select
          label={t("crm.contacts.account")}
          searchable
          clearable
          value={v.accountId}
          onChange={(id) => set({ accountId: id })}
          onSearchChange={setAccountQ}
          data={accountOptions}
          data-testid="contact-account"
        />
        <TextInput
          label={t("crm.common.phone")}
          value={v.phone}
          onChange={(e) => set({ phone: e.currentTarget.value })}
          data-testid="contact-phone"
        />
        <TextInput
          label={t("crm.common.email")}
          value={v.email}
          onChange={(e) => set({ email: e.currentTarget.value })}
          data-testid="contact-email"
        />
        <Select
          label={t("crm.contacts.language")}
          allowDeselect={false}
          value={v.locale}
          onChange={(l) => set({ locale: (l as "bn" | "en") ?? "bn" })}
          data={[
            { value: "bn", label: t("crm.contacts.languages.bn") },
            { value: "en", label: t("crm.contacts.languages.en") },
          ]}
        />
        <TextInput
          label={t("crm.contacts.source")}
          value={v.source}
          onChange={(e) => set({ source: e.currentTarget.value })}
        />
      </SimpleGrid>
      <TerritoryPicker
        label={t("crm.common.territory")}
        value={v.territoryId}
        currentLabel={contact?.territoryName ?? null}
        onChange={(id) => set({ territoryId: id })}
      />
      <CustomFieldInputs
        fields={fields.data ?? []}
        values={customValues}
        onChange={(key, value) => setCustom({ ...customValues, [key]: value })}
        errors={problemKeys(error)}
      />
      {duplicate ? (
        <Alert color="yellow" variant="light" data-testid="contact-duplicate">
          <Stack gap="xs">
            <Text size="sm">{duplicate.message}</Text>
            <Group gap="xs">
              {typeof duplicate.details?.existingId === "string" ? (
                <Link
                  to="/crm/contacts/$contactId"
                  params={{ contactId: duplicate.details.existingId }}
                  onClick={onDone}
                  data-testid="contact-open-existing"
                >
                  {t("crm.contacts.openExisting")}
                </Link>
              ) : null}
              <Button size="compact-sm" variant="light" onClick={() => submit(true)} data-testid="contact-save-anyway">
                {t("crm.contacts.saveAnyway")}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <ErrorAlert error={error} />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t("crm.common.cancel")}
        </Button>
        <Button
          loading={create.isPending || update.isPending}
          disabled={v.name.trim() === ""}
          onClick={() => submit(false)}
          data-testid="contact-save"
        >
          {t("crm.common.save")}
        </Button>
      </Group>
    </Stack>
  );
}
