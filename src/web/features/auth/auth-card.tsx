import { Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../ui/language-switch.tsx";

/** The frame of the public pages (sign-in, invite): brand, language switch, one card. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center mih="100dvh" p="sm" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={400} gap="md">
        <Group justify="flex-end">
          <LanguageSwitch size="sm" />
        </Group>
        <div>
          <Title order={2} c="cyan.8">
            Bikri / বিক্রি
          </Title>
          <Text size="sm" c="dimmed">
            {t("app.tagline")}
          </Text>
        </div>
        <Paper withBorder shadow="sm" p={{ base: "md", xs: "lg" }} radius="md">
          <Title order={3} mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
