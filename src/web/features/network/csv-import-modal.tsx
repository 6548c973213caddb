// Upload or paste a CSV file; on a refusal, the server's row-by-row report as a table. Nothing is imported
// unless every row is good, so the user fixes the file and sends it again.
import { Alert, Button, Code, FileButton, Group, Modal, Stack, Table, Text, Textarea } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportRowError } from "../../../shared/contracts/network.ts";
import { isApiError, newIdempotencyKey } from "../../api/api-client.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { NumberText } from "../../ui/formatted-values.tsx";

type ImportMutation = UseMutationResult<{ imported: number }, Error, { csv: string; idempotencyKey: string }>;

export function CsvImportModal({
  opened,
  onClose,
  title,
  columns,
  mutation,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  columns: string;
  mutation: ImportMutation;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery("(max-width: 36em)") ?? false;
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const error = mutation.error;
  const rows: ImportRowError[] =
    isApiError(error) && Array.isArray(error.details?.errors) ? (error.details.errors as ImportRowError[]) : [];
  const close = () => {
    mutation.reset();
    setCsv("");
    setFileName(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={title} size="xl" fullScreen={isPhone} centered>
      <Stack gap="sm">
        <Text size="sm">{t("network.import.hint")}</Text>
        <Code block data-testid="import-columns">
          {columns}
        </Code>
        <Group gap="sm">
          <FileButton
            accept=".csv,text/csv"
            onChange={async (file) => {
              if (!file) return;
              setFileName(file.name);
              setCsv(await file.text());
              mutation.reset();
            }}
          >
            {(props) => (
              <Button variant="default" {...props} data-testid="import-file">
                {t("network.import.chooseFile")}
              </Button>
            )}
          </FileButton>
          {fileName ? <Text size="sm">{fileName}</Text> : null}
        </Group>
        <Textarea
          label={t("network.import.paste")}
          autosize
          minRows={4}
          maxRows={12}
          value={csv}
          onChange={(e) => {
            setCsv(e.currentTarget.value);
            mutation.reset();
          }}
          styles={{ input: { fontFamily: "monospace", fontSize: 12 } }}
          data-testid="import-text"
        />
        {mutation.isSuccess ? (
          <Alert color="teal" variant="light" data-testid="import-done">
            {t("network.import.done")} <NumberText value={mutation.data.imported} />
          </Alert>
        ) : null}
        {rows.length > 0 ? (
          <Stack gap={4}>
            <Alert color="red" variant="light" data-testid="import-refused">
              {error?.message}
            </Alert>
            <Table.ScrollContainer minWidth={480} mah={300}>
              <Table striped verticalSpacing={4} data-testid="import-report">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{t("network.import.row")}</Table.Th>
                    <Table.Th w={140}>{t("network.import.column")}</Table.Th>
                    <Table.Th>{t("network.import.problem")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={`${r.row}-${r.column}-${r.code}`} data-testid="import-error-row">
                      <Table.Td>
                        <NumberText value={r.row} />
                      </Table.Td>
                      <Table.Td>
                        <Code>{r.column ?? "—"}</Code>
                      </Table.Td>
                      <Table.Td>{r.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ) : (
          <ErrorAlert error={error} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {mutation.isSuccess ? t("common.done") : t("common.cancel")}
          </Button>
          <Button
            disabled={csv.trim() === "" || mutation.isSuccess}
            loading={mutation.isPending}
            onClick={() => mutation.mutate({ csv, idempotencyKey: newIdempotencyKey() })}
            data-testid="import-submit"
          >
            {t("network.import.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
