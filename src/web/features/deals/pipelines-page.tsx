// /crm/pipelines (admin): the org's pipelines, each with its stages in order (name in both languages, kind,
// probability, when a deal counts as stuck) and each stage's playbook (channel, message in both languages, templates
// and content as links, a checklist); and the lost reasons a deal may be lost for.
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type PipelineResponse,
  PLAYBOOK_CHANNELS,
  type PlaybookLink,
  STAGE_KINDS,
} from "../../../shared/contracts/deals.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { localName } from "../network/network-labels.ts";
import {
  draftOf,
  moveStage,
  newPipelineDraft,
  newStage,
  type PipelineDraft,
  requestOf,
  type StageDraft,
} from "./pipeline-form.ts";
import { useCreatePipeline, useLostReasons, usePipelines, useSetLostReasons, useUpdatePipeline } from "./use-deals.ts";

export function PipelinesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const pipelines = usePipelines();
  const [editing, setEditing] = useState<{ id: string | null; draft: PipelineDraft } | null>(null);
  return (
    <Stack gap="md" data-testid="pipelines-page">
      <Group justify="space-between">
        <Title order={2}>{t("deals.pipelines.title")}</Title>
        <Button onClick={() => setEditing({ id: null, draft: newPipelineDraft() })} data-testid="pipeline-new">
          {t("deals.pipelines.new")}
        </Button>
      </Group>
      <ErrorAlert error={pipelines.error} />
      {pipelines.data?.items.map((p) => (
        <Paper withBorder p="md" key={p.id} data-pipeline-id={p.id}>
          <Group justify="space-between" mb="xs">
            <Group gap="xs">
              <Title order={4}>{localName(p, locale)}</Title>
              {p.isDefault ? <Badge>{t("deals.pipelines.default")}</Badge> : null}
            </Group>
            <Button variant="light" onClick={() => setEditing({ id: p.id, draft: draftOf(p) })}>
              {t("deals.pipelines.edit")}
            </Button>
          </Group>
          <Group gap={6}>
            {p.stages.map((s) => (
              <Badge
                key={s.id}
                variant="light"
                color={s.kind === "lost" ? "red" : s.kind === "open" ? "blue" : "green"}
              >
                {localName(s, locale)} · {fmt.number(s.probabilityBp / 100)}%
                {s.playbook.channel ? ` · ${t(`deals.channel.${s.playbook.channel}`)}` : ""}
              </Badge>
            ))}
          </Group>
        </Paper>
      ))}
      <LostReasonsEditor />
      {editing ? <PipelineEditor key={editing.id ?? "new"} editing={editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

function PipelineEditor({
  editing,
  onClose,
}: {
  editing: { id: string | null; draft: PipelineDraft };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<PipelineDraft>(editing.draft);
  const [badStage, setBadStage] = useState<number | null>(null);
  const [key] = useState(newIdempotencyKey);
  const done = (p: PipelineResponse) => {
    notifications.show({ message: t("deals.pipelines.saved"), color: "green" });
    onClose();
    return p;
  };
  const create = useCreatePipeline({ onSuccess: done });
  const update = useUpdatePipeline({ onSuccess: done });
  const setStage = (i: number, patch: Partial<StageDraft>) =>
    setDraft((d) => ({ ...d, stages: d.stages.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const save = () => {
    const r = requestOf(draft);
    if (!r.ok) {
      setBadStage(r.stage);
      return;
    }
    setBadStage(null);
    if (editing.id) update.mutate({ id: editing.id, body: r.body });
    else create.mutate({ body: r.body, idempotencyKey: key });
  };
  return (
    <Modal opened onClose={onClose} size="xl" title={editing.id ? t("deals.pipelines.edit") : t("deals.pipelines.new")}>
      <Stack gap="sm" data-testid="pipeline-editor">
        <Group grow>
          <TextInput
            label={t("deals.pipelines.name")}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            maxLength={120}
            required
          />
          <TextInput
            label={t("deals.pipelines.nameBn")}
            value={draft.nameBn}
            onChange={(e) => setDraft({ ...draft, nameBn: e.currentTarget.value })}
            maxLength={120}
            required
          />
        </Group>
        <Checkbox
          label={t("deals.pipelines.makeDefault")}
          checked={draft.isDefault}
          onChange={(e) => setDraft({ ...draft, isDefault: e.currentTarget.checked })}
        />
        <Title order={5}>{t("deals.pipelines.stages")}</Title>
        {draft.stages.map((s, i) => (
          <StageEditor
            key={s.id ?? `new-${i}`}
            stage={s}
            invalid={badStage === i}
            onChange={(patch) => setStage(i, patch)}
            onMove={(by) => setDraft((d) => ({ ...d, stages: moveStage(d.stages, i, by) }))}
            onRemove={() => setDraft((d) => ({ ...d, stages: d.stages.filter((_, j) => j !== i) }))}
          />
        ))}
        <Group>
          <Button variant="light" onClick={() => setDraft((d) => ({ ...d, stages: [...d.stages, newStage()] }))}>
            {t("deals.pipelines.addStage")}
          </Button>
        </Group>
        <ErrorAlert error={create.error ?? update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("deals.pipelines.cancel")}
          </Button>
          <Button onClick={save} loading={create.isPending || update.isPending} data-testid="pipeline-save">
            {t("deals.pipelines.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function StageEditor({
  stage: s,
  invalid,
  onChange,
  onMove,
  onRemove,
}: {
  stage: StageDraft;
  invalid: boolean;
  onChange: (patch: Partial<StageDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const pb = s.playbook;
  const setPb = (patch: Partial<typeof pb>) => onChange({ playbook: { ...pb, ...patch } });
  return (
    <Paper withBorder p="sm" style={invalid ? { borderColor: "var(--mantine-color-red-6)" } : undefined}>
      <Stack gap="xs">
        <Group grow align="flex-end">
          <TextInput
            label={t("deals.pipelines.name")}
            value={s.name}
            onChange={(e) => onChange({ name: e.currentTarget.value })}
            maxLength={120}
          />
          <TextInput
            label={t("deals.pipelines.nameBn")}
            value={s.nameBn}
            onChange={(e) => onChange({ nameBn: e.currentTarget.value })}
            maxLength={120}
          />
          <Select
            label={t("deals.pipelines.kind")}
            data={STAGE_KINDS.map((k) => ({ value: k, label: t(`deals.kind.${k}`) }))}
            value={s.kind}
            onChange={(v) => onChange({ kind: STAGE_KINDS.find((k) => k === v) ?? s.kind })}
            allowDeselect={false}
          />
          <TextInput
            label={t("deals.pipelines.probability")}
            value={s.probability}
            onChange={(e) => onChange({ probability: e.currentTarget.value })}
            inputMode="decimal"
            error={invalid}
          />
          <TextInput
            label={t("deals.pipelines.stuckAfter")}
            value={s.stuckAfterDays}
            onChange={(e) => onChange({ stuckAfterDays: e.currentTarget.value })}
            inputMode="numeric"
          />
        </Group>
        <Group gap={4} justify="flex-end">
          <ActionIcon variant="subtle" onClick={() => onMove(-1)} aria-label={t("deals.pipelines.up")}>
            ↑
          </ActionIcon>
          <ActionIcon variant="subtle" onClick={() => onMove(1)} aria-label={t("deals.pipelines.down")}>
            ↓
          </ActionIcon>
          <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
            {t("deals.pipelines.remove")}
          </Button>
        </Group>
        <Divider label={t("deals.pipelines.playbook")} labelPosition="left" />
        <Select
          label={t("deals.pipelines.channel")}
          data={[
            { value: "none", label: t("deals.channel.none") },
            ...PLAYBOOK_CHANNELS.map((c) => ({ value: c, label: t(`deals.channel.${c}`) })),
          ]}
          value={pb.channel ?? "none"}
          onChange={(v) => setPb({ channel: PLAYBOOK_CHANNELS.find((c) => c === v) ?? null })}
          allowDeselect={false}
          w={220}
        />
        <Group grow align="flex-start">
          <Textarea
            label={t("deals.pipelines.message")}
            value={pb.message}
            onChange={(e) => setPb({ message: e.currentTarget.value })}
            autosize
            minRows={2}
            maxLength={4000}
          />
          <Textarea
            label={t("deals.pipelines.messageBn")}
            value={pb.messageBn}
            onChange={(e) => setPb({ messageBn: e.currentTarget.value })}
            autosize
            minRows={2}
            maxLength={4000}
          />
        </Group>
        <LinksEditor
          label={t("deals.pipelines.templates")}
          links={pb.templates}
          onChange={(templates) => setPb({ templates })}
        />
        <LinksEditor
          label={t("deals.pipelines.content")}
          links={pb.content}
          onChange={(content) => setPb({ content })}
        />
        <Text size="sm" fw={500}>
          {t("deals.pipelines.checklist")}
        </Text>
        {pb.checklist.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: checklist items are plain text rows edited in place.
          <Group key={i} grow align="flex-end">
            <TextInput
              placeholder={t("deals.pipelines.itemEn")}
              value={c.text}
              onChange={(e) =>
                setPb({ checklist: pb.checklist.map((x, j) => (j === i ? { ...x, text: e.currentTarget.value } : x)) })
              }
            />
            <TextInput
              placeholder={t("deals.pipelines.itemBn")}
              value={c.textBn}
              onChange={(e) =>
                setPb({
                  checklist: pb.checklist.map((x, j) => (j === i ? { ...x, textBn: e.currentTarget.value } : x)),
                })
              }
            />
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setPb({ checklist: [...pb.checklist, { text: "", textBn: "" }] })}
          >
            {t("deals.pipelines.addItem")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function LinksEditor({
  label,
  links,
  onChange,
}: {
  label: string;
  links: PlaybookLink[];
  onChange: (links: PlaybookLink[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {links.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: links are plain rows edited in place.
        <Group key={i} grow>
          <TextInput
            placeholder={t("deals.pipelines.linkTitle")}
            value={l.title}
            onChange={(e) => onChange(links.map((x, j) => (j === i ? { ...x, title: e.currentTarget.value } : x)))}
          />
          <TextInput
            placeholder={t("deals.pipelines.linkUrl")}
            value={l.url}
            onChange={(e) => onChange(links.map((x, j) => (j === i ? { ...x, url: e.currentTarget.value } : x)))}
          />
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="subtle" onClick={() => onChange([...links, { title: "", url: "" }])}>
          {t("deals.pipelines.addLink")}
        </Button>
      </Group>
    </Stack>
  );
}

function LostReasonsEditor() {
  const { t } = useTranslation();
  const reasons = useLostReasons();
  const [draft, setDraft] = useState<{ id?: string; label: string; labelBn: string }[] | null>(null);
  const rows = draft ?? reasons.data?.items ?? [];
  const save = useSetLostReasons({
    onSuccess: () => {
      setDraft(null);
      notifications.show({ message: t("deals.pipelines.reasonsSaved"), color: "green" });
    },
  });
  const set = (i: number, patch: Partial<{ label: string; labelBn: string }>) =>
    setDraft(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Paper withBorder p="md" data-testid="lost-reasons">
      <Title order={4} mb="sm">
        {t("deals.pipelines.lostReasons")}
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("deals.pipelines.reasonEn")}</Table.Th>
            <Table.Th>{t("deals.pipelines.reasonBn")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={r.id ?? `new-${i}`}>
              <Table.Td>
                <TextInput value={r.label} onChange={(e) => set(i, { label: e.currentTarget.value })} maxLength={120} />
              </Table.Td>
              <Table.Td>
                <TextInput
                  value={r.labelBn}
                  onChange={(e) => set(i, { labelBn: e.currentTarget.value })}
                  maxLength={120}
                />
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" color="red" onClick={() => setDraft(rows.filter((_, j) => j !== i))}>
                  {t("deals.pipelines.remove")}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ErrorAlert error={save.error} />
      <Group justify="space-between" mt="sm">
        <Button variant="light" onClick={() => setDraft([...rows, { label: "", labelBn: "" }])}>
          {t("deals.pipelines.addReason")}
        </Button>
        <Button
          disabled={draft === null || rows.some((r) => !r.label.trim() || !r.labelBn.trim()) || rows.length === 0}
          loading={save.isPending}
          onClick={() =>
            save.mutate({
              items: rows.map((r) => ({ ...(r.id && { id: r.id }), label: r.label.trim(), labelBn: r.labelBn.trim() })),
            })
          }
        >
          {t("deals.pipelines.saveReasons")}
        </Button>
      </Group>
    </Paper>
  );
}

export function PipelinesRoute() {
  return (
    <RequirePermission permission="crm.manage">
      <PipelinesPage />
    </RequirePermission>
  );
}
