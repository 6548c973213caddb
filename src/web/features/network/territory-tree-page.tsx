// The territory tree editor: expand level by level, add a child, rename, move a subtree, archive, and import
// a whole tree from CSV. The server checks levels and scope; this page offers only what fits.
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  Menu,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, type ReactElement, useState } from "react";
import { useTranslation } from "react-i18next";
import { TERRITORY_LEVELS } from "../../../shared/contracts/network.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ConfirmModal } from "../../ui/confirm-button.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { ChevronIcon, DotsIcon } from "../../ui/icons.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { type Territory, territoryName, useTerritoryChildren } from "../territories/use-territories.ts";
import { CsvImportModal } from "./csv-import-modal.tsx";
import {
  useArchiveTerritory,
  useCreateTerritory,
  useImportTerritories,
  useMoveTerritory,
  useUpdateTerritory,
} from "./use-territory-admin.ts";

type Level = (typeof TERRITORY_LEVELS)[number];
const childLevel = (l: Level): Level | null => TERRITORY_LEVELS[TERRITORY_LEVELS.indexOf(l) + 1] ?? null;

type Dialog =
  | { kind: "add"; parent: Territory }
  | { kind: "rename"; node: Territory }
  | { kind: "move"; node: Territory }
  | { kind: "archive"; node: Territory };

export function TerritoryTreePage(): ReactElement {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = hasPermission(me, "network.write");
  const roots = useTerritoryChildren(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const importMutation = useImportTerritories({ meta: { inlineError: true } });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("network.territories.title")}</Title>
        {canWrite ? (
          <Button variant="default" onClick={() => setImportOpen(true)} data-testid="territory-import">
            {t("network.importCsv")}
          </Button>
        ) : null}
      </Group>
      <Text size="sm" c="dimmed">
        {t("network.territories.hint")}
      </Text>
      <ErrorAlert error={roots.error} />
      <Box data-testid="territory-tree">
        {roots.isPending ? <Loader size="sm" /> : null}
        {(roots.data ?? []).map((n) => (
          <TreeNode key={n.id} node={n} depth={0} canWrite={canWrite} onAction={setDialog} initiallyOpen />
        ))}
      </Box>
      <TerritoryDialogs dialog={dialog} onClose={() => setDialog(null)} />
      <CsvImportModal
        opened={importOpen}
        onClose={() => setImportOpen(false)}
        title={t("network.territories.importTitle")}
        columns="code,name,name_bn,level,parent_code"
        mutation={importMutation}
      />
    </Stack>
  );
}

function TreeNode({
  node,
  depth,
  canWrite,
  onAction,
  initiallyOpen = false,
}: {
  node: Territory;
  depth: number;
  canWrite: boolean;
  onAction: (d: Dialog) => void;
  initiallyOpen?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(initiallyOpen);
  const children = useTerritoryChildren(node.id, open && node.childCount > 0);
  const hasChildren = node.childCount > 0;
  const canAddChild = childLevel(node.level) !== null;
  return (
    <Box>
      <Group
        gap={6}
        wrap="nowrap"
        pl={depth * 20}
        py={4}
        style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}
        data-testid="territory-node"
        data-code={node.code}
      >
        <UnstyledButton
          onClick={() => setOpen((o) => !o)}
          disabled={!hasChildren}
          aria-label={open ? t("network.territories.collapse") : t("network.territories.expand")}
          style={{ width: 20, visibility: hasChildren ? "visible" : "hidden" }}
          data-testid="territory-toggle"
        >
          <ChevronIcon open={open} size={14} />
        </UnstyledButton>
        <Text size="sm" fw={500} style={{ flex: 1, minWidth: 0 }} truncate>
          {territoryName(node, locale)}
          <Text span size="xs" c="dimmed" ml={6} ff="monospace">
            {node.code}
          </Text>
        </Text>
        <Badge variant="light" color="gray" tt="none" size="sm">
          {t(`network.level.${node.level}`)}
        </Badge>
        {canWrite ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t("common.actions")}
                data-testid="territory-actions"
              >
                <DotsIcon />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {canAddChild ? (
                <Menu.Item onClick={() => onAction({ kind: "add", parent: node })} data-testid="territory-add">
                  {t("network.territories.addChild", {
                    level: t(`network.level.${childLevel(node.level) ?? "route"}`),
                  })}
                </Menu.Item>
              ) : null}
              <Menu.Item onClick={() => onAction({ kind: "rename", node })} data-testid="territory-rename">
                {t("network.territories.rename")}
              </Menu.Item>
              {node.parentId ? (
                <Menu.Item onClick={() => onAction({ kind: "move", node })} data-testid="territory-move">
                  {t("network.territories.move")}
                </Menu.Item>
              ) : null}
              <Menu.Item
                color="red"
                onClick={() => onAction({ kind: "archive", node })}
                data-testid="territory-archive"
              >
                {t("network.archive")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
      {open && hasChildren ? (
        <Box>
          {children.isPending ? <Loader size="xs" ml={(depth + 1) * 20} /> : null}
          {(children.data ?? []).map((c) => (
            <TreeNode key={c.id} node={c} depth={depth + 1} canWrite={canWrite} onAction={onAction} />
          ))}
        </Box>
      ) : null}
    </Box>
  );
}

function TerritoryDialogs({ dialog, onClose }: { dialog: Dialog | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const archive = useArchiveTerritory({
    onSuccess: () => notifications.show({ color: "teal", message: t("network.territories.archived") }),
  });
  if (dialog?.kind === "archive")
    return (
      <ConfirmModal
        opened
        onClose={onClose}
        title={t("network.archive")}
        message={t("network.territories.archiveConfirm", { name: territoryName(dialog.node, locale) })}
        confirmLabel={t("network.archive")}
        color="red"
        loading={archive.isPending}
        onConfirm={() => {
          archive.mutate(dialog.node.id);
          onClose();
        }}
      />
    );
  const title =
    dialog?.kind === "add"
      ? t("network.territories.addChild", { level: t(`network.level.${childLevel(dialog.parent.level) ?? "route"}`) })
      : dialog?.kind === "rename"
        ? t("network.territories.rename")
        : dialog?.kind === "move"
          ? t("network.territories.move")
          : "";
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={title} centered>
      {dialog?.kind === "add" || dialog?.kind === "rename" ? <NameForm dialog={dialog} onDone={onClose} /> : null}
      {dialog?.kind === "move" ? <MoveForm node={dialog.node} onDone={onClose} /> : null}
    </Modal>
  );
}

function NameForm({ dialog, onDone }: { dialog: Extract<Dialog, { kind: "add" | "rename" }>; onDone: () => void }) {
  const { t } = useTranslation();
  const node = dialog.kind === "rename" ? dialog.node : null;
  const [code, setCode] = useState(node?.code ?? "");
  const [name, setName] = useState(node?.name ?? "");
  const [nameBn, setNameBn] = useState(node?.nameBn ?? "");
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useCreateTerritory({ meta: { inlineError: true }, onSuccess: onDone });
  const update = useUpdateTerritory({ meta: { inlineError: true }, onSuccess: onDone });
  const mutation = node ? update : create;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (dialog.kind === "rename") update.mutate({ id: dialog.node.id, body: { code, name, nameBn } });
    else {
      const level = childLevel(dialog.parent.level);
      if (level) create.mutate({ body: { parentId: dialog.parent.id, level, code, name, nameBn }, idempotencyKey });
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={mutation.error} />
        <TextInput
          label={t("network.fields.code")}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          data-testid="territory-code"
        />
        <TextInput
          label={t("network.fields.nameEn")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="territory-name"
        />
        <TextInput
          label={t("network.fields.nameBn")}
          required
          value={nameBn}
          onChange={(e) => setNameBn(e.currentTarget.value)}
          data-testid="territory-name-bn"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="territory-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MoveForm({ node, onDone }: { node: Territory; onDone: () => void }) {
  const { t } = useTranslation();
  const [parentId, setParentId] = useState<string | null>(null);
  const move = useMoveTerritory({
    meta: { inlineError: true },
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("network.territories.moved") });
      onDone();
    },
  });
  const parentLevel = TERRITORY_LEVELS[TERRITORY_LEVELS.indexOf(node.level) - 1];
  return (
    <Stack gap="sm">
      <ErrorAlert error={move.error} />
      <Text size="sm">
        {t("network.territories.moveHint", { level: t(`network.level.${parentLevel ?? "national"}`) })}
      </Text>
      <TerritoryPicker label={t("network.territories.newParent")} value={parentId} onChange={setParentId} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t("common.cancel")}
        </Button>
        <Button
          disabled={!parentId}
          loading={move.isPending}
          onClick={() => parentId && move.mutate({ id: node.id, parentId })}
          data-testid="territory-move-save"
        >
          {t("network.territories.move")}
        </Button>
      </Group>
    </Stack>
  );
}
