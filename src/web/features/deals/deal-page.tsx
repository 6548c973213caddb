// /crm/deals/$dealId: one deal. Its facts (editable), the path of its pipeline's stages with the current one marked
// (a click moves the deal there; a lost stage asks why), the current stage's playbook shown prominently (the channel
// to use, what to say, templates and content to send, a checklist), the stage history with the time spent in each
// stage, the activity panel and the timeline.
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DealDetailResponse, StageResponse } from "../../../shared/contracts/deals.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert, errorMessage } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { ActivityPanel } from "../activities/activity-panel.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { Timeline } from "../crm/timeline.tsx";
import { localName, takaToPoisha } from "../network/network-labels.ts";
import { LoseDealModal } from "./deal-dialogs.tsx";
import { durationParts, progressStages, stageState } from "./deal-display.ts";
import { useDeal, useMoveDeal, useUpdateDeal } from "./use-deals.ts";

const route = getRouteApi("/_app/crm/deals/$dealId");
const STATUS_COLORS = { open: "blue", won: "green", lost: "red" } as const;

/** Time in stage in words ("3 d 4 h"), in the UI language and digits. */
export function useDuration() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (seconds: number) => {
    const p = durationParts(seconds);
    const n = { days: fmt.number(p.days), hours: fmt.number(p.hours), minutes: fmt.number(p.minutes) };
    if (p.days > 0) return t("deals.duration.days", n);
    if (p.hours > 0) return t("deals.duration.hours", n);
    return t("deals.duration.minutes", n);
  };
}

export function DealPage() {
  const { dealId } = route.useParams();
  const { t } = useTranslation();
  const deal = useDeal(dealId);
  const d = deal.data;
  return (
    <Stack gap="md" data-testid="deal-page" data-deal-id={dealId}>
      <Anchor component={Link} to="/crm/deals" size="sm">
        ← {t("deals.detail.back")}
      </Anchor>
      <ErrorAlert error={deal.error} />
      {d ? <DealDetail deal={d} /> : null}
    </Stack>
  );
}

function DealDetail({ deal: d }: { deal: DealDetailResponse }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const me = useMe();
  const duration = useDuration();
  const canWrite = hasPermission(me, "crm.write");
  const [editing, setEditing] = useState(false);
  const current = d.pipeline.stages.find((s) => s.id === d.stageId);
  const lastVisit = d.history[d.history.length - 1];
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{d.name}</Title>
            <Badge color={STATUS_COLORS[d.status]} data-testid="deal-status" data-status={d.status}>
              {t(`deals.status.${d.status}`)}
            </Badge>
          </Group>
          <Text c="dimmed" size="sm">
            {localName(d.pipeline, locale)} · {locale === "bn" ? d.stageNameBn : d.stageName}
            {lastVisit ? ` · ${t("deals.detail.inStageFor", { time: duration(lastVisit.seconds) })}` : ""}
          </Text>
        </Stack>
        {canWrite ? (
          <Button variant="light" onClick={() => setEditing(true)} data-testid="deal-edit">
            {t("deals.detail.edit")}
          </Button>
        ) : null}
      </Group>
      <StagePath deal={d} canWrite={canWrite} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
            <Fact label={t("deals.detail.account")}>
              <Anchor component={Link} to={`/crm/accounts/${d.accountId}`}>
                {d.accountName}
              </Anchor>
            </Fact>
            <Fact label={t("deals.detail.contact")}>
              {d.contactId ? (
                <Anchor component={Link} to={`/crm/contacts/${d.contactId}`}>
                  {d.contactName}
                </Anchor>
              ) : (
                "—"
              )}
            </Fact>
            <Fact label={t("deals.detail.amount")}>
              <span data-testid="deal-amount-value">{fmt.money(d.amountPoisha)}</span>
            </Fact>
            <Fact label={t("deals.detail.weighted")}>{fmt.money(d.weightedPoisha)}</Fact>
            <Fact label={t("deals.detail.expectedClose")}>{d.expectedClose ? fmt.date(d.expectedClose) : "—"}</Fact>
            <Fact label={t("deals.detail.owner")}>{d.ownerName ?? "—"}</Fact>
            <Fact label={t("deals.detail.territory")}>{d.territoryName ?? "—"}</Fact>
            {d.status === "lost" ? (
              <Fact label={t("deals.detail.lostReason")}>
                {(locale === "bn" ? d.lostReasonLabelBn : d.lostReasonLabel) ?? "—"}
                {d.lostNote ? ` · ${d.lostNote}` : ""}
              </Fact>
            ) : null}
          </SimpleGrid>
        </Paper>
        {current ? <PlaybookCard stage={current} /> : <div />}
      </SimpleGrid>
      <StageHistory deal={d} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ActivityPanel
          links={[
            { type: "deal", id: d.id },
            { type: "account", id: d.accountId },
            ...(d.contactId ? [{ type: "contact" as const, id: d.contactId }] : []),
          ]}
        />
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            {t("deals.detail.timeline")}
          </Title>
          <Timeline type="deal" id={d.id} />
        </Paper>
      </SimpleGrid>
      <EditDealModal deal={d} opened={editing} onClose={() => setEditing(false)} />
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** The pipeline's stages as a path: done, current, ahead. A click moves the deal (a lost stage asks why first). */
function StagePath({ deal: d, canWrite }: { deal: DealDetailResponse; canWrite: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [losing, setLosing] = useState<StageResponse | null>(null);
  const move = useMoveDeal({
    onSuccess: () => setLosing(null),
    onError: (e) => {
      if (!losing) notifications.show({ message: errorMessage(e, t("errors.generic")), color: "red" });
    },
  });
  const stages = progressStages(d.pipeline.stages, d);
  const go = (s: StageResponse) => {
    if (s.id === d.stageId) return;
    if (s.kind === "lost") {
      move.reset();
      setLosing(s);
    } else move.mutate({ id: d.id, body: { stageId: s.id, version: d.version } });
  };
  return (
    <Paper withBorder p="xs">
      <Group gap={6} data-testid="deal-stage-path">
        {stages.map((s) => {
          const state = stageState(stages, s.id, d.stageId);
          const color = s.kind === "lost" ? "red" : state === "ahead" ? "gray" : s.kind === "open" ? "blue" : "green";
          return (
            <Button
              key={s.id}
              size="xs"
              radius="xl"
              variant={state === "current" ? "filled" : state === "done" ? "light" : "outline"}
              color={color}
              disabled={!canWrite || move.isPending}
              onClick={() => go(s)}
              data-testid={`deal-stage-${s.id}`}
              data-state={state}
              aria-current={state === "current" ? "step" : undefined}
            >
              {localName(s, locale)}
            </Button>
          );
        })}
        {d.pipeline.stages
          .filter((s) => s.kind === "lost" && !stages.includes(s))
          .map((s) => (
            <Button
              key={s.id}
              size="xs"
              radius="xl"
              variant="subtle"
              color="red"
              disabled={!canWrite || move.isPending}
              onClick={() => go(s)}
              data-testid={`deal-stage-${s.id}`}
            >
              {localName(s, locale)}
            </Button>
          ))}
      </Group>
      <LoseDealModal
        opened={losing !== null}
        onClose={() => setLosing(null)}
        busy={move.isPending}
        error={losing ? move.error : null}
        onConfirm={(lostReasonId, note) =>
          losing &&
          move.mutate({
            id: d.id,
            body: { stageId: losing.id, version: d.version, lostReasonId, ...(note && { note }) },
          })
        }
      />
    </Paper>
  );
}

function PlaybookCard({ stage }: { stage: StageResponse }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const p = stage.playbook;
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const message = locale === "bn" ? p.messageBn || p.message : p.message || p.messageBn;
  const empty = !p.channel && !message && p.templates.length + p.content.length + p.checklist.length === 0;
  return (
    <Paper withBorder p="md" bg="var(--mantine-color-yellow-light)" data-testid="deal-playbook">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t("deals.detail.playbook", { stage: localName(stage, locale) })}</Title>
          {p.channel ? (
            <Badge size="lg" data-testid="playbook-channel">
              {t("deals.detail.channel", { channel: t(`deals.channel.${p.channel}`) })}
            </Badge>
          ) : null}
        </Group>
        {empty ? <Text c="dimmed">{t("deals.detail.noPlaybook")}</Text> : null}
        {message ? (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t("deals.detail.say")}
            </Text>
            <Text size="md" style={{ whiteSpace: "pre-wrap" }} data-testid="playbook-message">
              {message}
            </Text>
          </Stack>
        ) : null}
        {(["templates", "content"] as const).map((k) =>
          p[k].length > 0 ? (
            <Stack gap={2} key={k}>
              <Text size="xs" c="dimmed">
                {t(`deals.detail.${k}`)}
              </Text>
              <List size="sm">
                {p[k].map((l) => (
                  <List.Item key={l.url}>
                    <Anchor href={l.url} target="_blank" rel="noopener noreferrer">
                      {l.title}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            </Stack>
          ) : null,
        )}
        {p.checklist.length > 0 ? (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t("deals.detail.checklist")}
            </Text>
            {p.checklist.map((c, i) => (
              <Checkbox
                // biome-ignore lint/suspicious/noArrayIndexKey: checklist items are fixed text for this stage.
                key={i}
                label={locale === "bn" ? c.textBn : c.text}
                checked={ticked.has(i)}
                onChange={() =>
                  setTicked((s) => {
                    const n = new Set(s);
                    if (n.has(i)) n.delete(i);
                    else n.add(i);
                    return n;
                  })
                }
              />
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

function StageHistory({ deal: d }: { deal: DealDetailResponse }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const duration = useDuration();
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t("deals.detail.history")}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table data-testid="deal-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("deals.detail.progress")}</Table.Th>
              <Table.Th>{t("deals.detail.entered")}</Table.Th>
              <Table.Th>{t("deals.detail.left")}</Table.Th>
              <Table.Th>{t("deals.detail.timeInStage")}</Table.Th>
              <Table.Th>{t("deals.detail.by")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...d.history].reverse().map((h) => (
              <Table.Tr key={h.id} data-history-stage={h.stageId}>
                <Table.Td>
                  <Text size="sm">{locale === "bn" ? h.stageNameBn : h.stageName}</Text>
                  {h.lostReasonLabel || h.note ? (
                    <Text size="xs" c="dimmed">
                      {[locale === "bn" ? h.lostReasonLabelBn : h.lostReasonLabel, h.note].filter(Boolean).join(" · ")}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{fmt.dateTime(h.enteredAt)}</Table.Td>
                <Table.Td>{h.leftAt ? fmt.dateTime(h.leftAt) : t("deals.detail.stillHere")}</Table.Td>
                <Table.Td>{duration(h.seconds)}</Table.Td>
                <Table.Td>{h.actorName ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function EditDealModal({
  deal: d,
  opened,
  onClose,
}: {
  deal: DealDetailResponse;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(d.name);
  const [amount, setAmount] = useState(String(d.amountPoisha / 100));
  const [expectedClose, setExpectedClose] = useState(d.expectedClose ?? "");
  const update = useUpdateDeal({
    onSuccess: () => {
      notifications.show({ message: t("deals.detail.saved"), color: "green" });
      onClose();
    },
  });
  const poisha = takaToPoisha(amount);
  return (
    <Modal opened={opened} onClose={onClose} title={t("deals.detail.edit")}>
      <Stack gap="sm">
        <TextInput label={t("deals.form.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput
          label={t("deals.form.amount")}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          inputMode="decimal"
        />
        <TextInput
          type="date"
          label={t("deals.form.expectedClose")}
          value={expectedClose}
          onChange={(e) => setExpectedClose(e.currentTarget.value)}
        />
        <ErrorAlert error={update.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("deals.detail.cancel")}
          </Button>
          <Button
            loading={update.isPending}
            disabled={!name.trim() || poisha === null || Number.isNaN(poisha)}
            onClick={() =>
              poisha !== null &&
              update.mutate({
                id: d.id,
                body: { name: name.trim(), amountPoisha: poisha, expectedClose: expectedClose || null },
              })
            }
          >
            {t("deals.detail.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function DealRoute() {
  return (
    <RequirePermission permission="crm.read">
      <DealPage />
    </RequirePermission>
  );
}
