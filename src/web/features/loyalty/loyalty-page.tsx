// /loyalty: members (balance, tier, referral code), programs with their tiers, the reward catalogue, redemptions to
// hand over, and referrals (code -> leads -> converted). Marketing sets programs and rewards up and can post the
// points now (the job does it every 15 minutes).
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  OUTLET_CHANNELS,
  OUTLET_CLASSES,
  type ProgramResponse,
  type RewardResponse,
} from "../../../shared/contracts/loyalty.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { multiplierText } from "./loyalty-display.ts";
import {
  useEarnRun,
  useMembers,
  usePrograms,
  useRedemptions,
  useReferrals,
  useRewards,
  useSaveProgram,
  useSaveReward,
  useSettleRedemption,
} from "./use-loyalty.ts";

export function LoyaltyRoute() {
  return (
    <RequirePermission permission="loyalty.read">
      <LoyaltyPage />
    </RequirePermission>
  );
}

function LoyaltyPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const manage = hasPermission(me, "loyalty.manage");
  const run = useEarnRun({
    onSuccess: (r) =>
      notifications.show({
        color: "teal",
        message: t("loyalty.run.done", {
          earned: fmt.number(r.earned),
          reversed: fmt.number(r.reversed),
          expired: fmt.number(r.expired),
        }),
      }),
  });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("loyalty.nav.loyalty")}</Title>
        {manage ? (
          <Button variant="light" loading={run.isPending} onClick={() => run.mutate()} data-testid="loyalty-run">
            {t("loyalty.run.now")}
          </Button>
        ) : null}
      </Group>
      <Tabs defaultValue="members" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="members">{t("loyalty.tabs.members")}</Tabs.Tab>
          <Tabs.Tab value="programs">{t("loyalty.tabs.programs")}</Tabs.Tab>
          <Tabs.Tab value="rewards">{t("loyalty.tabs.rewards")}</Tabs.Tab>
          <Tabs.Tab value="redemptions">{t("loyalty.tabs.redemptions")}</Tabs.Tab>
          <Tabs.Tab value="referrals">{t("loyalty.tabs.referrals")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members" pt="md">
          <MembersTab />
        </Tabs.Panel>
        <Tabs.Panel value="programs" pt="md">
          <ProgramsTab manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="rewards" pt="md">
          <RewardsTab manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="redemptions" pt="md">
          <RedemptionsTab manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="referrals" pt="md">
          <ReferralsTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ProgramSelect({ value, onChange }: { value: string | null; onChange: (v: string | null) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const programs = usePrograms();
  return (
    <Select
      placeholder={t("loyalty.members.allPrograms")}
      clearable
      data={(programs.data?.items ?? []).map((p) => ({ value: p.id, label: locale === "bn" ? p.nameBn : p.name }))}
      value={value}
      onChange={onChange}
      w={240}
    />
  );
}

function MembersTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const navigate = useNavigate();
  const [programId, setProgramId] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const members = useMembers({ programId: programId ?? undefined, q: q.trim() || undefined });
  const items = members.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group>
        <ProgramSelect value={programId} onChange={setProgramId} />
        <TextInput placeholder={t("loyalty.members.search")} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      </Group>
      <ErrorAlert error={members.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("loyalty.members.account")}</Table.Th>
              <Table.Th>{t("loyalty.members.program")}</Table.Th>
              <Table.Th>{t("loyalty.statement.tier")}</Table.Th>
              <Table.Th ta="right">{t("loyalty.statement.balance")}</Table.Th>
              <Table.Th>{t("loyalty.members.code")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.length === 0 ? (
              <EmptyTableRow colSpan={5}>{t("loyalty.members.none")}</EmptyTableRow>
            ) : (
              items.map((m) => (
                <Table.Tr
                  key={m.id}
                  style={{ cursor: "pointer" }}
                  onClick={() => void navigate({ to: "/loyalty/members/$memberId", params: { memberId: m.id } })}
                  data-testid="loyalty-member-row"
                >
                  <Table.Td>{m.accountName}</Table.Td>
                  <Table.Td>{locale === "bn" ? m.programNameBn : m.programName}</Table.Td>
                  <Table.Td>{m.tier ? (locale === "bn" ? m.tier.nameBn : m.tier.name) : "—"}</Table.Td>
                  <Table.Td ta="right">{fmt.number(m.balance)}</Table.Td>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {m.referralCode}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ProgramsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const programs = usePrograms();
  const [editing, setEditing] = useState<ProgramResponse | "new" | null>(null);
  return (
    <Stack gap="sm">
      {manage ? (
        <Group>
          <Button onClick={() => setEditing("new")} data-testid="loyalty-new-program">
            {t("loyalty.programs.new")}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={programs.error} />
      {(programs.data?.items ?? []).length === 0 ? <Text c="dimmed">{t("loyalty.programs.none")}</Text> : null}
      {(programs.data?.items ?? []).map((p) => (
        <Stack key={p.id} gap={4} p="sm" style={{ border: "1px solid var(--mantine-color-gray-3)", borderRadius: 8 }}>
          <Group justify="space-between">
            <Group gap="xs">
              <Text fw={700}>{locale === "bn" ? p.nameBn : p.name}</Text>
              <Badge color={p.active ? "teal" : "gray"} variant="light">
                {t(p.active ? "loyalty.programs.active" : "loyalty.programs.paused")}
              </Badge>
            </Group>
            {manage ? (
              <Button size="compact-sm" variant="subtle" onClick={() => setEditing(p)}>
                {t("loyalty.common.edit")}
              </Button>
            ) : null}
          </Group>
          <Text size="sm">
            {t("loyalty.programs.rate", { points: fmt.number(p.pointsPer100Taka) })} ·{" "}
            {p.expiryMonths
              ? t("loyalty.programs.expiry", { months: fmt.number(p.expiryMonths) })
              : t("loyalty.programs.noExpiry")}{" "}
            · {t("loyalty.programs.members", { count: p.memberCount, n: fmt.number(p.memberCount) })}
          </Text>
          <Text size="sm" c="dimmed">
            {p.outletChannels.length
              ? p.outletChannels.map((c) => t(`loyalty.channels.${c}` as "loyalty.channels.other")).join(", ")
              : t("loyalty.programs.allChannels")}
            {p.outletClasses.length
              ? ` · ${t("loyalty.programs.classes", { classes: p.outletClasses.join(", ") })}`
              : ""}
            {p.includeCompanies ? ` · ${t("loyalty.programs.companies")}` : ""}
          </Text>
          <Group gap="xs">
            {p.tiers.map((tier) => (
              <Badge key={tier.id} variant="outline">
                {locale === "bn" ? tier.nameBn : tier.name}: {fmt.number(tier.thresholdPoints)}+ ×
                {multiplierText(tier.multiplierBp)}
              </Badge>
            ))}
          </Group>
        </Stack>
      ))}
      {editing ? <ProgramModal program={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

interface TierDraft {
  name: string;
  nameBn: string;
  thresholdPoints: number;
  multiplierBp: number;
}

function ProgramModal({ program, onClose }: { program: ProgramResponse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(program?.name ?? "");
  const [nameBn, setNameBn] = useState(program?.nameBn ?? "");
  const [rate, setRate] = useState<number | string>(program?.pointsPer100Taka ?? 1);
  const [channels, setChannels] = useState<string[]>(program?.outletChannels ?? []);
  const [classes, setClasses] = useState<string[]>(program?.outletClasses ?? []);
  const [companies, setCompanies] = useState(program?.includeCompanies ?? false);
  const [expiry, setExpiry] = useState<number | string>(program?.expiryMonths ?? 12);
  const [bonus, setBonus] = useState<number | string>(program?.referralBonusPoints ?? 0);
  const [active, setActive] = useState(program?.active ?? true);
  const [tiers, setTiers] = useState<TierDraft[]>(
    program?.tiers.map(({ id: _, ...rest }) => rest) ?? [
      { name: "Silver", nameBn: "সিলভার", thresholdPoints: 0, multiplierBp: 10_000 },
    ],
  );
  const save = useSaveProgram({ meta: { inlineError: true }, onSuccess: onClose });
  const setTier = (i: number, patch: Partial<TierDraft>) =>
    setTiers((all) => all.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Modal opened onClose={onClose} title={t(program ? "loyalty.programs.edit" : "loyalty.programs.new")} size="lg">
      <Stack gap="sm">
        <Group grow>
          <TextInput label={t("loyalty.common.nameEn")} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput
            label={t("loyalty.common.nameBn")}
            value={nameBn}
            onChange={(e) => setNameBn(e.currentTarget.value)}
          />
        </Group>
        <Group grow>
          <NumberInput
            label={t("loyalty.programs.rateLabel")}
            value={rate}
            onChange={setRate}
            min={1}
            allowDecimal={false}
          />
          <NumberInput
            label={t("loyalty.programs.expiryLabel")}
            description={t("loyalty.programs.expiryHint")}
            value={expiry}
            onChange={setExpiry}
            min={1}
            max={120}
            allowDecimal={false}
          />
          <NumberInput
            label={t("loyalty.programs.bonusLabel")}
            value={bonus}
            onChange={setBonus}
            min={0}
            allowDecimal={false}
          />
        </Group>
        <MultiSelect
          label={t("loyalty.programs.channelsLabel")}
          placeholder={t("loyalty.programs.allChannels")}
          data={OUTLET_CHANNELS.map((c) => ({ value: c, label: t(`loyalty.channels.${c}`) }))}
          value={channels}
          onChange={setChannels}
        />
        <MultiSelect
          label={t("loyalty.programs.classesLabel")}
          data={[...OUTLET_CLASSES]}
          value={classes}
          onChange={setClasses}
        />
        <Checkbox
          label={t("loyalty.programs.companies")}
          checked={companies}
          onChange={(e) => setCompanies(e.currentTarget.checked)}
        />
        <Checkbox
          label={t("loyalty.programs.active")}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <Text fw={600}>{t("loyalty.programs.tiers")}</Text>
        {tiers.map((tier, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tiers have no id until saved
          <Group key={i} grow align="end">
            <TextInput
              label={t("loyalty.common.nameEn")}
              value={tier.name}
              onChange={(e) => setTier(i, { name: e.currentTarget.value })}
            />
            <TextInput
              label={t("loyalty.common.nameBn")}
              value={tier.nameBn}
              onChange={(e) => setTier(i, { nameBn: e.currentTarget.value })}
            />
            <NumberInput
              label={t("loyalty.programs.threshold")}
              value={tier.thresholdPoints}
              onChange={(v) => setTier(i, { thresholdPoints: Number(v) || 0 })}
              min={0}
              allowDecimal={false}
            />
            <NumberInput
              label={t("loyalty.programs.multiplier")}
              value={tier.multiplierBp / 10_000}
              onChange={(v) => setTier(i, { multiplierBp: Math.round((Number(v) || 0) * 10_000) })}
              min={0.01}
              step={0.25}
              decimalScale={2}
            />
            <Button variant="subtle" color="red" onClick={() => setTiers((all) => all.filter((_, j) => j !== i))}>
              {t("loyalty.common.remove")}
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() =>
              setTiers((all) => [...all, { name: "", nameBn: "", thresholdPoints: 0, multiplierBp: 10_000 }])
            }
          >
            {t("loyalty.programs.addTier")}
          </Button>
        </Group>
        <ErrorAlert error={save.error} />
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate({
              ...(program && { id: program.id }),
              body: {
                name,
                nameBn,
                pointsPer100Taka: Number(rate),
                outletChannels: channels as (typeof OUTLET_CHANNELS)[number][],
                outletClasses: classes as (typeof OUTLET_CLASSES)[number][],
                includeCompanies: companies,
                expiryMonths: expiry === "" ? null : Number(expiry),
                referralBonusPoints: Number(bonus) || 0,
                active,
                tiers,
              },
            })
          }
          data-testid="loyalty-save-program"
        >
          {t("loyalty.common.save")}
        </Button>
      </Stack>
    </Modal>
  );
}

function RewardsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const rewards = useRewards();
  const programs = usePrograms();
  const [editing, setEditing] = useState<RewardResponse | "new" | null>(null);
  const programName = (id: string) => {
    const p = programs.data?.items.find((x) => x.id === id);
    return p ? (locale === "bn" ? p.nameBn : p.name) : "";
  };
  return (
    <Stack gap="sm">
      {manage ? (
        <Group>
          <Button onClick={() => setEditing("new")} disabled={!programs.data?.items.length}>
            {t("loyalty.rewards.new")}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={rewards.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("loyalty.rewards.reward")}</Table.Th>
            <Table.Th>{t("loyalty.members.program")}</Table.Th>
            <Table.Th ta="right">{t("loyalty.rewards.cost")}</Table.Th>
            <Table.Th ta="right">{t("loyalty.rewards.stock")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rewards.data?.items ?? []).length === 0 ? (
            <EmptyTableRow colSpan={5}>{t("loyalty.rewards.none")}</EmptyTableRow>
          ) : (
            (rewards.data?.items ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  {locale === "bn" ? r.nameBn : r.name}{" "}
                  {!r.active ? (
                    <Badge color="gray" variant="light">
                      {t("loyalty.programs.paused")}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{programName(r.programId)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.pointsCost)}</Table.Td>
                <Table.Td ta="right">{r.stock === null ? "∞" : fmt.number(r.stock)}</Table.Td>
                <Table.Td>
                  {manage ? (
                    <Button size="compact-sm" variant="subtle" onClick={() => setEditing(r)}>
                      {t("loyalty.common.edit")}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
      {editing ? <RewardModal reward={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

function RewardModal({ reward, onClose }: { reward: RewardResponse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [programId, setProgramId] = useState<string | null>(reward?.programId ?? null);
  const [name, setName] = useState(reward?.name ?? "");
  const [nameBn, setNameBn] = useState(reward?.nameBn ?? "");
  const [cost, setCost] = useState<number | string>(reward?.pointsCost ?? 100);
  const [stock, setStock] = useState<number | string>(reward?.stock ?? "");
  const [active, setActive] = useState(reward?.active ?? true);
  const save = useSaveReward({ meta: { inlineError: true }, onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={t(reward ? "loyalty.rewards.edit" : "loyalty.rewards.new")}>
      <Stack gap="sm">
        {reward ? null : <ProgramSelect value={programId} onChange={setProgramId} />}
        <TextInput label={t("loyalty.common.nameEn")} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput
          label={t("loyalty.common.nameBn")}
          value={nameBn}
          onChange={(e) => setNameBn(e.currentTarget.value)}
        />
        <NumberInput label={t("loyalty.rewards.cost")} value={cost} onChange={setCost} min={1} allowDecimal={false} />
        <NumberInput
          label={t("loyalty.rewards.stock")}
          description={t("loyalty.rewards.stockHint")}
          value={stock}
          onChange={setStock}
          min={0}
          allowDecimal={false}
        />
        <Checkbox
          label={t("loyalty.programs.active")}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <ErrorAlert error={save.error} />
        <Button
          disabled={!programId}
          loading={save.isPending}
          onClick={() =>
            programId &&
            save.mutate({
              ...(reward && { id: reward.id }),
              body: {
                programId,
                name,
                nameBn,
                pointsCost: Number(cost),
                stock: stock === "" ? null : Number(stock),
                active,
              },
            })
          }
        >
          {t("loyalty.common.save")}
        </Button>
      </Stack>
    </Modal>
  );
}

function RedemptionsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const [status, setStatus] = useState<string>("pending");
  const list = useRedemptions({ status });
  const settle = useSettleRedemption({ meta: { inlineError: true } });
  return (
    <Stack gap="sm">
      <Select
        data={(["pending", "fulfilled", "cancelled"] as const).map((s) => ({
          value: s,
          label: t(`loyalty.redemptions.${s}`),
        }))}
        value={status}
        onChange={(v) => setStatus(v ?? "pending")}
        w={200}
      />
      <ErrorAlert error={list.error ?? settle.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("loyalty.statement.date")}</Table.Th>
            <Table.Th>{t("loyalty.members.account")}</Table.Th>
            <Table.Th>{t("loyalty.rewards.reward")}</Table.Th>
            <Table.Th ta="right">{t("loyalty.statement.points")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).length === 0 ? (
            <EmptyTableRow colSpan={5}>{t("loyalty.redemptions.none")}</EmptyTableRow>
          ) : (
            (list.data?.items ?? []).map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{fmt.dateTime(r.createdAt)}</Table.Td>
                <Table.Td>{r.accountName}</Table.Td>
                <Table.Td>{locale === "bn" ? r.rewardNameBn : r.rewardName}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.points)}</Table.Td>
                <Table.Td>
                  {r.status === "pending" ? (
                    <Group gap={4} justify="flex-end">
                      {manage ? (
                        <Button size="compact-sm" onClick={() => settle.mutate({ id: r.id, action: "fulfil" })}>
                          {t("loyalty.redemptions.fulfil")}
                        </Button>
                      ) : null}
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => settle.mutate({ id: r.id, action: "cancel" })}
                      >
                        {t("loyalty.redemptions.cancel")}
                      </Button>
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ReferralsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useReferrals();
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("loyalty.referrals.howTo")}
      </Text>
      <ErrorAlert error={list.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("loyalty.members.code")}</Table.Th>
            <Table.Th>{t("loyalty.members.account")}</Table.Th>
            <Table.Th>{t("loyalty.referrals.link")}</Table.Th>
            <Table.Th ta="right">{t("loyalty.referrals.leads")}</Table.Th>
            <Table.Th ta="right">{t("loyalty.referrals.converted")}</Table.Th>
            <Table.Th ta="right">{t("loyalty.referrals.bonus")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).length === 0 ? (
            <EmptyTableRow colSpan={6}>{t("loyalty.members.none")}</EmptyTableRow>
          ) : (
            (list.data?.items ?? []).map((r) => (
              <Table.Tr key={r.memberId}>
                <Table.Td ff="monospace">{r.code}</Table.Td>
                <Table.Td>{r.accountName}</Table.Td>
                <Table.Td ff="monospace">{r.shareUrl}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.leads)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.converted)}</Table.Td>
                <Table.Td ta="right">{fmt.number(r.bonusPoints)}</Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
