// Outlets proposed from the field wait here for a manager: see the shop (photos, where it is, who runs it, which
// beat it joins, who proposed it), then approve it (it becomes active, optionally with the distributor that will
// serve it) or reject it with a reason the rep will see.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  Group,
  Image,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { OnboardingDecisionRequest, type OnboardingResponse } from "../../../shared/contracts/field.ts";
import { CHANNELS } from "../../../shared/contracts/network.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyListText } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText } from "../../ui/formatted-values.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { escapeHtml } from "../network/map-tiles.ts";
import { BADGE_NO_SHRINK, localName } from "../network/network-labels.ts";
import { OutletLink } from "../network/network-links.tsx";
import { useDistributors } from "../network/use-distributors.ts";
import { FieldMap } from "./field-map.tsx";
import {
  type OnboardingStatus,
  outletPhotoUrl,
  useDecideOnboarding,
  useMapTiles,
  useOnboardingQueue,
} from "./use-field-manager.ts";

const route = getRouteApi("/_app/field-onboarding");

const STATUSES: OnboardingStatus[] = ["pending", "approved", "rejected"];
const STATUS_COLORS: Record<OnboardingStatus, string> = { pending: "yellow", approved: "teal", rejected: "gray" };

type Dialog = { kind: "approve" | "reject"; item: OnboardingResponse } | null;

export function OnboardingQueuePage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const status: OnboardingStatus = search.status ?? "pending";
  const queue = useOnboardingQueue(status);
  const [dialog, setDialog] = useState<Dialog>(null);
  const items = queue.data ?? [];

  return (
    <Stack gap="md" data-testid="onboarding-queue">
      <div>
        <Title order={2}>{t("field.onboarding.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("field.onboarding.intro")}
        </Text>
      </div>
      <Tabs
        value={status}
        onChange={(v) =>
          navigate({
            search: { status: v === "approved" || v === "rejected" ? v : undefined },
            replace: true,
          })
        }
      >
        <Tabs.List>
          {STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s} data-testid={`onboarding-tab-${s}`}>
              {t(`field.onboarding.status.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <ErrorAlert error={queue.error} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {items.map((item) => (
          <ProposalCard
            key={item.outletId}
            item={item}
            onApprove={() => setDialog({ kind: "approve", item })}
            onReject={() => setDialog({ kind: "reject", item })}
          />
        ))}
      </SimpleGrid>
      {!queue.isPending && items.length === 0 ? (
        <EmptyListText>{t(`field.onboarding.empty.${status}`)}</EmptyListText>
      ) : null}
      <DecisionModal dialog={dialog} onClose={() => setDialog(null)} />
    </Stack>
  );
}

function ProposalCard({
  item,
  onApprove,
  onReject,
}: {
  item: OnboardingResponse;
  onApprove: () => void;
  onReject: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const [showMap, setShowMap] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);
  const tiles = useMapTiles(showMap && hasPermission(me, "network.read"));
  const name = localName(item, locale);
  const otherName = locale === "bn" ? item.name : item.nameBn;
  const hasPoint = item.lat !== null && item.lng !== null;

  return (
    <Card withBorder padding="md" data-testid="onboarding-card" data-outlet-id={item.outletId}>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6} w={140} style={{ flexShrink: 0 }}>
          {item.photoIds.length > 0 ? (
            item.photoIds.map((id, i) => (
              <Anchor
                key={id}
                component="button"
                type="button"
                onClick={() => setPhoto(id)}
                aria-label={t("field.onboarding.openPhoto")}
              >
                <Image
                  src={outletPhotoUrl(id)}
                  alt={t("field.onboarding.photoAlt", { name })}
                  h={i === 0 ? 120 : 60}
                  w={140}
                  fit="cover"
                  radius="sm"
                  data-testid="onboarding-photo"
                />
              </Anchor>
            ))
          ) : (
            <Center h={120} w={140} bg="gray.1" style={{ borderRadius: 4 }}>
              <Text size="xs" c="dimmed" ta="center">
                {t("field.onboarding.noPhoto")}
              </Text>
            </Center>
          )}
        </Stack>
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Group justify="space-between" wrap="nowrap" gap="xs">
            {item.status === "approved" ? (
              <OutletLink id={item.outletId} fw={600} truncate>
                {name}
              </OutletLink>
            ) : (
              <Text fw={600} truncate data-testid="onboarding-name">
                {name}
              </Text>
            )}
            <Badge color={STATUS_COLORS[item.status]} variant="light" tt="none" styles={BADGE_NO_SHRINK}>
              {t(`field.onboarding.status.${item.status}`)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {otherName} · <span style={{ fontFamily: "monospace" }}>{item.code}</span>
          </Text>
          <Detail label={t("field.onboarding.owner")}>
            {item.ownerName}
            {item.phone ? ` · ${item.phone}` : ""}
          </Detail>
          <Detail label={t("field.onboarding.channel")}>{channelLabel(item.channel, t)}</Detail>
          {item.address ? <Detail label={t("field.onboarding.address")}>{item.address}</Detail> : null}
          <Detail label={t("field.onboarding.route")}>{item.routeName ?? "—"}</Detail>
          <Detail label={t("field.onboarding.proposedBy")}>
            {item.requestedByName} · <DateTimeText value={item.requestedAt} />
          </Detail>
          <Detail label={t("field.onboarding.location")}>
            {hasPoint ? (
              <>
                {/* Five decimals place a shop to about a metre; fewer would move it down the street. */}
                <Text span size="sm" ff="monospace">
                  {item.lat?.toFixed(5)}, {item.lng?.toFixed(5)}
                </Text>{" "}
                <Anchor component="button" type="button" size="sm" onClick={() => setShowMap((v) => !v)}>
                  {t(showMap ? "field.onboarding.hideMap" : "field.onboarding.showMap")}
                </Anchor>
              </>
            ) : (
              t("field.onboarding.noLocation")
            )}
          </Detail>
          {item.decidedAt ? (
            <Detail label={t("field.onboarding.decidedAt")}>
              <DateTimeText value={item.decidedAt} />
            </Detail>
          ) : null}
          {item.rejectReason ? <Detail label={t("field.onboarding.rejectReason")}>{item.rejectReason}</Detail> : null}
        </Stack>
      </Group>
      {showMap && hasPoint ? (
        <Card.Section mt="sm">
          <FieldMap
            markers={[
              {
                id: item.outletId,
                lat: item.lat ?? 0,
                lng: item.lng ?? 0,
                color: "#e8590c",
                popupHtml: `<strong>${escapeHtml(name)}</strong><br>${escapeHtml(item.ownerName)}`,
              },
            ]}
            tiles={tiles.data}
            fitKey={item.outletId}
            height={220}
            testId="onboarding-map"
          />
        </Card.Section>
      ) : null}
      {item.status === "pending" ? (
        <Group justify="flex-end" mt="sm" gap="xs">
          <Button variant="default" color="red" onClick={onReject} data-testid="onboarding-reject">
            {t("field.onboarding.reject")}
          </Button>
          <Button color="teal" onClick={onApprove} data-testid="onboarding-approve">
            {t("field.onboarding.approve")}
          </Button>
        </Group>
      ) : null}
      <Modal opened={photo !== null} onClose={() => setPhoto(null)} title={name} size="lg" centered>
        {photo ? <Image src={outletPhotoUrl(photo)} alt={t("field.onboarding.photoAlt", { name })} /> : null}
      </Modal>
    </Card>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {label}:
      </Text>{" "}
      {children}
    </Text>
  );
}

/** The network's channel names; a channel the web app does not know yet is shown as it came. */
function channelLabel(channel: string, t: TFunction): string {
  const known = CHANNELS.find((c) => c === channel);
  return known ? t(`network.channel.${known}`) : channel;
}

function DecisionModal({ dialog, onClose }: { dialog: Dialog; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Modal
      opened={dialog !== null}
      onClose={onClose}
      title={
        dialog
          ? t(dialog.kind === "approve" ? "field.onboarding.approveTitle" : "field.onboarding.rejectTitle", {
              name: localName(dialog.item, locale),
            })
          : ""
      }
      centered
    >
      {dialog ? <DecisionForm key={`${dialog.kind}-${dialog.item.outletId}`} dialog={dialog} onDone={onClose} /> : null}
    </Modal>
  );
}

function DecisionForm({ dialog, onDone }: { dialog: NonNullable<Dialog>; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const [distributorId, setDistributorId] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const distributors = useDistributors({ status: "active" }, 200);
  const decide = useDecideOnboarding({ meta: { inlineError: true } });
  const name = localName(dialog.item, locale);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = OnboardingDecisionRequest.safeParse(
      dialog.kind === "approve"
        ? { decision: "approve", ...(distributorId ? { distributorId } : {}) }
        : { decision: "reject", reason },
    );
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, t, fmt));
      return;
    }
    setErrors({});
    decide.mutate(
      { outletId: dialog.item.outletId, body: parsed.data },
      {
        onSuccess: () => {
          notifications.show({
            color: dialog.kind === "approve" ? "teal" : "gray",
            message: t(dialog.kind === "approve" ? "field.onboarding.approved" : "field.onboarding.rejected", {
              name,
            }),
          });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {dialog.kind === "approve" ? (
          <>
            <Text size="sm">{t("field.onboarding.approveHint")}</Text>
            <Select
              label={t("field.onboarding.distributor")}
              description={t("field.onboarding.distributorHint")}
              placeholder={t("field.onboarding.distributorNone")}
              searchable
              clearable
              value={distributorId}
              onChange={setDistributorId}
              nothingFoundMessage={t("common.nothingFound")}
              data={(distributors.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({
                value: d.id,
                label: `${localName(d, locale)} · ${d.code}`,
              }))}
              comboboxProps={{ withinPortal: true }}
              data-testid="onboarding-distributor"
            />
          </>
        ) : (
          <Textarea
            label={t("field.onboarding.reason")}
            description={t("field.onboarding.reasonHint")}
            required
            autosize
            minRows={2}
            maxLength={300}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            data-testid="onboarding-reason"
          />
        )}
        <ErrorAlert error={decide.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            color={dialog.kind === "approve" ? "teal" : "red"}
            loading={decide.isPending}
            data-testid="onboarding-confirm"
          >
            {t(dialog.kind === "approve" ? "field.onboarding.approve" : "field.onboarding.reject")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
