import { Button, type ButtonProps, Group, Modal, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Asks before doing something hard to undo (deactivate a user, revoke a token). */
export function ConfirmModal({
  opened,
  onClose,
  title,
  message,
  confirmLabel,
  onConfirm,
  loading,
  color = "red",
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
  color?: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Text size="sm">{message}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button color={color} onClick={onConfirm} loading={loading} data-testid="confirm-ok">
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}

export function ConfirmButton({
  title,
  message,
  confirmLabel,
  onConfirm,
  loading,
  children,
  ...buttonProps
}: ButtonProps & {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
  children: ReactNode;
  "data-testid"?: string;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button {...buttonProps} onClick={open}>
        {children}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={close}
        title={title}
        message={message}
        confirmLabel={confirmLabel}
        loading={loading}
        onConfirm={() => {
          onConfirm();
          close();
        }}
      />
    </>
  );
}
