// One CRM record's timeline: orders, visits, deliveries, activities, tickets, ... newest first, a page at a time.
// Other screens (leads, deals, tickets) show it with <Timeline type="lead" id={...} />.
import { Button, Card, Loader, Timeline as MantineTimeline, Text } from "@mantine/core";
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import { EmptyListText } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText } from "../../ui/formatted-values.tsx";
import { timelineColor } from "./timeline-display.ts";
import { useTimeline } from "./use-crm.ts";

export function Timeline({ type, id }: { type: "contact" | "account" | "lead" | "deal"; id: string }): ReactElement {
  const { t } = useTranslation();
  const timeline = useTimeline(type, id);
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card withBorder data-testid="crm-timeline">
      <Text fw={600} mb="xs">
        {t("crm.timeline.title")}
      </Text>
      <ErrorAlert error={timeline.error} />
      {timeline.isPending ? <Loader size="sm" /> : null}
      {!timeline.isPending && items.length === 0 ? <EmptyListText>{t("crm.timeline.empty")}</EmptyListText> : null}
      <MantineTimeline bulletSize={14} lineWidth={2}>
        {items.map((e) => (
          <MantineTimeline.Item
            key={`${e.kind}-${e.link?.id ?? ""}-${e.at}-${e.title}`}
            color={timelineColor(e.kind)}
            title={e.title}
            data-kind={e.kind}
          >
            {e.detail ? <Text size="sm">{e.detail}</Text> : null}
            <Text size="xs" c="dimmed">
              <DateTimeText value={e.at} />
              {e.actorName ? ` · ${e.actorName}` : ""}
            </Text>
          </MantineTimeline.Item>
        ))}
      </MantineTimeline>
      {timeline.hasNextPage ? (
        <Button
          variant="subtle"
          size="xs"
          mt="xs"
          loading={timeline.isFetchingNextPage}
          onClick={() => void timeline.fetchNextPage()}
        >
          {t("crm.timeline.more")}
        </Button>
      ) : null}
    </Card>
  );
}
