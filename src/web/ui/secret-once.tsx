import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A value the server shows only once (an invite link, an API token), with a copy button. */
export function SecretOnce({ label, value, warning }: { label: string; value: string; warning: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Alert color="yellow" variant="light">
        {warning}
      </Alert>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={label}
          value={value}
          readOnly
          style={{ flex: 1, minWidth: 0 }}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="secret-value"
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        />
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button color={copied ? "teal" : undefined} onClick={copy} data-testid="secret-copy">
              {copied ? t("common.copied") : t("common.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="xs" c="dimmed">
        {t("common.copyHint")}
      </Text>
    </Stack>
  );
}
