// The SLA badge of one target (first response or resolution): the countdown, "overdue", "paused" or "met".
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../ui/use-format.ts";
import { BADGE_COLORS, durationParts, type SlaTarget, slaBadge } from "./sla-display.ts";

export function useDuration() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (minutes: number) => {
    const { d, h, m } = durationParts(minutes);
    if (d > 0) return t("service.sla.days", { d: fmt.number(d), h: fmt.number(h) });
    if (h > 0) return t("service.sla.hours", { h: fmt.number(h), m: fmt.number(m) });
    return t("service.sla.minutes", { m: fmt.number(m) });
  };
}

export function SlaBadge({ target, paused, testId }: { target: SlaTarget; paused: boolean; testId?: string }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const b = slaBadge(target, paused, new Date());
  const label =
    b.state === "met"
      ? t(b.late ? "service.sla.metLate" : "service.sla.met")
      : b.state === "breached"
        ? t("service.sla.breached", { time: duration(b.minutesOver) })
        : b.state === "paused"
          ? t("service.sla.paused")
          : b.state === "running"
            ? t("service.sla.left", { time: duration(b.minutesLeft) })
            : t("service.sla.none");
  const color = b.state === "running" ? b.color : b.state === "met" && b.late ? "orange" : BADGE_COLORS[b.state];
  return (
    <Badge color={color} variant="light" tt="none" data-testid={testId} data-state={b.state}>
      {label}
    </Badge>
  );
}
