import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { UserResponse } from "../../../shared/contracts/users.ts";
import { ROLES, type Role } from "../../../shared/roles.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ConfirmModal } from "../../ui/confirm-button.tsx";
import { EmptyListText, EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText, NumberText } from "../../ui/formatted-values.tsx";
import { DotsIcon, PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { MfaPolicyCard } from "../auth/mfa-policy-card.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { useResetUserTwoStep } from "../auth/use-two-step.ts";
import { territoryName } from "../territories/use-territories.ts";
import { InviteLinkModal, type PasswordLink } from "./invite-link-modal.tsx";
import { useDeactivateUser, useReactivateUser, useSendInvite, useUsers } from "./use-users.ts";
import { UserFormModal } from "./user-form-modal.tsx";
import { STATUS_COLORS } from "./user-labels.ts";

const route = getRouteApi("/_app/users");

export function UserListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = hasPermission(me, "users.write");
  const canAudit = hasPermission(me, "audit.read");
  const canSecure = hasPermission(me, "security.manage");
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [q, setQ] = useState(search.q ?? "");
  const [debouncedQ] = useDebouncedValue(q, 300);

  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) void navigate({ search: (s) => ({ ...s, q: next }), replace: true });
  }, [debouncedQ, search.q, navigate]);

  const users = useUsers({ q: search.q, role: search.role, status: search.status ?? "active" });
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];

  const [editing, setEditing] = useState<UserResponse | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [invite, setInvite] = useState<PasswordLink | null>(null);

  // The same user and actions, whether shown as a table row (desktop) or a card (phone).
  const itemProps = (u: UserResponse): RowProps => ({
    user: u,
    isSelf: u.id === me.id,
    canWrite,
    canAudit,
    canSecure,
    onEdit: () => {
      setEditing(u);
      setFormOpen(true);
    },
    onInvite: setInvite,
  });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("users.title")}</Title>
        {canWrite ? (
          <Button
            leftSection={<PlusIcon size={16} />}
            onClick={() => {
              setEditing(null);
              setFormOpen(true);
            }}
            data-testid="user-new"
          >
            {t("users.new")}
          </Button>
        ) : null}
      </Group>

      <Group gap="sm" align="flex-end">
        <TextInput
          leftSection={<SearchIcon size={16} />}
          placeholder={t("users.searchPlaceholder")}
          aria-label={t("common.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: "1 1 220px" }}
          data-testid="user-search"
        />
        <Select
          placeholder={t("users.allRoles")}
          aria-label={t("users.role")}
          clearable
          value={search.role ?? null}
          onChange={(v) =>
            navigate({ search: (s) => ({ ...s, role: (v as Role | null) ?? undefined }), replace: true })
          }
          data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          w={{ base: "100%", xs: 170 }}
          data-testid="user-role-filter"
        />
        <Select
          aria-label={t("users.status")}
          allowDeselect={false}
          value={search.status ?? "active"}
          onChange={(v) =>
            navigate({
              search: (s) => ({ ...s, status: v === "deactivated" || v === "all" ? v : undefined }),
              replace: true,
            })
          }
          data={[
            { value: "active", label: t("users.statusFilter.active") },
            { value: "deactivated", label: t("users.statusFilter.deactivated") },
            { value: "all", label: t("users.statusFilter.all") },
          ]}
          w={{ base: "100%", xs: 170 }}
          data-testid="user-status-filter"
        />
      </Group>

      <ErrorAlert error={users.error} />

      {isPhone ? (
        <Stack gap="xs" data-testid="user-table">
          {rows.map((u) => (
            <UserCard key={u.id} {...itemProps(u)} />
          ))}
          {!users.isPending && rows.length === 0 ? <EmptyListText>{t("users.empty")}</EmptyListText> : null}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="user-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("users.name")}</Table.Th>
                <Table.Th>{t("users.phone")}</Table.Th>
                <Table.Th>{t("users.role")}</Table.Th>
                <Table.Th>{t("users.territory")}</Table.Th>
                <Table.Th>{t("users.status")}</Table.Th>
                <Table.Th>{t("users.lastLogin")}</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((u) => (
                <UserRow key={u.id} {...itemProps(u)} />
              ))}
              {!users.isPending && rows.length === 0 ? (
                <EmptyTableRow colSpan={7}>{t("users.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("common.shown")} <NumberText value={rows.length} />
        </Text>
        {users.hasNextPage ? (
          <Button
            variant="default"
            loading={users.isFetchingNextPage}
            onClick={() => users.fetchNextPage()}
            data-testid="load-more"
          >
            {t("common.loadMore")}
          </Button>
        ) : null}
      </Group>

      <UserFormModal
        opened={formOpen}
        user={editing}
        onClose={() => setFormOpen(false)}
        onCreated={(created) => {
          notifications.show({ color: "teal", message: t("users.created", { name: created.name }) });
          if (created.inviteUrl) setInvite({ name: created.name, url: created.inviteUrl, kind: "invite" });
        }}
      />
      <InviteLinkModal invite={invite} onClose={() => setInvite(null)} />
      {canSecure ? <MfaPolicyCard /> : null}
    </Stack>
  );
}

interface RowProps {
  user: UserResponse;
  isSelf: boolean;
  canWrite: boolean;
  canAudit: boolean;
  canSecure: boolean;
  onEdit: () => void;
  onInvite: (link: PasswordLink) => void;
}

function useTerritoryLabel(u: UserResponse): string {
  const locale = useLocale();
  return u.territoryName != null
    ? territoryName({ name: u.territoryName, nameBn: u.territoryNameBn ?? "" }, locale)
    : "—";
}

function StatusBadge({ user: u }: { user: UserResponse }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[u.status]} variant="light" tt="none">
      {t(`users.statusLabel.${u.status}`)}
    </Badge>
  );
}

function UserRow(props: RowProps) {
  const { t } = useTranslation();
  const u = props.user;
  return (
    <Table.Tr data-testid="user-row">
      <Table.Td>
        <Text size="sm" fw={500}>
          {u.name}
        </Text>
        <Text size="xs" c="dimmed">
          {u.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: "nowrap" }}>
          {u.phone ?? "—"}
        </Text>
      </Table.Td>
      <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
      <Table.Td>{useTerritoryLabel(u)}</Table.Td>
      <Table.Td>
        <StatusBadge user={u} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{u.lastLoginAt ? <DateTimeText value={u.lastLoginAt} /> : "—"}</Text>
      </Table.Td>
      <Table.Td>
        <UserActions {...props} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Phones get one card per user instead of a table that scrolls sideways. */
function UserCard(props: RowProps) {
  const { t } = useTranslation();
  const u = props.user;
  const territory = useTerritoryLabel(u);
  return (
    <Paper withBorder p="sm" data-testid="user-row">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} truncate>
            {u.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {u.email}
          </Text>
        </div>
        <UserActions {...props} />
      </Group>
      <Group gap="xs" mt={6}>
        <StatusBadge user={u} />
        <Text size="sm">{t(`roles.${u.role}`)}</Text>
        {territory !== "—" ? (
          <Text size="sm" c="dimmed">
            · {territory}
          </Text>
        ) : null}
      </Group>
      {u.phone ? (
        <Text size="sm" mt={4}>
          {u.phone}
        </Text>
      ) : null}
    </Paper>
  );
}

function UserActions({ user: u, isSelf, canWrite, canAudit, canSecure, onEdit, onInvite }: RowProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState<"deactivate" | "reactivate" | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const resetTwoStep = useResetUserTwoStep({
    onSuccess: () => notifications.show({ color: "teal", message: t("twoStep.resetDone", { name: u.name }) }),
  });
  const deactivate = useDeactivateUser({
    onSuccess: () => notifications.show({ color: "teal", message: t("users.deactivated", { name: u.name }) }),
  });
  const reactivate = useReactivateUser({
    onSuccess: () => notifications.show({ color: "teal", message: t("users.reactivated", { name: u.name }) }),
  });
  // Invited users get a new invitation, active ones a reset link; deactivated ones neither (the server
  // refuses with user.deactivated), so the item is not offered to them.
  const linkKind = u.status === "invited" ? "invite" : "reset";
  const sendInvite = useSendInvite({
    onSuccess: (r) => onInvite({ name: u.name, url: r.inviteUrl, kind: linkKind }),
  });
  if (!canWrite && !canAudit && !canSecure) return null;

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={t("common.actions")} data-testid="user-actions">
            <DotsIcon />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {canWrite ? (
            <>
              <Menu.Item onClick={onEdit} data-testid="user-edit">
                {t("common.edit")}
              </Menu.Item>
              {u.status !== "deactivated" ? (
                <Menu.Item
                  onClick={() => sendInvite.mutate({ id: u.id, idempotencyKey: newIdempotencyKey() })}
                  data-testid="user-invite"
                >
                  {linkKind === "invite" ? t("users.resendInvite") : t("users.sendReset")}
                </Menu.Item>
              ) : null}
              {u.status === "deactivated" ? (
                <Menu.Item onClick={() => setConfirm("reactivate")} data-testid="user-reactivate">
                  {t("users.reactivate")}
                </Menu.Item>
              ) : !isSelf ? (
                <Menu.Item color="red" onClick={() => setConfirm("deactivate")} data-testid="user-deactivate">
                  {t("users.deactivate")}
                </Menu.Item>
              ) : null}
            </>
          ) : null}
          {canSecure ? (
            <Menu.Item onClick={() => setConfirmReset(true)} data-testid="user-reset-two-step">
              {t("twoStep.reset")}
            </Menu.Item>
          ) : null}
          {canAudit ? (
            <Menu.Item onClick={() => navigate({ to: "/audit", search: { entity: "user", entityId: u.id } })}>
              {t("users.history")}
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === "reactivate" ? t("users.reactivate") : t("users.deactivate")}
        message={
          confirm === "reactivate"
            ? t("users.reactivateConfirm", { name: u.name })
            : t("users.deactivateConfirm", { name: u.name })
        }
        confirmLabel={confirm === "reactivate" ? t("users.reactivate") : t("users.deactivate")}
        color={confirm === "reactivate" ? "teal" : "red"}
        loading={deactivate.isPending || reactivate.isPending}
        onConfirm={() => {
          if (confirm === "reactivate") reactivate.mutate(u.id);
          else deactivate.mutate(u.id);
          setConfirm(null);
        }}
      />
      <ConfirmModal
        opened={confirmReset}
        onClose={() => setConfirmReset(false)}
        title={t("twoStep.reset")}
        message={t("twoStep.resetConfirm", { name: u.name })}
        confirmLabel={t("twoStep.reset")}
        loading={resetTwoStep.isPending}
        onConfirm={() => {
          resetTwoStep.mutate(u.id);
          setConfirmReset(false);
        }}
      />
    </>
  );
}
