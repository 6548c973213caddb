// How fresh the numbers on screen are: when this page last heard from the server ("updated 4 s ago", ticking),
// when the rollups last took in a change, and how many committed changes are still on their way in.
import { Group, Loader, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Freshness } from "../../../shared/contracts/analytics.ts";
import { useFormat } from "../../ui/use-format.ts";
import { ClockIcon } from "./analytics-icons.tsx";

/** Re-render every second, for a clock on screen. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

export function FreshnessLine({
  updatedAt,
  freshness,
  fetching,
  refreshMs,
}: {
  /** When the page last received an answer (ms since the epoch); 0 before the first. */
  updatedAt: number;
  freshness: Freshness | undefined;
  fetching: boolean;
  refreshMs: number;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const now = useNow();
  const seconds = Math.max(0, Math.round((now - updatedAt) / 1000));
  const parts: string[] = [];
  if (updatedAt > 0) parts.push(t("analytics.freshness.updatedAgo", { n: fmt.number(seconds) }));
  parts.push(t("analytics.freshness.autoRefresh", { n: fmt.number(refreshMs / 1000) }));
  if (freshness?.appliedAt) parts.push(t("analytics.freshness.appliedAt", { time: fmt.dateTime(freshness.appliedAt) }));
  return (
    <Group gap={6} wrap="nowrap" data-testid="analytics-freshness">
      <ClockIcon size={14} />
      <Text size="xs" c="dimmed">
        {parts.join(" · ")}
        {freshness && freshness.pending > 0 ? (
          <Text span inherit c="orange.8" data-testid="analytics-pending">
            {" · "}
            {t("analytics.freshness.pending", { n: fmt.number(freshness.pending) })}
          </Text>
        ) : null}
      </Text>
      {fetching ? <Loader size={12} /> : null}
    </Group>
  );
}
