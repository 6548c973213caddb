// /price-lists/$priceListId: the header, and the items as an editable grid showing the chain of the trade
// (MRP -> retailer -> distributor) with each step's margin off MRP. Prices are typed in taka; each step is
// a flat price or a margin %. Changed rows are saved together (all or nothing); CSV export and import.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { Link, useParams } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PriceImportResponse, PriceListItemInput } from "../../../shared/contracts/catalog.ts";
import { marginOf, priceFromMargin } from "../../../shared/pricing/order-pricing.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText } from "../../ui/formatted-values.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { localName } from "./catalog-labels.ts";
import { PriceListFormModal } from "./price-list-form-modal.tsx";
import { useAppliesTo } from "./price-list-list-page.tsx";
import {
  priceListCsvUrl,
  useImportPriceListItems,
  usePriceList,
  usePriceListItems,
  useSetPriceListArchived,
  useUpsertPriceListItems,
} from "./use-price-lists.ts";
import { useSkus } from "./use-skus.ts";

interface Row {
  skuId: string;
  code: string;
  name: string;
  nameBn: string;
  mrp: number;
  retailerMode: "price" | "margin";
  retailer: number;
  distributorMode: "price" | "margin";
  distributor: number;
}

/** Poisha from taka typed in a number input (two decimals at most). */
const toPoisha = (taka: number | string) => Math.round(Number(taka) * 100);
const toBp = (percent: number | string) => Math.round(Number(percent) * 100);

const stepPrice = (mrp: number, mode: "price" | "margin", value: number) =>
  mode === "price" ? value : priceFromMargin(mrp, value);

export function PriceListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { priceListId } = useParams({ from: "/_app/price-lists/$priceListId" });
  const list = usePriceList(priceListId);
  const items = usePriceListItems(priceListId);
  const appliesTo = useAppliesTo();
  const [editing, setEditing] = useState(false);
  const [importing, setImporting] = useState(false);
  const archive = useSetPriceListArchived();
  const p = list.data;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/price-lists" size="sm">
        ← {t("catalog.priceList.back")}
      </Anchor>
      <ErrorAlert error={list.error ?? archive.error} />
      {p ? (
        <Paper withBorder p="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={2}>
                {p.code} · {localName(p, locale)}
              </Title>
              <Text size="sm" mt={4} data-testid="price-list-applies">
                {t("catalog.priceList.appliesTo")}: {appliesTo(p)}
              </Text>
              <Text size="sm" c="dimmed">
                <DateText value={p.validFrom} /> –{" "}
                {p.validTo ? <DateText value={p.validTo} /> : t("catalog.priceList.openEnded")} ·{" "}
                {p.pricesIncludeVat ? t("catalog.priceList.includesVat") : t("catalog.priceList.excludesVat")}
              </Text>
            </div>
            <Group gap="xs">
              {p.archivedAt ? <Badge color="gray">{t("catalog.common.archived")}</Badge> : null}
              <Button variant="default" onClick={() => setEditing(true)} data-testid="price-list-edit">
                {t("catalog.common.edit")}
              </Button>
              <Button
                variant="default"
                color={p.archivedAt ? undefined : "red"}
                loading={archive.isPending}
                onClick={() => archive.mutate({ id: p.id, archived: !p.archivedAt })}
                data-testid="price-list-archive"
              >
                {p.archivedAt ? t("catalog.common.restore") : t("catalog.common.archive")}
              </Button>
            </Group>
          </Group>
        </Paper>
      ) : null}
      <Group justify="space-between">
        <Title order={3}>{t("catalog.items.title")}</Title>
        <Group gap="xs">
          <Button component="a" href={priceListCsvUrl(priceListId)} variant="default" data-testid="price-export">
            {t("catalog.common.exportCsv")}
          </Button>
          <Button variant="default" onClick={() => setImporting(true)} data-testid="price-import">
            {t("catalog.import.title")}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={items.error} />
      {items.data ? (
        <ItemsGrid
          key={items.dataUpdatedAt}
          priceListId={priceListId}
          initial={items.data.map((i) => ({
            skuId: i.skuId,
            code: i.skuCode,
            name: i.skuName,
            nameBn: i.skuNameBn,
            mrp: i.mrpPoisha,
            retailerMode: i.retailerMarginBp !== null ? "margin" : "price",
            retailer: i.retailerMarginBp ?? i.retailerPricePoisha ?? 0,
            distributorMode: i.distributorMarginBp !== null ? "margin" : "price",
            distributor: i.distributorMarginBp ?? i.distributorPricePoisha ?? 0,
          }))}
        />
      ) : null}
      {p ? <PriceListFormModal opened={editing} list={p} onClose={() => setEditing(false)} /> : null}
      <ImportModal priceListId={priceListId} opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}

function ItemsGrid({ priceListId, initial }: { priceListId: string; initial: Row[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const [rows, setRows] = useState(initial);
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const save = useUpsertPriceListItems(priceListId, {
    meta: { inlineError: true },
    onSuccess: () => notifications.show({ color: "teal", message: t("catalog.items.saved") }),
  });
  const [skuQ, setSkuQ] = useState("");
  const [debouncedSkuQ] = useDebouncedValue(skuQ, 250);
  const skuSearch = useSkus({ q: debouncedSkuQ || undefined });
  const present = useMemo(() => new Set(rows.map((r) => r.skuId)), [rows]);
  const candidates = (skuSearch.data?.pages.flatMap((p) => p.items) ?? []).filter((s) => !present.has(s.id));

  const change = (skuId: string, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.skuId === skuId ? { ...r, ...patch } : r)));
    setDirty((d) => new Set(d).add(skuId));
  };
  const chainOk = (r: Row) => {
    const retailer = stepPrice(r.mrp, r.retailerMode, r.retailer);
    const distributor = stepPrice(r.mrp, r.distributorMode, r.distributor);
    return retailer <= r.mrp && distributor <= retailer;
  };
  const changes = dirty.size + removed.size;
  const submit = () => {
    const items: PriceListItemInput[] = rows
      .filter((r) => dirty.has(r.skuId))
      .map((r) => ({
        skuId: r.skuId,
        mrpPoisha: r.mrp,
        ...(r.retailerMode === "price" ? { retailerPricePoisha: r.retailer } : { retailerMarginBp: r.retailer }),
        ...(r.distributorMode === "price"
          ? { distributorPricePoisha: r.distributor }
          : { distributorMarginBp: r.distributor }),
      }));
    save.mutate({ items, removeSkuIds: [...removed] });
  };

  const stepInput = (r: Row, step: "retailer" | "distributor") => {
    const mode = step === "retailer" ? r.retailerMode : r.distributorMode;
    const value = step === "retailer" ? r.retailer : r.distributor;
    const modeKey = step === "retailer" ? "retailerMode" : "distributorMode";
    const price = stepPrice(r.mrp, mode, value);
    return (
      <Stack gap={2}>
        <Group gap={4} wrap="nowrap">
          <NumberInput
            size="xs"
            w={110}
            min={0}
            decimalScale={2}
            value={mode === "price" ? value / 100 : value / 100}
            suffix={mode === "margin" ? " %" : undefined}
            aria-label={t(`catalog.items.${step}`)}
            onChange={(v) => change(r.skuId, { [step]: mode === "price" ? toPoisha(v) : toBp(v) })}
            data-testid={`price-${step}`}
          />
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(m) => {
              // Switching keeps the same price: a price becomes its margin and back.
              const next = m === "margin" ? marginOf(r.mrp, price) : price;
              change(r.skuId, { [modeKey]: m, [step]: next });
            }}
            data={[
              { value: "price", label: "৳" },
              { value: "margin", label: "%" },
            ]}
          />
        </Group>
        <Text size="xs" c="dimmed">
          {fmt.money(price)} · {t("catalog.items.margin")} {fmt.number(marginOf(r.mrp, price) / 100)}%
        </Text>
      </Stack>
    );
  };

  return (
    <Stack gap="sm">
      <ErrorAlert error={save.error} />
      <Select
        placeholder={t("catalog.items.addSku")}
        searchable
        searchValue={skuQ}
        onSearchChange={setSkuQ}
        value={null}
        filter={({ options }) => options}
        onChange={(id) => {
          const s = candidates.find((c) => c.id === id);
          if (!s) return;
          setRows((rs) => [
            ...rs,
            {
              skuId: s.id,
              code: s.code,
              name: s.name,
              nameBn: s.nameBn,
              mrp: 0,
              retailerMode: "margin",
              retailer: 0,
              distributorMode: "margin",
              distributor: 0,
            },
          ]);
          setDirty((d) => new Set(d).add(s.id));
          setSkuQ("");
        }}
        data={candidates.map((s) => ({ value: s.id, label: `${s.code} · ${localName(s, locale)}` }))}
        data-testid="price-add-sku"
      />
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing={4} striped data-testid="price-items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("catalog.items.sku")}</Table.Th>
              <Table.Th>{t("catalog.items.mrp")}</Table.Th>
              <Table.Th>{t("catalog.items.retailer")}</Table.Th>
              <Table.Th>{t("catalog.items.distributor")}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows
              .filter((r) => !removed.has(r.skuId))
              .map((r) => (
                <Table.Tr key={r.skuId} data-testid="price-item-row" bg={chainOk(r) ? undefined : "red.0"}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {r.code}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {localName(r, locale)}
                    </Text>
                    {!chainOk(r) ? (
                      <Text size="xs" c="red">
                        {t("catalog.items.chainError")}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      w={110}
                      min={0}
                      decimalScale={2}
                      prefix="৳ "
                      value={r.mrp / 100}
                      aria-label={t("catalog.items.mrp")}
                      onChange={(v) => change(r.skuId, { mrp: toPoisha(v) })}
                      data-testid="price-mrp"
                    />
                  </Table.Td>
                  <Table.Td>{stepInput(r, "retailer")}</Table.Td>
                  <Table.Td>{stepInput(r, "distributor")}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setRemoved((s) => new Set(s).add(r.skuId))}
                    >
                      {t("catalog.items.remove")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            {rows.length === 0 ? <EmptyTableRow colSpan={5}>{t("catalog.items.empty")}</EmptyTableRow> : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {changes > 0 ? t("catalog.items.unsaved", { count: changes }) : ""}
        </Text>
        <Button
          disabled={changes === 0 || !rows.filter((r) => dirty.has(r.skuId)).every(chainOk)}
          loading={save.isPending}
          onClick={submit}
          data-testid="price-save"
        >
          {t("catalog.items.save")}
        </Button>
      </Group>
    </Stack>
  );
}

function ImportModal({ priceListId, opened, onClose }: { priceListId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [csv, setCsv] = useState("");
  const [report, setReport] = useState<PriceImportResponse | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const run = useImportPriceListItems(priceListId, {
    meta: { inlineError: true },
    onSuccess: (r) => {
      setReport(r);
      setKey(newIdempotencyKey());
      if (r.applied) {
        notifications.show({ color: "teal", message: t("catalog.import.applied", { count: fmt.number(r.total) }) });
        onClose();
      }
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t("catalog.import.title")} size="lg" centered>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("catalog.import.hint")}
        </Text>
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label={t("catalog.import.file")}
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (file) setCsv(await file.text());
            setReport(null);
          }}
          data-testid="price-import-file"
        />
        <Textarea
          minRows={4}
          maxRows={10}
          autosize
          value={csv}
          onChange={(e) => {
            setCsv(e.currentTarget.value);
            setReport(null);
          }}
          styles={{ input: { fontFamily: "monospace", fontSize: 12 } }}
          data-testid="price-import-text"
        />
        <ErrorAlert error={run.error} />
        {report && !report.applied ? (
          <Alert color={report.rows.length ? "red" : "teal"} data-testid="price-import-report">
            <Text size="sm">
              {t("catalog.import.valid", { valid: fmt.number(report.valid), total: fmt.number(report.total) })}
            </Text>
            {report.rows.length ? (
              <>
                <Text size="sm" mt="xs">
                  {t("catalog.import.nothingSaved")}
                </Text>
                <Table mt="xs" verticalSpacing={2}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("catalog.import.line")}</Table.Th>
                      <Table.Th>{t("catalog.items.sku")}</Table.Th>
                      <Table.Th>{t("catalog.import.problems")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.rows.map((r) => (
                      <Table.Tr key={r.line}>
                        <Table.Td>{fmt.number(r.line)}</Table.Td>
                        <Table.Td>{r.skuCode}</Table.Td>
                        <Table.Td>{r.errors.join("; ")}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            ) : null}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button
            variant="default"
            disabled={!csv.trim()}
            loading={run.isPending}
            onClick={() => run.mutate({ csv, dryRun: true, idempotencyKey: key })}
            data-testid="price-import-check"
          >
            {t("catalog.import.check")}
          </Button>
          <Button
            disabled={!csv.trim()}
            loading={run.isPending}
            onClick={() => run.mutate({ csv, dryRun: false, idempotencyKey: key })}
            data-testid="price-import-apply"
          >
            {t("catalog.import.apply")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
