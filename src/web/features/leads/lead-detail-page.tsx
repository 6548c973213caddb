// One lead (/crm/leads/$leadId): its details, where it came from (form, UTM, referrer, landing page, ref code), its
// status and owner, possible duplicates with a merge, the activity panel and timeline, and the conversion to an
// account, a contact and (optionally) a deal.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  Modal,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { type ReactElement, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { LEAD_SETTABLE_STATUSES, type LeadResponse } from "../../../shared/contracts/leads.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { ActivityPanel } from "../activities/activity-panel.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { Timeline } from "../crm/timeline.tsx";
import { useAccounts } from "../crm/use-crm.ts";
import { isOpenLead, STATUS_COLOR, utmLine } from "./lead-display.ts";
import { useConvertLead, useLead, useLeadDuplicates, useMergeLeads, useUpdateLead } from "./use-leads.ts";

const route = getRouteApi("/_app/crm/leads/$leadId");

function Fact({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children ?? "—"}</Text>
    </div>
  );
}

export function LeadDetailPage(): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { leadId } = route.useParams();
  const me = useMe();
  const canWrite = hasPermission(me, "crm.write");
  const lead = useLead(leadId);
  const [converting, setConverting] = useState(false);
  const [merging, setMerging] = useState(false);
  const update = useUpdateLead(leadId, {
    onSuccess: () => notifications.show({ color: "teal", message: t("leads.saved") }),
  });
  if (lead.isPending) return <Loader />;
  if (lead.error || !lead.data) return <ErrorAlert error={lead.error} />;
  const l = lead.data;
  const open = isOpenLead(l);

  return (
    <Stack gap="md">
      <Link to="/crm/leads">← {t("leads.inbox.title")}</Link>
      <Group justify="space-between" align="flex-start">
        <Group gap="xs">
          <Title order={2} data-testid="lead-title">
            {l.name}
          </Title>
          <Badge color={STATUS_COLOR[l.status]} variant="light" data-testid="lead-status">
            {t(`leads.status.${l.status}`)}
          </Badge>
        </Group>
        {canWrite && open ? (
          <Group gap="xs">
            {l.ownerUserId !== me?.id && me ? (
              <Button
                variant="default"
                loading={update.isPending}
                onClick={() => update.mutate({ ownerUserId: me.id })}
              >
                {t("leads.detail.takeIt")}
              </Button>
            ) : null}
            <Select
              aria-label={t("leads.fields.status")}
              value={l.status}
              onChange={(s) => s && update.mutate({ status: s as (typeof LEAD_SETTABLE_STATUSES)[number] })}
              data={LEAD_SETTABLE_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))}
              w={170}
              data-testid="lead-status-select"
            />
            <Button onClick={() => setConverting(true)} data-testid="lead-convert">
              {t("leads.convert.open")}
            </Button>
          </Group>
        ) : null}
      </Group>
      <ErrorAlert error={update.error} />
      {l.status === "converted" ? <ConvertedLinks lead={l} /> : null}
      {l.status === "merged" && l.mergedIntoId ? (
        <Text size="sm">
          {t("leads.detail.mergedInto")}{" "}
          <Link to="/crm/leads/$leadId" params={{ leadId: l.mergedIntoId }}>
            {t("leads.detail.survivor")}
          </Link>
        </Text>
      ) : null}
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <Fact label={t("leads.fields.company")}>{l.company}</Fact>
          <Fact label={t("leads.fields.title")}>{l.title}</Fact>
          <Fact label={t("leads.fields.phone")}>{l.phone}</Fact>
          <Fact label={t("leads.fields.email")}>{l.email}</Fact>
          <Fact label={t("leads.fields.district")}>{l.district}</Fact>
          <Fact label={t("leads.fields.owner")}>{l.ownerName ?? t("leads.inbox.unassigned")}</Fact>
          <Fact label={t("leads.fields.territory")}>{l.territoryName}</Fact>
          <Fact label={t("leads.fields.source")}>{l.formName ?? t(`leads.source.${l.source}`)}</Fact>
          <Fact label={t("leads.fields.created")}>{fmt.dateTime(l.createdAt)}</Fact>
        </SimpleGrid>
        {l.message ? (
          <Text mt="sm" size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {l.message}
          </Text>
        ) : null}
      </Card>
      <Card withBorder data-testid="lead-utm">
        <Text fw={600} mb="xs">
          {t("leads.detail.origin")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <Fact label={t("leads.detail.utm")}>{utmLine(l.utm)}</Fact>
          <Fact label="utm_term">{l.utm.term}</Fact>
          <Fact label="utm_content">{l.utm.content}</Fact>
          <Fact label={t("leads.detail.referrer")}>{l.referrerUrl}</Fact>
          <Fact label={t("leads.detail.landing")}>{l.landingUrl}</Fact>
          <Fact label={t("leads.detail.ref")}>{l.referralCode}</Fact>
        </SimpleGrid>
      </Card>
      {l.duplicateCount > 0 && open ? (
        <DuplicatesCard lead={l} canMerge={canWrite} onMerge={() => setMerging(true)} />
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ActivityPanel links={[{ type: "lead", id: l.id }]} />
        <Timeline type="lead" id={l.id} />
      </SimpleGrid>
      {converting ? <ConvertModal lead={l} onClose={() => setConverting(false)} /> : null}
      {merging ? <MergeModal lead={l} onClose={() => setMerging(false)} /> : null}
    </Stack>
  );
}

function ConvertedLinks({ lead: l }: { lead: LeadResponse }): ReactElement {
  const { t } = useTranslation();
  return (
    <Card withBorder bg="var(--mantine-color-green-light)" data-testid="lead-converted">
      <Group gap="md">
        <Text size="sm">{t("leads.convert.done")}</Text>
        {l.convertedAccountId ? (
          <Link to="/crm/accounts/$accountId" params={{ accountId: l.convertedAccountId }}>
            {t("leads.convert.account")}
          </Link>
        ) : null}
        {l.convertedContactId ? (
          <Link to="/crm/contacts/$contactId" params={{ contactId: l.convertedContactId }}>
            {t("leads.convert.contact")}
          </Link>
        ) : null}
        {l.convertedDealId ? <Text size="sm">{t("leads.convert.dealMade")}</Text> : null}
      </Group>
    </Card>
  );
}

function DuplicatesCard({
  lead,
  canMerge,
  onMerge,
}: {
  lead: LeadResponse;
  canMerge: boolean;
  onMerge: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const dupes = useLeadDuplicates(lead.id);
  const items = dupes.data?.items ?? [];
  return (
    <Card withBorder data-testid="lead-duplicates">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t("leads.duplicates.title")}</Text>
        {canMerge && items.some((d) => d.type === "lead") ? (
          <Button size="xs" variant="light" onClick={onMerge} data-testid="lead-merge">
            {t("leads.merge.open")}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={dupes.error} />
      <Stack gap={4}>
        {items.map((d) => (
          <Group key={`${d.type}-${d.id}`} gap="xs">
            <Badge size="sm" variant="outline">
              {t(`leads.duplicates.${d.type}`)}
            </Badge>
            {d.type === "lead" ? (
              <Link to="/crm/leads/$leadId" params={{ leadId: d.id }}>
                {d.name}
              </Link>
            ) : (
              <Link to="/crm/contacts/$contactId" params={{ contactId: d.id }}>
                {d.name}
              </Link>
            )}
            <Text size="xs" c="dimmed">
              {[d.phone, d.email, d.company].filter(Boolean).join(" · ")} —{" "}
              {d.matchedOn.map((m) => t(`leads.duplicates.on_${m}`)).join(", ")}
            </Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

function MergeModal({ lead, onClose }: { lead: LeadResponse; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const dupes = useLeadDuplicates(lead.id);
  const leads = (dupes.data?.items ?? []).filter((d) => d.type === "lead");
  const [chosen, setChosen] = useState<string[]>([]);
  const merge = useMergeLeads(lead.id, {
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("leads.merge.done") });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t("leads.merge.title")}>
      <Stack gap="sm">
        <Text size="sm">{t("leads.merge.help", { name: lead.name })}</Text>
        <Checkbox.Group value={chosen} onChange={setChosen}>
          <Stack gap={6}>
            {leads.map((d) => (
              <Checkbox
                key={d.id}
                value={d.id}
                label={`${d.name} · ${[d.phone, d.email].filter(Boolean).join(" · ")}`}
                data-testid="lead-merge-choice"
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <ErrorAlert error={merge.error} />
        <Button
          disabled={chosen.length === 0}
          loading={merge.isPending}
          onClick={() => merge.mutate(chosen)}
          data-testid="lead-merge-submit"
        >
          {t("leads.merge.submit")}
        </Button>
      </Stack>
    </Modal>
  );
}

/** An account in the caller's sight, found by name. */
function AccountSelect({ value, onChange }: { value: string; onChange: (id: string) => void }): ReactElement {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const accounts = useAccounts({ q: q.trim() || undefined, status: "active" });
  const data = (accounts.data?.pages.flatMap((p) => p.items) ?? []).map((a) => ({ value: a.id, label: a.name }));
  return (
    <Select
      label={t("leads.convert.existingAccount")}
      searchable
      required
      searchValue={search}
      onSearchChange={setSearch}
      value={value || null}
      onChange={(id) => onChange(id ?? "")}
      data={data}
      nothingFoundMessage={t("leads.convert.noAccount")}
      data-testid="lead-convert-account"
    />
  );
}

function ConvertModal({ lead, onClose }: { lead: LeadResponse; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const [accountName, setAccountName] = useState(lead.company ?? lead.name);
  const [accountMode, setAccountMode] = useState<"new" | "existing">("new");
  const [accountId, setAccountId] = useState("");
  const [withDeal, setWithDeal] = useState(true);
  const [dealName, setDealName] = useState(`${lead.company ?? lead.name}`);
  const [amountTaka, setAmountTaka] = useState<number | string>(0);
  const [expectedClose, setExpectedClose] = useState("");
  const convert = useConvertLead(lead.id, {
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("leads.convert.done") });
      onClose();
    },
  });
  const submit = () =>
    convert.mutate({
      account: accountMode === "existing" ? { id: accountId.trim() } : { name: accountName.trim() },
      contact: { create: true },
      deal: withDeal
        ? {
            name: dealName.trim(),
            amountPoisha: Math.round(Number(amountTaka || 0) * 100),
            ...(expectedClose ? { expectedClose } : {}),
          }
        : null,
    });
  return (
    <Modal opened onClose={onClose} title={t("leads.convert.title")} size="lg">
      <Stack gap="sm">
        <Text size="sm">{t("leads.convert.help")}</Text>
        <Radio.Group
          label={t("leads.convert.account")}
          value={accountMode}
          onChange={(v) => setAccountMode(v === "existing" ? "existing" : "new")}
        >
          <Group mt={4}>
            <Radio value="new" label={t("leads.convert.newAccount")} />
            <Radio value="existing" label={t("leads.convert.existingAccount")} />
          </Group>
        </Radio.Group>
        {accountMode === "new" ? (
          <TextInput
            label={t("leads.convert.accountName")}
            required
            value={accountName}
            onChange={(e) => setAccountName(e.currentTarget.value)}
            data-testid="lead-convert-account-name"
          />
        ) : (
          <AccountSelect value={accountId} onChange={setAccountId} />
        )}
        <Text size="sm">{t("leads.convert.contactHelp", { name: lead.name })}</Text>
        <Checkbox
          label={t("leads.convert.withDeal")}
          checked={withDeal}
          onChange={(e) => setWithDeal(e.currentTarget.checked)}
          data-testid="lead-convert-with-deal"
        />
        {withDeal ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t("leads.convert.dealName")}
              required
              value={dealName}
              onChange={(e) => setDealName(e.currentTarget.value)}
              data-testid="lead-convert-deal-name"
            />
            <NumberInput
              label={t("leads.convert.amount")}
              min={0}
              decimalScale={2}
              value={amountTaka}
              onChange={setAmountTaka}
              data-testid="lead-convert-amount"
            />
            <TextInput
              type="date"
              label={t("leads.convert.expectedClose")}
              value={expectedClose}
              onChange={(e) => setExpectedClose(e.currentTarget.value)}
            />
          </SimpleGrid>
        ) : null}
        <ErrorAlert error={convert.error} />
        <Group justify="flex-end">
          <Anchor component="button" type="button" onClick={onClose} size="sm">
            {t("leads.cancel")}
          </Anchor>
          <Button
            loading={convert.isPending}
            disabled={accountMode === "existing" ? !accountId : !accountName.trim()}
            onClick={submit}
            data-testid="lead-convert-submit"
          >
            {t("leads.convert.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
