import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api/api-client.ts";

/** The server's message is already in the user's language; anything else gets a generic one. */
export function errorMessage(error: unknown, fallback: string): string {
  return isApiError(error) ? error.message : fallback;
}

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="error-alert">
      {errorMessage(error, t("errors.generic"))}
    </Alert>
  );
}
