// The retailer's loyalty tab on /shop: its membership's balance, tier and statement, the rewards it can afford and a
// redeem button for each (its own outlet only: the server answers nothing else).
import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert, errorMessage } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { MemberStatement } from "./member-statement.tsx";
import { useMembers, useRedeem, useRewards } from "./use-loyalty.ts";

export function RetailerLoyaltyPanel() {
  const { t } = useTranslation();
  const members = useMembers({});
  const list = members.data?.items ?? [];
  if (members.isPending) return <Text c="dimmed">{t("loyalty.common.loading")}</Text>;
  return (
    <Stack gap="lg" data-testid="retailer-loyalty">
      <ErrorAlert error={members.error} />
      {list.length === 0 ? <Text c="dimmed">{t("loyalty.shop.notMember")}</Text> : null}
      {list.map((m) => (
        <MembershipCard key={m.id} member={m} />
      ))}
    </Stack>
  );
}

function MembershipCard({ member }: { member: NonNullable<ReturnType<typeof useMembers>["data"]>["items"][number] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const rewards = useRewards(member.programId);
  const redeem = useRedeem({
    meta: { inlineError: true },
    onSuccess: () => notifications.show({ color: "teal", message: t("loyalty.shop.redeemed") }),
    onError: (e) => notifications.show({ color: "red", message: errorMessage(e, t("loyalty.common.failed")) }),
  });
  const offered = (rewards.data?.items ?? []).filter((r) => r.active && r.stock !== 0);
  return (
    <Stack gap="sm">
      <Text fw={700}>{locale === "bn" ? member.programNameBn : member.programName}</Text>
      <MemberStatement memberId={member.id} compact />
      <Text fw={600}>{t("loyalty.shop.rewards")}</Text>
      <ErrorAlert error={rewards.error} />
      {offered.length === 0 ? <Text c="dimmed">{t("loyalty.rewards.none")}</Text> : null}
      {offered.map((r) => (
        <Paper key={r.id} withBorder p="sm">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>{locale === "bn" ? r.nameBn : r.name}</Text>
              <Text size="sm" c="dimmed">
                {t("loyalty.rewards.costPoints", { points: fmt.number(r.pointsCost) })}
              </Text>
            </div>
            <Button
              size="sm"
              disabled={member.balance < r.pointsCost}
              loading={redeem.isPending && redeem.variables?.rewardId === r.id}
              onClick={() => redeem.mutate({ memberId: member.id, rewardId: r.id })}
              data-testid="loyalty-redeem"
            >
              {t("loyalty.shop.redeem")}
            </Button>
          </Group>
        </Paper>
      ))}
      <Text size="xs" c="dimmed">
        {t("loyalty.shop.referral", { code: member.referralCode })}
      </Text>
    </Stack>
  );
}
