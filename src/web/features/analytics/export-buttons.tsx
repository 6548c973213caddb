// "Export CSV" and "Export XLSX": the file of exactly the query the table on screen shows.
import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DownloadIcon } from "./analytics-icons.tsx";
import { type ExportFormat, type ExportReport, useDownloadExport } from "./use-analytics.ts";

export function ExportButtons({ report, query }: { report: ExportReport; query: object }) {
  const { t } = useTranslation();
  const download = useDownloadExport();
  // A failure is shown by the app's one toast for failed actions (main.tsx).
  const run = (format: ExportFormat) => download.mutate({ report, format, query });
  const busy = (format: ExportFormat) => download.isPending && download.variables?.format === format;
  return (
    <>
      {(["csv", "xlsx"] as const).map((format) => (
        <Button
          key={format}
          variant="default"
          leftSection={<DownloadIcon size={16} />}
          loading={busy(format)}
          disabled={download.isPending}
          onClick={() => run(format)}
          data-testid={`export-${format}`}
        >
          {t(`analytics.export.${format}`)}
        </Button>
      ))}
    </>
  );
}
