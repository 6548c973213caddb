// The order actions that need more than a click: delivery (short quantities per line), returns (quantity
// and condition per line) and cancellation (a reason).
import { Button, Group, Modal, NativeSelect, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SecondaryOrderResponse } from "../../../shared/contracts/orders.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { skuLabel } from "./order-labels.ts";
import { useOrderTransition } from "./use-secondary-orders.ts";

interface DialogProps {
  order: SecondaryOrderResponse;
  opened: boolean;
  onClose: () => void;
}

const digits = (v: string) => v.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6)).replace(/[^0-9]/g, "");

export function DeliverOrderModal({ order, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const [delivered, setDelivered] = useState<Record<number, string>>({});
  const [note, setNote] = useState("");
  const transition = useOrderTransition({ meta: { inlineError: true }, onSuccess: onClose });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens, not on every render
  useEffect(() => {
    if (opened) {
      setDelivered(Object.fromEntries(order.lines.map((l) => [l.lineNo, String(l.qty)])));
      transition.reset();
    }
  }, [opened, order.lines]);

  const short = order.lines
    .filter((l) => delivered[l.lineNo] !== undefined && Number(delivered[l.lineNo]) !== l.qty)
    .map((l) => ({ lineNo: l.lineNo, deliveredQty: Math.min(Number(delivered[l.lineNo] || 0), l.qty) }));

  return (
    <Modal opened={opened} onClose={onClose} title={t("orders.actions.deliver")} size="lg" centered>
      <Stack gap="sm" data-testid="deliver-dialog">
        <Text size="sm" c="dimmed">
          {t("orders.deliver.hint")}
        </Text>
        <Table.ScrollContainer minWidth={420}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("orders.entry.sku")}</Table.Th>
                <Table.Th ta="right">{t("orders.deliver.ordered")}</Table.Th>
                <Table.Th w={110}>{t("orders.deliver.delivered")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {order.lines.map((l) => (
                <Table.Tr key={l.lineNo}>
                  <Table.Td>
                    <Text size="sm">{skuLabel({ name: l.skuName, nameBn: l.skuNameBn }, locale)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">{fmt.number(l.qty)}</Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      inputMode="numeric"
                      aria-label={t("orders.deliver.delivered")}
                      value={delivered[l.lineNo] ?? ""}
                      error={Number(delivered[l.lineNo] || 0) > l.qty}
                      onChange={(e) => {
                        const v = digits(e.currentTarget.value);
                        setDelivered((d) => ({ ...d, [l.lineNo]: v }));
                      }}
                      data-testid="deliver-qty"
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Textarea label={t("orders.entry.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <ErrorAlert error={transition.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="teal"
            loading={transition.isPending}
            onClick={() =>
              transition.mutate({
                id: order.id,
                action: "deliver",
                body: { lines: short, note: note.trim() || undefined },
              })
            }
            data-testid="deliver-submit"
          >
            {short.length ? t("orders.deliver.submitShort", { count: short.length }) : t("orders.deliver.submitFull")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function ReturnOrderModal({ order, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const [qty, setQty] = useState<Record<number, string>>({});
  const [condition, setCondition] = useState<Record<number, "saleable" | "damaged">>({});
  const [reason, setReason] = useState("");
  const transition = useOrderTransition({ meta: { inlineError: true }, onSuccess: onClose });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens, not on every render
  useEffect(() => {
    if (opened) {
      setQty({});
      setCondition({});
      setReason("");
      transition.reset();
    }
  }, [opened]);

  const returnable = order.lines.filter((l) => l.deliveredQty - l.returnedQty > 0);
  const lines = returnable
    .filter((l) => Number(qty[l.lineNo] || 0) > 0)
    .map((l) => ({
      lineNo: l.lineNo,
      qty: Number(qty[l.lineNo]),
      condition: condition[l.lineNo] ?? ("saleable" as const),
    }));

  return (
    <Modal opened={opened} onClose={onClose} title={t("orders.actions.return")} size="lg" centered>
      <Stack gap="sm" data-testid="return-dialog">
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("orders.entry.sku")}</Table.Th>
                <Table.Th ta="right">{t("orders.return.returnable")}</Table.Th>
                <Table.Th w={100}>{t("orders.return.qty")}</Table.Th>
                <Table.Th w={140}>{t("orders.return.condition")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {returnable.map((l) => (
                <Table.Tr key={l.lineNo}>
                  <Table.Td>
                    <Text size="sm">{skuLabel({ name: l.skuName, nameBn: l.skuNameBn }, locale)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">{fmt.number(l.deliveredQty - l.returnedQty)}</Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      inputMode="numeric"
                      aria-label={t("orders.return.qty")}
                      value={qty[l.lineNo] ?? ""}
                      error={Number(qty[l.lineNo] || 0) > l.deliveredQty - l.returnedQty}
                      onChange={(e) => {
                        const v = digits(e.currentTarget.value);
                        setQty((q) => ({ ...q, [l.lineNo]: v }));
                      }}
                      data-testid="return-qty"
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      size="xs"
                      aria-label={t("orders.return.condition")}
                      value={condition[l.lineNo] ?? "saleable"}
                      onChange={(e) => {
                        const v = e.currentTarget.value === "damaged" ? "damaged" : "saleable";
                        setCondition((c) => ({ ...c, [l.lineNo]: v }));
                      }}
                      data={[
                        { value: "saleable", label: t("orders.return.saleable") },
                        { value: "damaged", label: t("orders.return.damaged") },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Textarea
          label={t("orders.return.reason")}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="return-reason"
        />
        <ErrorAlert error={transition.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="orange"
            disabled={lines.length === 0 || reason.trim() === ""}
            loading={transition.isPending}
            onClick={() =>
              transition.mutate({ id: order.id, action: "return", body: { reason: reason.trim(), lines } })
            }
            data-testid="return-submit"
          >
            {t("orders.actions.return")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function CancelOrderModal({ order, opened, onClose }: DialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const transition = useOrderTransition({ meta: { inlineError: true }, onSuccess: onClose });
  return (
    <Modal opened={opened} onClose={onClose} title={t("orders.actions.cancel")} centered>
      <Stack gap="sm">
        <Text size="sm">{t("orders.cancel.confirm", { number: order.number })}</Text>
        <Textarea
          label={t("orders.cancel.reason")}
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="cancel-reason"
        />
        <ErrorAlert error={transition.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="red"
            disabled={reason.trim() === ""}
            loading={transition.isPending}
            onClick={() => transition.mutate({ id: order.id, action: "cancel", body: { reason: reason.trim() } })}
            data-testid="cancel-submit"
          >
            {t("orders.actions.cancel")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
