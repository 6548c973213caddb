// The one page open to a user whose organisation requires two-step sign-in of their role and who has not
// set it up: the server refuses everything else (auth.mfa_setup_required) until they do.
import { Button, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { AuthCard } from "./auth-card.tsx";
import { TwoStepSetup } from "./two-step-section.tsx";
import { sessionQueryOptions, useSignOut } from "./use-session.ts";

export function TwoStepSetupPage() {
  const { t } = useTranslation();
  const router = useRouter();
  const qc = useQueryClient();
  const signOut = useSignOut({ onSettled: () => router.history.push("/sign-in") });
  const carryOn = async () => {
    // The session is no longer limited: fetch it again, or the signed-in pages would read the cached one.
    await qc.fetchQuery({ ...sessionQueryOptions, staleTime: 0 });
    router.history.push("/");
  };
  return (
    <AuthCard title={t("twoStep.setupPageTitle")}>
      <Stack gap="md" data-testid="two-step-setup-page">
        <Text size="sm">{t("twoStep.setupPageIntro")}</Text>
        <Text size="sm" c="dimmed">
          {t("twoStep.intro")}
        </Text>
        <TwoStepSetup onDone={() => void carryOn()} />
        <Button variant="subtle" color="gray" onClick={() => signOut.mutate()} data-testid="signout">
          {t("userMenu.signOut")}
        </Button>
      </Stack>
    </AuthCard>
  );
}
