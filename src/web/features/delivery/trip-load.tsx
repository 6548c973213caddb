// What a trip carries against what its vehicle takes: one bar for weight and one for volume, amber near the
// limit and red over it, with the lines whose SKU has no weight or volume named (they are not counted).
import { Group, Paper, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TripLoad } from "../../../shared/contracts/delivery.ts";
import { useFormat } from "../../ui/use-format.ts";
import { barValue, CAPACITY_COLORS, capacityLevel, kgOf, m3Of, percentOf, usedBp } from "./delivery-labels.ts";

/** The load with `extra` grams and cm³ added (the planner's preview of the orders ticked but not yet added). */
export function loadWith(load: TripLoad, extra: { weightG: number; volumeCm3: number }): TripLoad {
  const weightG = load.weightG + extra.weightG;
  const volumeCm3 = load.volumeCm3 + extra.volumeCm3;
  return {
    ...load,
    weightG,
    volumeCm3,
    weightUsedBp: usedBp(weightG, load.capacityG) ?? 0,
    volumeUsedBp: usedBp(volumeCm3, load.capacityCm3),
  };
}

export function TripLoadBars({
  load,
  title,
  testId = "trip-load",
}: {
  load: TripLoad;
  title?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const weightLevel = capacityLevel(load.weightUsedBp);
  const volumeLevel = capacityLevel(load.volumeUsedBp);
  return (
    <Paper
      withBorder
      p="sm"
      data-testid={testId}
      data-weight-level={weightLevel}
      data-volume-level={volumeLevel}
      data-weight-bp={load.weightUsedBp}
    >
      <Stack gap={8}>
        {title ? (
          <Text size="sm" fw={600}>
            {title}
          </Text>
        ) : null}
        <Bar
          label={t("delivery.load.weight")}
          level={weightLevel}
          bp={load.weightUsedBp}
          text={t("delivery.load.kgOf", {
            used: fmt.number(kgOf(load.weightG)),
            capacity: fmt.number(kgOf(load.capacityG)),
            percent: fmt.number(percentOf(load.weightUsedBp)),
          })}
          testId={`${testId}-weight`}
        />
        {load.capacityCm3 !== null ? (
          <Bar
            label={t("delivery.load.volume")}
            level={volumeLevel}
            bp={load.volumeUsedBp}
            text={t("delivery.load.m3Of", {
              used: fmt.number(m3Of(load.volumeCm3)),
              capacity: fmt.number(m3Of(load.capacityCm3)),
              percent: fmt.number(percentOf(load.volumeUsedBp ?? 0)),
            })}
            testId={`${testId}-volume`}
          />
        ) : (
          <Text size="xs" c="dimmed">
            {t("delivery.load.volumeUnchecked", { used: fmt.number(m3Of(load.volumeCm3)) })}
          </Text>
        )}
        {load.linesWithoutWeight + load.linesWithoutVolume > 0 ? (
          <Text size="xs" c="orange.8" data-testid={`${testId}-unknown`}>
            {t("delivery.load.unknown", {
              weight: fmt.number(load.linesWithoutWeight),
              volume: fmt.number(load.linesWithoutVolume),
              lines: fmt.number(load.lineCount),
            })}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function Bar({
  label,
  level,
  bp,
  text,
  testId,
}: {
  label: string;
  level: ReturnType<typeof capacityLevel>;
  bp: number | null;
  text: string;
  testId: string;
}) {
  return (
    <div data-testid={testId} data-level={level}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" fw={500}>
          {label}
        </Text>
        <Text size="xs" c={level === "over" ? "red" : "dimmed"} fw={level === "over" ? 600 : 400}>
          {text}
        </Text>
      </Group>
      <Progress value={barValue(bp)} color={CAPACITY_COLORS[level]} size="lg" radius="sm" />
    </div>
  );
}
