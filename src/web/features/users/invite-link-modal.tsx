import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SecretOnce } from "../../ui/secret-once.tsx";
import { absoluteUrl } from "./user-labels.ts";

export function InviteLinkModal({
  invite,
  onClose,
}: {
  invite: { name: string; url: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={invite !== null} onClose={onClose} title={t("users.inviteTitle")} centered size="lg">
      {invite ? (
        <Stack gap="sm" data-testid="invite-link">
          <Text size="sm">{t("users.inviteBody", { name: invite.name })}</Text>
          <SecretOnce label={t("users.inviteLink")} value={absoluteUrl(invite.url)} warning={t("users.inviteOnce")} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t("common.done")}</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
