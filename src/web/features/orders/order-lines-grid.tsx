// The keyboard-first grid of a memo: type a code or a name (either script), Enter adds the SKU and puts the
// cursor in its quantity; Enter in a quantity goes back to the search; Backspace or Delete on an empty
// quantity removes the line. Rows are memoized and each prices itself, so typing in one row re-renders
// that row and the totals only — a 150-line memo stays instant.
import { ActionIcon, Badge, Group, NativeSelect, Paper, Table, Text, TextInput, UnstyledButton } from "@mantine/core";
import { type Dispatch, type KeyboardEvent, memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PricedLine } from "../../../shared/pricing/order-pricing.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { Money } from "../../ui/formatted-values.tsx";
import { SearchIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { skuLabel } from "./order-labels.ts";
import {
  buildSkuIndex,
  defaultUnit,
  type EntryLine,
  type EntryPricing,
  type LinesAction,
  type PriceBasis,
  priceEntryLine,
  searchSkus,
  unitPriceOf,
} from "./order-lines-state.ts";
import type { OrderBookSku } from "./use-order-book.ts";

interface GridProps {
  skus: readonly OrderBookSku[];
  lines: readonly EntryLine[];
  dispatch: Dispatch<LinesAction>;
  basis: PriceBasis;
  /** Problems per SKU id (e.g. "available 40"), shown on the line in red. */
  lineErrors?: Readonly<Record<string, string>>;
  /** The unit a new line starts in when the SKU has it (primary orders: "case"). */
  preferredUnit?: string;
  /**
   * The whole memo priced with the schemes in force (order entry): each row then shows its scheme discounts
   * and the free-goods lines follow the entered ones. Without it every row prices itself.
   */
  pricing?: EntryPricing;
}

export function OrderLinesGrid({ skus, lines, dispatch, basis, lineErrors, preferredUnit, pricing }: GridProps) {
  const { t } = useTranslation();
  const skuMap = useMemo(() => new Map(skus.map((s) => [s.id, s])), [skus]);
  const qtyInputs = useRef(new Map<string, HTMLInputElement>());
  const searchInput = useRef<HTMLInputElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const linesRef = useRef(lines);
  linesRef.current = lines;

  useEffect(() => {
    const skuId = pendingFocus.current;
    if (!skuId) return;
    pendingFocus.current = null;
    const line = lines.find((l) => l.skuId === skuId);
    const input = line ? qtyInputs.current.get(line.key) : undefined;
    input?.focus();
    input?.select();
  }, [lines]);

  const addSku = useCallback(
    (sku: OrderBookSku) => {
      pendingFocus.current = sku.id;
      dispatch({ type: "add", skuId: sku.id, unit: defaultUnit(sku, preferredUnit) });
    },
    [dispatch, preferredUnit],
  );

  const registerQty = useCallback((key: string, el: HTMLInputElement | null) => {
    if (el) qtyInputs.current.set(key, el);
    else qtyInputs.current.delete(key);
  }, []);

  const onQtyKeyDown = useCallback(
    (key: string, e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === "Enter") {
        e.preventDefault();
        searchInput.current?.focus();
      } else if ((e.key === "Backspace" || e.key === "Delete") && e.currentTarget.value === "") {
        e.preventDefault();
        const current = linesRef.current;
        const i = current.findIndex((l) => l.key === key);
        const previous = current[i - 1];
        dispatch({ type: "remove", key });
        const target = previous ? qtyInputs.current.get(previous.key) : null;
        (target ?? searchInput.current)?.focus();
      }
    },
    [dispatch],
  );

  return (
    <Paper withBorder p={{ base: "xs", sm: "sm" }}>
      <SkuSearch skus={skus} onPick={addSku} inputRef={searchInput} />
      <Table.ScrollContainer minWidth={640} mt="sm">
        <Table verticalSpacing={4} data-testid="order-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>#</Table.Th>
              <Table.Th>{t("orders.entry.sku")}</Table.Th>
              <Table.Th w={96}>{t("orders.entry.qty")}</Table.Th>
              <Table.Th w={170}>{t("orders.entry.unit")}</Table.Th>
              <Table.Th ta="right">{t("orders.entry.unitPrice")}</Table.Th>
              <Table.Th ta="right">{t("orders.entry.lineTotal")}</Table.Th>
              <Table.Th w={36} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, i) => (
              <LineRow
                key={line.key}
                index={i}
                line={line}
                sku={skuMap.get(line.skuId)}
                basis={basis}
                error={lineErrors?.[line.skuId]}
                schemePriced={pricing ? (pricing.byKey.get(line.key) ?? null) : undefined}
                dispatch={dispatch}
                registerQty={registerQty}
                onQtyKeyDown={onQtyKeyDown}
              />
            ))}
            {pricing?.free.map((f, i) => (
              <FreeLineRow
                key={`free-${f.schemeId}-${f.skuId}`}
                index={lines.length + i}
                line={f}
                sku={skuMap.get(f.skuId)}
              />
            ))}
            {lines.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text c="dimmed" ta="center" py="sm" size="sm">
                    {t("orders.entry.noLines")}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

interface RowProps {
  index: number;
  line: EntryLine;
  sku: OrderBookSku | undefined;
  basis: PriceBasis;
  error: string | undefined;
  /** The line as the whole memo priced it (null: not priceable yet); undefined: the row prices itself. */
  schemePriced?: PricedLine | null;
  dispatch: Dispatch<LinesAction>;
  registerQty: (key: string, el: HTMLInputElement | null) => void;
  onQtyKeyDown: (key: string, e: KeyboardEvent<HTMLInputElement>) => void;
}

/** The memo is priced whole, so every row gets a new priced object on each keystroke: compare it by value. */
function samePriced(a: PricedLine | null | undefined, b: PricedLine | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.qty === b.qty &&
    a.grossPoisha === b.grossPoisha &&
    a.discountPoisha === b.discountPoisha &&
    a.vatPoisha === b.vatPoisha &&
    a.totalPoisha === b.totalPoisha &&
    a.adjustments.length === b.adjustments.length &&
    a.adjustments.every((x, i) => {
      const y = b.adjustments[i];
      return y !== undefined && x.schemeId === y.schemeId && x.kind === y.kind && x.poisha === y.poisha;
    })
  );
}

function sameRowProps(a: RowProps, b: RowProps): boolean {
  return (
    a.index === b.index &&
    a.line === b.line &&
    a.sku === b.sku &&
    a.basis === b.basis &&
    a.error === b.error &&
    a.dispatch === b.dispatch &&
    a.registerQty === b.registerQty &&
    a.onQtyKeyDown === b.onQtyKeyDown &&
    samePriced(a.schemePriced, b.schemePriced)
  );
}

const LineRow = memo(function LineRow({
  index,
  line,
  sku,
  basis,
  error,
  schemePriced,
  dispatch,
  registerQty,
  onQtyKeyDown,
}: RowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const ownPrice = useMemo(
    () => (schemePriced === undefined ? priceEntryLine(line, sku, basis) : null),
    [line, sku, basis, schemePriced],
  );
  const priced = schemePriced === undefined ? ownPrice : schemePriced;
  const unitPrice = sku ? unitPriceOf(sku, basis) : null;
  const factor = sku?.units.find((u) => u.unit === line.unit)?.factor ?? 1;
  const invalid = line.qty === "" || Number(line.qty) <= 0;
  return (
    <Table.Tr data-testid="order-line" data-sku={sku?.code} bg={error ? "var(--mantine-color-red-light)" : undefined}>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {fmt.number(index + 1)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500} lineClamp={1}>
          {sku ? skuLabel(sku, locale) : line.skuId}
        </Text>
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {sku?.code}
          </Text>
          {error ? (
            <Text size="xs" c="red" fw={600} data-testid="line-error">
              {error}
            </Text>
          ) : null}
          {sku && !sku.price ? (
            <Text size="xs" c="red">
              {t("orders.entry.noPrice")}
            </Text>
          ) : null}
        </Group>
        <SchemeAdjustments line={priced} />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          ref={(el) => registerQty(line.key, el)}
          value={line.qty}
          inputMode="numeric"
          aria-label={t("orders.entry.qty")}
          error={invalid}
          onChange={(e) => dispatch({ type: "setQty", key: line.key, qty: e.currentTarget.value })}
          onKeyDown={(e) => onQtyKeyDown(line.key, e)}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="line-qty"
        />
      </Table.Td>
      <Table.Td>
        <NativeSelect
          size="xs"
          aria-label={t("orders.entry.unit")}
          value={line.unit}
          onChange={(e) => dispatch({ type: "setUnit", key: line.key, unit: e.currentTarget.value })}
          data={(sku?.units ?? []).map((u) => ({
            value: u.unit,
            label: locale === "bn" ? u.nameBn || u.name : u.name,
          }))}
          data-testid="line-unit"
        />
      </Table.Td>
      <Table.Td ta="right">{unitPrice !== null ? <Money size="sm" poisha={unitPrice * factor} /> : "—"}</Table.Td>
      <Table.Td ta="right">
        {priced ? <Money size="sm" fw={500} poisha={priced.totalPoisha} data-testid="line-total" /> : "—"}
      </Table.Td>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={t("orders.entry.removeLine")}
          onClick={() => dispatch({ type: "remove", key: line.key })}
          data-testid="line-remove"
          tabIndex={-1}
        >
          ×
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}, sameRowProps);

/** What each scheme gave on this line: its label and the poisha off, one badge per scheme. */
export function SchemeAdjustments({ line }: { line: PricedLine | null | undefined }) {
  const locale = useLocale();
  const fmt = useFormat();
  const list = line?.adjustments.filter((a) => a.kind === "discount" && a.poisha > 0) ?? [];
  if (list.length === 0) return null;
  return (
    <Group gap={4} mt={2}>
      {list.map((a) => (
        <Badge
          key={a.schemeId}
          size="sm"
          variant="light"
          color="grape"
          tt="none"
          data-testid="line-scheme"
          data-scheme={a.schemeId}
        >
          {a.label[locale]} · −{fmt.money(a.poisha)}
        </Badge>
      ))}
    </Group>
  );
}

/** A free-goods line a scheme added: not editable; it totals nothing and names the scheme that gave it. */
function FreeLineRow({ index, line, sku }: { index: number; line: PricedLine; sku: OrderBookSku | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const label = line.adjustments.find((a) => a.kind === "free_goods")?.label[locale];
  const base = sku?.units.find((u) => u.unit === sku.baseUnit);
  return (
    <Table.Tr data-testid="free-line" data-sku={sku?.code} bg="var(--mantine-color-grape-light)">
      <Table.Td>
        <Text size="sm" c="dimmed">
          {fmt.number(index + 1)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500} lineClamp={1}>
          {sku ? skuLabel(sku, locale) : line.skuId}
        </Text>
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {sku?.code}
          </Text>
          <Badge size="sm" color="grape" tt="none" data-testid="free-line-label">
            {t("promotions.entry.free")}
            {label ? ` · ${label}` : ""}
          </Badge>
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="free-line-qty">
          {fmt.number(line.qty)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{base ? (locale === "bn" ? base.nameBn || base.name : base.name) : sku?.baseUnit}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <Money size="sm" poisha={line.unitPricePoisha} td="line-through" c="dimmed" />
      </Table.Td>
      <Table.Td ta="right">
        <Money size="sm" fw={500} poisha={line.totalPoisha} />
      </Table.Td>
      <Table.Td />
    </Table.Tr>
  );
}

/** The search keeps its own state: typing in it never re-renders the grid. */
const SkuSearch = memo(function SkuSearch({
  skus,
  onPick,
  inputRef,
}: {
  skus: readonly OrderBookSku[];
  onPick: (sku: OrderBookSku) => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const index = useMemo(() => buildSkuIndex(skus), [skus]);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const results = useMemo(() => searchSkus(index, query), [index, query]);

  const pick = (sku: OrderBookSku | undefined) => {
    if (!sku) return;
    setQuery("");
    setActive(0);
    onPick(sku);
  };

  return (
    <div style={{ position: "relative" }}>
      <TextInput
        ref={inputRef}
        leftSection={<SearchIcon size={16} />}
        placeholder={t("orders.entry.searchPlaceholder")}
        aria-label={t("orders.entry.searchSku")}
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, results.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter") {
            e.preventDefault();
            pick(results[active] ?? results[0]);
          } else if (e.key === "Escape") {
            setQuery("");
          }
        }}
        data-testid="sku-search"
      />
      {results.length > 0 ? (
        <Paper
          withBorder
          shadow="md"
          pos="absolute"
          left={0}
          right={0}
          style={{ zIndex: 20 }}
          role="listbox"
          data-testid="sku-results"
        >
          {results.map((s, i) => (
            <UnstyledButton
              key={s.id}
              role="option"
              aria-selected={i === active}
              display="block"
              w="100%"
              px="sm"
              py={6}
              bg={i === active ? "var(--mantine-primary-color-light)" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(s);
              }}
              onMouseEnter={() => setActive(i)}
              data-testid="sku-result"
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" truncate>
                  {skuLabel(s, locale)}
                  <Text span size="xs" c="dimmed">
                    {" "}
                    · {locale === "bn" ? s.name : s.nameBn}
                  </Text>
                </Text>
                <Badge variant="light" color="gray" tt="none">
                  {s.code}
                </Badge>
              </Group>
            </UnstyledButton>
          ))}
        </Paper>
      ) : null}
    </div>
  );
});
