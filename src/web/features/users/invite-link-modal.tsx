import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SecretOnce } from "../../ui/secret-once.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { absoluteUrl } from "./user-labels.ts";

/**
 * A link to set a password: an invitation for someone who has never signed in, or a reset link for an
 * active user (their current password keeps working until the link is used).
 */
/** How long an invitation or reset link works: the server's INVITE_TTL_MS (src/server/users/auth.service.ts). */
const LINK_VALID_DAYS = 7;

export interface PasswordLink {
  name: string;
  url: string;
  kind: "invite" | "reset";
}

export function InviteLinkModal({ invite, onClose }: { invite: PasswordLink | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reset = invite?.kind === "reset";
  return (
    <Modal
      opened={invite !== null}
      onClose={onClose}
      title={reset ? t("users.resetTitle") : t("users.inviteTitle")}
      centered
      size="lg"
    >
      {invite ? (
        <Stack gap="sm" data-testid="invite-link">
          <Text size="sm">
            {t(reset ? "users.resetBody" : "users.inviteBody", {
              name: invite.name,
              days: fmt.number(LINK_VALID_DAYS),
            })}
          </Text>
          <SecretOnce
            label={reset ? t("users.resetLink") : t("users.inviteLink")}
            value={absoluteUrl(invite.url)}
            warning={t("users.inviteOnce")}
          />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t("common.done")}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
