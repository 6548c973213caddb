import {
  ActionIcon,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Loader,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useRouter } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import {
  type AppNotification,
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useRecentNotifications,
  useUnreadCount,
} from "../features/notifications/use-notifications.ts";
import { DateTimeText } from "./formatted-values.tsx";
import { BellIcon } from "./icons.tsx";
import { useFormat } from "./use-format.ts";

export function NotificationBell() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [opened, { toggle, close }] = useDisclosure(false);
  const unread = useUnreadCount().data ?? 0;
  const recent = useRecentNotifications(opened);
  const markAll = useMarkAllNotificationsRead();
  const badge = unread > 99 ? `${fmt.number(99)}+` : fmt.number(unread);

  return (
    <Popover opened={opened} onChange={(o) => !o && close()} position="bottom-end" width={340} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator
          label={badge}
          size={18}
          disabled={unread === 0}
          offset={4}
          color="red"
          data-testid="notification-count"
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={toggle}
            aria-label={t("notifications.open", { count: unread, n: fmt.number(unread) })}
            data-testid="notification-bell"
          >
            <BellIcon size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} maw="calc(100vw - 16px)" data-testid="notification-dropdown">
        <Group justify="space-between" px="sm" py="xs" wrap="nowrap">
          <Text fw={600} size="sm">
            {t("notifications.title")}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t("notifications.markAllRead")}
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={380}>
          {recent.isPending ? (
            <Group justify="center" p="md">
              <Loader size="sm" />
            </Group>
          ) : recent.isError ? (
            <Text size="sm" c="red" p="sm">
              {t("errors.loadFailed")}
            </Text>
          ) : recent.data.length === 0 ? (
            <Text size="sm" c="dimmed" p="md" ta="center">
              {t("notifications.empty")}
            </Text>
          ) : (
            <Stack gap={0}>
              {recent.data.map((n) => (
                <NotificationItem key={n.id} notification={n} onNavigate={close} />
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationItem({ notification: n, onNavigate }: { notification: AppNotification; onNavigate: () => void }) {
  const { t } = useTranslation();
  const router = useRouter();
  const markRead = useMarkNotificationRead();
  const unread = n.readAt === null;
  const open = () => {
    if (unread) markRead.mutate(n.id);
    // Links are paths inside Bikri (the server only accepts "/..."), never another origin.
    if (n.link?.startsWith("/") && !n.link.startsWith("//")) {
      onNavigate();
      router.history.push(n.link);
    }
  };
  return (
    <Box
      px="sm"
      py="xs"
      style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      bg={unread ? "var(--mantine-primary-color-light)" : undefined}
      data-testid="notification-item"
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <UnstyledButton onClick={open} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={unread ? 600 : 400} lineClamp={2}>
            {n.title}
          </Text>
          {n.body ? (
            <Text size="xs" c="dimmed" lineClamp={3}>
              {n.body}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed" mt={2}>
            <DateTimeText value={n.createdAt} />
          </Text>
        </UnstyledButton>
        {unread ? (
          <Button size="compact-xs" variant="light" loading={markRead.isPending} onClick={() => markRead.mutate(n.id)}>
            {t("notifications.markRead")}
          </Button>
        ) : null}
      </Group>
    </Box>
  );
}
