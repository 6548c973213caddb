import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, type ReactElement, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { AssignOutletRequest, type OutletDetailResponse } from "../../../shared/contracts/network.ts";
import { businessDate } from "../../../shared/format.ts";
import { ConfirmModal } from "../../ui/confirm-button.tsx";
import { EmptyListText } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, DateTimeText, Money } from "../../ui/formatted-values.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { localName, STATUS_COLORS } from "./network-labels.ts";
import { BackLink, DistributorLink } from "./network-links.tsx";
import { OutletFormModal } from "./outlet-form-modal.tsx";
import { ChannelBadge } from "./outlet-list-page.tsx";
import { useDistributors } from "./use-distributors.ts";
import { useArchiveOutlet, useAssignOutlet, useOutlet, useOutletTimeline } from "./use-outlets.ts";

const route = getRouteApi("/_app/outlets/$outletId");

export function OutletDetailPage(): ReactElement {
  const { t } = useTranslation();
  const { outletId } = route.useParams();
  const me = useMe();
  const canWrite = hasPermission(me, "network.write");
  const outlet = useOutlet(outletId);
  const fmt = useFormat();
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const archive = useArchiveOutlet({
    onSuccess: () => notifications.show({ color: "teal", message: t("network.outlets.archived") }),
  });

  if (outlet.isPending) return <Loader />;
  if (outlet.error || !outlet.data) return <ErrorAlert error={outlet.error} />;
  const o = outlet.data;
  const pair = (name: string | null, nameBn: string | null) =>
    name ? localName({ name, nameBn: nameBn ?? "" }, fmt.locale) : "—";

  return (
    <Stack gap="md">
      <BackLink to="/outlets">← {t("network.outlets.title")}</BackLink>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} data-testid="outlet-title">
            {localName(o, fmt.locale)}
          </Title>
          <Text c="dimmed">
            {fmt.locale === "bn" ? o.name : o.nameBn} · <span style={{ fontFamily: "monospace" }}>{o.code}</span>
          </Text>
        </div>
        <Group gap="xs">
          <Badge color={STATUS_COLORS[o.status]} variant="light" tt="none" size="lg">
            {t(`network.status.${o.status}`)}
          </Badge>
          {canWrite && o.status !== "archived" ? (
            <>
              <Button variant="default" onClick={() => setEditing(true)} data-testid="outlet-edit">
                {t("common.edit")}
              </Button>
              <Button variant="light" color="red" onClick={() => setArchiving(true)} data-testid="outlet-archive">
                {t("network.archive")}
              </Button>
            </>
          ) : null}
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder>
          <Stack gap={6}>
            <Fact label={t("network.fields.owner")}>{o.ownerName}</Fact>
            <Fact label={t("network.fields.phone")}>{o.phone ?? "—"}</Fact>
            <Fact label={t("network.fields.channel")}>
              <ChannelBadge channel={o.channel} />
            </Fact>
            <Fact label={t("network.fields.class")}>{o.class}</Fact>
            <Fact label={t("network.fields.creditLimit")}>
              {o.creditLimitPoisha === null ? "—" : <Money poisha={o.creditLimitPoisha} />}
            </Fact>
            <Fact label={t("network.fields.address")}>
              {[o.address, o.upazila, o.district, o.division].filter(Boolean).join(", ") || "—"}
            </Fact>
            <Fact label={t("network.fields.location")}>
              {o.lat !== null && o.lng !== null ? `${fmt.number(o.lat)}, ${fmt.number(o.lng)}` : "—"}
            </Fact>
          </Stack>
        </Card>
        <Card withBorder>
          <Stack gap={6}>
            <Text fw={600}>{t("network.outlets.servedBy")}</Text>
            <Fact label={t("network.fields.distributor")}>
              {o.distributorId ? (
                <DistributorLink id={o.distributorId}>{pair(o.distributorName, o.distributorNameBn)}</DistributorLink>
              ) : (
                "—"
              )}
            </Fact>
            <Fact label={t("network.fields.route")}>{pair(o.routeName, o.routeNameBn)}</Fact>
            {canWrite && o.status !== "archived" ? <ReassignForm outlet={o} /> : null}
          </Stack>
        </Card>
      </SimpleGrid>

      <Card withBorder>
        <Text fw={600} mb="xs">
          {t("network.outlets.history")}
        </Text>
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={4} data-testid="assignment-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("network.outlets.from")}</Table.Th>
                <Table.Th>{t("network.fields.distributor")}</Table.Th>
                <Table.Th>{t("network.fields.route")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.assignments.map((a) => (
                <Table.Tr key={a.id} data-testid="assignment-row">
                  <Table.Td>
                    <DateText value={a.effectiveFrom} />
                  </Table.Td>
                  <Table.Td>{pair(a.distributorName, a.distributorNameBn)}</Table.Td>
                  <Table.Td>{pair(a.routeName, a.routeNameBn)}</Table.Td>
                  <Table.Td>
                    {!a.inForce ? (
                      <Badge variant="light" color="yellow" tt="none">
                        {t("network.outlets.scheduled")}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {o.assignments.length === 0 ? <EmptyListText>{t("network.outlets.noAssignments")}</EmptyListText> : null}
      </Card>

      <OutletTimeline id={o.id} />

      <OutletFormModal opened={editing} outlet={o} onClose={() => setEditing(false)} />
      <ConfirmModal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={t("network.archive")}
        message={t("network.outlets.archiveConfirm", { name: localName(o, fmt.locale) })}
        confirmLabel={t("network.archive")}
        color="red"
        loading={archive.isPending}
        onConfirm={() => {
          archive.mutate(o.id);
          setArchiving(false);
        }}
      />
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

function ReassignForm({ outlet }: { outlet: OutletDetailResponse }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const [distributorId, setDistributorId] = useState<string | null>(outlet.distributorId);
  const [routeId, setRouteId] = useState<string | null>(outlet.routeId);
  const [effectiveFrom, setEffectiveFrom] = useState(businessDate());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const distributors = useDistributors({}, 200);
  const assign = useAssignOutlet({
    meta: { inlineError: true },
    onSuccess: () => {
      setOpen(false);
      notifications.show({ color: "teal", message: t("network.outlets.reassigned") });
    },
  });
  if (!open)
    return (
      <Button variant="light" mt="xs" w="fit-content" onClick={() => setOpen(true)} data-testid="outlet-reassign">
        {t("network.outlets.reassign")}
      </Button>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = AssignOutletRequest.safeParse({ distributorId, routeId, effectiveFrom });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
    setErrors({});
    assign.mutate({ id: outlet.id, body: parsed.data });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" mt="xs" data-testid="reassign-form">
        <ErrorAlert error={assign.error} />
        <Select
          label={t("network.fields.distributor")}
          searchable
          required
          value={distributorId}
          error={errors.distributorId}
          onChange={setDistributorId}
          data={(distributors.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({
            value: d.id,
            label: `${d.code} · ${localName(d, fmt.locale)}`,
          }))}
          data-testid="reassign-distributor"
        />
        <TerritoryPicker
          label={t("network.fields.route")}
          value={routeId}
          onChange={setRouteId}
          error={errors.routeId}
        />
        <TextInput
          type="date"
          label={t("network.outlets.effectiveFrom")}
          description={t("network.outlets.effectiveHint")}
          value={effectiveFrom}
          error={errors.effectiveFrom}
          onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
          data-testid="reassign-date"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={assign.isPending} data-testid="reassign-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function OutletTimeline({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const timeline = useOutletTimeline(id);
  const label = (action: string) =>
    i18n.exists(`network.timeline.${action}`) ? t(`network.timeline.${action}` as "network.timeline.create") : action;
  return (
    <Card withBorder>
      <Text fw={600} mb="xs">
        {t("network.outlets.timeline")}
      </Text>
      <ErrorAlert error={timeline.error} />
      <Timeline bulletSize={14} lineWidth={2} data-testid="outlet-timeline">
        {(timeline.data ?? []).map((e) => (
          <Timeline.Item key={e.id} title={label(e.action)}>
            <Text size="xs" c="dimmed">
              <DateTimeText value={e.at} />
              {e.actorName ? ` · ${e.actorName}` : ""}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
