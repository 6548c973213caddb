// /loyalty/members/:id: one member's statement, with a manual adjustment (marketing) and a redemption for them
// (the service desk, marketing).
import { Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { MemberStatement } from "./member-statement.tsx";
import { useAdjust, useRedeem, useRewards, useStatement } from "./use-loyalty.ts";

const route = getRouteApi("/_app/loyalty/members/$memberId");

export function MemberRoute() {
  return (
    <RequirePermission permission="loyalty.read">
      <MemberPage />
    </RequirePermission>
  );
}

function MemberPage() {
  const { memberId } = route.useParams();
  const { t } = useTranslation();
  const me = useMe();
  const locale = useLocale();
  const fmt = useFormat();
  const st = useStatement(memberId, {});
  const m = st.data?.member;
  const rewards = useRewards(m?.programId);
  const [adjusting, setAdjusting] = useState(false);
  const [rewardId, setRewardId] = useState<string | null>(null);
  const redeem = useRedeem({
    meta: { inlineError: true },
    onSuccess: () => {
      setRewardId(null);
      notifications.show({ color: "teal", message: t("loyalty.shop.redeemed") });
    },
  });
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Text size="sm">
            <Link to="/loyalty">{t("loyalty.nav.loyalty")}</Link>
          </Text>
          <Title order={2}>{m?.accountName ?? "…"}</Title>
          {m ? (
            <Text c="dimmed" size="sm">
              {locale === "bn" ? m.programNameBn : m.programName} · {t("loyalty.members.code")}: {m.referralCode}
            </Text>
          ) : null}
        </div>
        {hasPermission(me, "loyalty.manage") ? (
          <Button variant="light" onClick={() => setAdjusting(true)} data-testid="loyalty-adjust">
            {t("loyalty.members.adjust")}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={st.error} />
      {m && hasPermission(me, "loyalty.redeem") ? (
        <Group align="end">
          <Select
            label={t("loyalty.members.redeemFor")}
            data={(rewards.data?.items ?? [])
              .filter((r) => r.active && r.stock !== 0)
              .map((r) => ({
                value: r.id,
                label: `${locale === "bn" ? r.nameBn : r.name} (${fmt.number(r.pointsCost)})`,
              }))}
            value={rewardId}
            onChange={setRewardId}
            w={320}
          />
          <Button
            disabled={!rewardId}
            loading={redeem.isPending}
            onClick={() => rewardId && redeem.mutate({ memberId, rewardId })}
          >
            {t("loyalty.shop.redeem")}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={redeem.error} />
      <MemberStatement memberId={memberId} />
      <AdjustModal memberId={memberId} opened={adjusting} onClose={() => setAdjusting(false)} />
    </Stack>
  );
}

function AdjustModal({ memberId, opened, onClose }: { memberId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [points, setPoints] = useState<number | string>("");
  const [note, setNote] = useState("");
  const adjust = useAdjust({ meta: { inlineError: true }, onSuccess: onClose });
  return (
    <Modal opened={opened} onClose={onClose} title={t("loyalty.members.adjust")}>
      <Stack>
        <NumberInput
          label={t("loyalty.members.adjustPoints")}
          description={t("loyalty.members.adjustHint")}
          value={points}
          onChange={setPoints}
          allowDecimal={false}
        />
        <TextInput label={t("loyalty.members.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <ErrorAlert error={adjust.error} />
        <Button
          disabled={!Number(points) || !note.trim()}
          loading={adjust.isPending}
          onClick={() => adjust.mutate({ id: memberId, points: Number(points), note: note.trim() })}
        >
          {t("loyalty.common.save")}
        </Button>
      </Stack>
    </Modal>
  );
}
