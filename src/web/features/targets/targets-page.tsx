// /targets: the targets of a month or quarter in the caller's scope, each with what was achieved (a bar), the run-rate
// and what is still needed per business day. Managers edit a target in its row, import a CSV (every row's problem
// shown, nothing imported until all are right) and split a territory's target into its parts, previewed first.
import {
  Badge,
  Button,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  SPLIT_INTO,
  type SplitInto,
  type SplitResponse,
  TARGET_METRICS,
  TARGET_SUBJECT_KINDS,
} from "../../../shared/contracts/targets.ts";
import { businessDate } from "../../../shared/format.ts";
import { isApiError, newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ConfirmModal } from "../../ui/confirm-button.tsx";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { barOf, editableOf, metricFigure, periodStartFor, STATUS_COLORS, storedOf } from "./target-display.ts";
import type { TargetsSearch } from "./targets-routes.tsx";
import {
  type TargetItem,
  useDeleteTarget,
  useImportTargets,
  useSetTargets,
  useSplitTarget,
  useTargets,
} from "./use-targets.ts";

const route = getRouteApi("/_app/targets");
const ALL = "all";

export function TargetsRoute() {
  return (
    <RequirePermission permission="targets.read">
      <TargetsPage />
    </RequirePermission>
  );
}

function TargetsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<TargetsSearch>) =>
    void navigate({ search: (s: TargetsSearch) => ({ ...s, ...patch }), replace: true });
  const periodKind = search.periodKind ?? "month";
  const month = search.month ?? businessDate().slice(0, 7);
  const list = useTargets({
    periodKind,
    period: periodStartFor(periodKind, month),
    subjectKind: search.subjectKind,
    metric: search.metric,
  });
  const canManage = hasPermission(me, "targets.manage");
  const [importing, setImporting] = useState(false);
  const [splitting, setSplitting] = useState<TargetItem | null>(null);
  const data = list.data;
  const first = data?.items[0];
  return (
    <Stack gap="md" data-testid="targets-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t("targets.title")}</Title>
          {data ? (
            <Text c="dimmed" size="sm">
              {t("targets.subtitle", {
                from: fmt.date(data.periodStart),
                to: fmt.date(data.periodEnd),
                elapsed: fmt.number(first?.elapsedBusinessDays ?? 0),
                total: fmt.number(first?.businessDays ?? 0),
              })}
            </Text>
          ) : null}
        </div>
        {canManage ? (
          <Button variant="light" onClick={() => setImporting(true)} data-testid="targets-import-open">
            {t("targets.import.open")}
          </Button>
        ) : null}
      </Group>
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          value={periodKind}
          onChange={(v) => setSearch({ periodKind: v === "quarter" ? "quarter" : "month" })}
          data={[
            { value: "month", label: t("targets.periodKind.month") },
            { value: "quarter", label: t("targets.periodKind.quarter") },
          ]}
        />
        <TextInput
          type="month"
          label={t("targets.month")}
          value={month}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (/^\d{4}-\d{2}$/.test(v)) setSearch({ month: v });
          }}
          data-testid="targets-month"
        />
        <Select
          label={t("targets.subjectKindLabel")}
          value={search.subjectKind ?? ALL}
          onChange={(v) => setSearch({ subjectKind: TARGET_SUBJECT_KINDS.find((k) => k === v) })}
          data={[
            { value: ALL, label: t("targets.all") },
            ...TARGET_SUBJECT_KINDS.map((k) => ({ value: k, label: t(`targets.subjectKind.${k}`) })),
          ]}
          allowDeselect={false}
        />
        <Select
          label={t("targets.metricLabel")}
          value={search.metric ?? ALL}
          onChange={(v) => setSearch({ metric: TARGET_METRICS.find((m) => m === v) })}
          data={[
            { value: ALL, label: t("targets.all") },
            ...TARGET_METRICS.map((m) => ({ value: m, label: t(`targets.metric.${m}`) })),
          ]}
          allowDeselect={false}
        />
      </Group>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Paper withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="targets-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("targets.col.subject")}</Table.Th>
                <Table.Th>{t("targets.col.metric")}</Table.Th>
                <Table.Th ta="right">{t("targets.col.target")}</Table.Th>
                <Table.Th ta="right">{t("targets.col.achieved")}</Table.Th>
                <Table.Th>{t("targets.col.progress")}</Table.Th>
                <Table.Th ta="right">{t("targets.col.projected")}</Table.Th>
                <Table.Th ta="right">{t("targets.col.requiredDaily")}</Table.Th>
                <Table.Th>{t("targets.col.status")}</Table.Th>
                {canManage ? <Table.Th /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data && data.items.length === 0 ? (
                <EmptyTableRow colSpan={canManage ? 9 : 8}>{t("targets.empty")}</EmptyTableRow>
              ) : null}
              {data?.items.map((item) => (
                <TargetRow
                  key={item.id}
                  item={item}
                  canManage={canManage}
                  future={item.periodStart > businessDate()}
                  onSplit={() => setSplitting(item)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
      {splitting ? <SplitModal parent={splitting} onClose={() => setSplitting(null)} /> : null}
    </Stack>
  );
}

function TargetRow(props: { item: TargetItem; canManage: boolean; future: boolean; onSplit: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const { item } = props;
  const [editing, setEditing] = useState<number | string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const save = useSetTargets({
    onSuccess: () => {
      setEditing(null);
      notifications.show({ color: "teal", message: t("targets.saved") });
    },
  });
  const remove = useDeleteTarget({
    onSuccess: () => notifications.show({ color: "teal", message: t("targets.deleted") }),
  });
  const figure = (v: number | null) => metricFigure(item.metric, v, fmt);
  const submit = () => {
    const stored = storedOf(item.metric, Number(editing));
    if (stored === null) {
      notifications.show({ color: "red", message: t("targets.badFigure") });
      return;
    }
    save.mutate({
      targets: [
        {
          periodKind: item.periodKind,
          periodStart: item.periodStart,
          subjectKind: item.subjectKind,
          subjectId: item.subjectId,
          metric: item.metric,
          skuId: item.skuId,
          targetValue: stored,
        },
      ],
    });
  };
  return (
    <Table.Tr data-testid={`target-row-${item.id}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {localName({ name: item.subjectName, nameBn: item.subjectNameBn }, locale)}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`targets.subjectKind.${item.subjectKind}`)} · {item.subjectCode} · {t(`targets.source.${item.source}`)}
        </Text>
      </Table.Td>
      <Table.Td>
        {t(`targets.metric.${item.metric}`)}
        {item.skuCode ? ` · ${item.skuCode}` : ""}
      </Table.Td>
      <Table.Td ta="right" data-testid="target-value">
        {editing !== null ? (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <NumberInput
              size="xs"
              w={130}
              min={0}
              value={editing}
              onChange={setEditing}
              decimalScale={item.metric === "value" || item.metric === "coverage" ? 2 : 0}
              data-testid="target-edit-input"
            />
            <Button size="xs" onClick={submit} loading={save.isPending} data-testid="target-edit-save">
              {t("targets.save")}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setEditing(null)}>
              {t("targets.cancel")}
            </Button>
          </Group>
        ) : (
          figure(item.targetValue)
        )}
        {save.error ? <ErrorAlert error={save.error} /> : null}
      </Table.Td>
      <Table.Td ta="right" data-testid="target-achieved">
        {figure(item.achieved)}
      </Table.Td>
      <Table.Td miw={140}>
        <Progress
          value={barOf(item.achievedBp)}
          color={STATUS_COLORS[item.status]}
          size="lg"
          data-testid="target-bar"
        />
        <Text size="xs" c="dimmed" data-testid="target-achieved-pct">
          {item.achievedBp === null ? "—" : `${fmt.number(item.achievedBp / 100)}%`}
        </Text>
      </Table.Td>
      <Table.Td ta="right" data-testid="target-projected">
        {figure(item.projected)}
      </Table.Td>
      <Table.Td ta="right">{figure(item.requiredDaily)}</Table.Td>
      <Table.Td>
        <Badge
          color={STATUS_COLORS[item.status]}
          variant="light"
          tt="none"
          miw="max-content"
          data-testid="target-status"
        >
          {t(`targets.status.${item.status}`)}
        </Badge>
      </Table.Td>
      {props.canManage ? (
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            {editing === null ? (
              <Button
                size="xs"
                variant="subtle"
                onClick={() => setEditing(editableOf(item.metric, item.targetValue))}
                data-testid="target-edit-open"
              >
                {t("targets.edit")}
              </Button>
            ) : null}
            {item.subjectKind === "territory" && item.metric !== "coverage" ? (
              <Button size="xs" variant="subtle" onClick={props.onSplit} data-testid="target-split-open">
                {t("targets.split.open")}
              </Button>
            ) : null}
            {props.future ? (
              <Button size="xs" variant="subtle" color="red" onClick={() => setConfirming(true)}>
                {t("targets.delete")}
              </Button>
            ) : null}
          </Group>
          <ConfirmModal
            opened={confirming}
            onClose={() => setConfirming(false)}
            title={t("targets.delete")}
            message={t("targets.deleteConfirm")}
            confirmLabel={t("targets.delete")}
            color="red"
            loading={remove.isPending}
            onConfirm={() => remove.mutate({ id: item.id }, { onSettled: () => setConfirming(false) })}
          />
        </Table.Td>
      ) : null}
    </Table.Tr>
  );
}

interface RowProblem {
  row: number;
  column: string | null;
  message: string;
}

function ImportModal(props: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [csv, setCsv] = useState("");
  const [key, setKey] = useState(newIdempotencyKey);
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const run = useImportTargets({
    onSuccess: (r) => {
      notifications.show({ color: "teal", message: t("targets.import.done", { count: fmt.number(r.imported) }) });
      setCsv("");
      setProblems([]);
      setKey(newIdempotencyKey());
      props.onClose();
    },
    onError: (e) => {
      setKey(newIdempotencyKey());
      const errors = isApiError(e) ? e.details?.errors : undefined;
      setProblems(Array.isArray(errors) ? (errors as RowProblem[]) : []);
    },
  });
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={t("targets.import.title")} size="xl">
      <Stack gap="sm">
        <Text size="sm">{t("targets.import.help")}</Text>
        <FileInput
          label={t("targets.import.file")}
          accept=".csv,text/csv"
          onChange={(file) => void file?.text().then(setCsv)}
          data-testid="targets-import-file"
        />
        <Textarea
          label={t("targets.import.paste")}
          autosize
          minRows={4}
          maxRows={12}
          value={csv}
          onChange={(e) => setCsv(e.currentTarget.value)}
          styles={{ input: { fontFamily: "monospace" } }}
          data-testid="targets-import-csv"
        />
        {problems.length > 0 ? (
          <Stack gap={4} data-testid="targets-import-problems">
            <Text c="red" fw={500}>
              {t("targets.import.problems")}
            </Text>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("targets.import.row")}</Table.Th>
                  <Table.Th>{t("targets.import.column")}</Table.Th>
                  <Table.Th>{t("targets.import.problem")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {problems.map((p) => (
                  <Table.Tr key={`${p.row}-${p.column}-${p.message}`}>
                    <Table.Td>{fmt.number(p.row)}</Table.Td>
                    <Table.Td>{p.column ?? "—"}</Table.Td>
                    <Table.Td>{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ) : run.error ? (
          <ErrorAlert error={run.error} />
        ) : null}
        <Group justify="flex-end">
          <Button
            onClick={() => run.mutate({ csv, idempotencyKey: key })}
            loading={run.isPending}
            disabled={csv.trim() === ""}
            data-testid="targets-import-submit"
          >
            {t("targets.import.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SplitModal(props: { parent: TargetItem; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const { parent } = props;
  const [into, setInto] = useState<SplitInto>("territories");
  const [preview, setPreview] = useState<SplitResponse | null>(null);
  const body = (apply: boolean) => ({
    periodKind: parent.periodKind,
    periodStart: parent.periodStart,
    territoryId: parent.subjectId,
    metric: parent.metric,
    skuId: parent.skuId,
    into,
    apply,
  });
  const split = useSplitTarget({
    onSuccess: (r) => {
      if (!r.applied) {
        setPreview(r);
        return;
      }
      notifications.show({ color: "teal", message: t("targets.split.applied", { count: fmt.number(r.parts.length) }) });
      props.onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t("targets.split.title", {
        name: localName({ name: parent.subjectName, nameBn: parent.subjectNameBn }, locale),
      })}
      size="lg"
    >
      <Stack gap="sm" data-testid="targets-split">
        <Group align="flex-end">
          <Select
            label={t("targets.split.into")}
            value={into}
            onChange={(v) => {
              const next = SPLIT_INTO.find((i) => i === v);
              if (next) setInto(next);
              setPreview(null);
            }}
            data={SPLIT_INTO.map((i) => ({ value: i, label: t(`targets.split.intoOption.${i}`) }))}
            allowDeselect={false}
          />
          <Button
            variant="light"
            onClick={() => split.mutate({ body: body(false), idempotencyKey: newIdempotencyKey() })}
            loading={split.isPending && !split.variables?.body.apply}
            data-testid="targets-split-preview"
          >
            {t("targets.split.preview")}
          </Button>
        </Group>
        {split.error ? <ErrorAlert error={split.error} /> : null}
        {preview ? (
          <>
            <Text size="sm">{t(`targets.split.basis.${preview.basis}`)}</Text>
            <Table.ScrollContainer minWidth={400} mah={360}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("targets.col.subject")}</Table.Th>
                    <Table.Th ta="right">{t("targets.split.lastYear")}</Table.Th>
                    <Table.Th ta="right">{t("targets.split.part")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.parts.map((p) => (
                    <Table.Tr key={p.subjectId}>
                      <Table.Td>
                        {localName({ name: p.subjectName, nameBn: p.subjectNameBn }, locale)}
                        <Text size="xs" c="dimmed">
                          {p.subjectCode}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{metricFigure(parent.metric, p.lastYear, fmt)}</Table.Td>
                      <Table.Td ta="right">{metricFigure(parent.metric, p.targetValue, fmt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="flex-end">
              <Button
                onClick={() => split.mutate({ body: body(true), idempotencyKey: newIdempotencyKey() })}
                loading={split.isPending && split.variables?.body.apply === true}
                data-testid="targets-split-apply"
              >
                {t("targets.split.apply")}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Modal>
  );
}
