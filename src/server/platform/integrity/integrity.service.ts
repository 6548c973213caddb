// The invariant checker behind `bikri check`: restates what the ledgers, their caches and the documents must
// agree on, and reports every place where the data says otherwise. It reads only, in one repeatable-read
// snapshot, so it can run against a live PostgreSQL without seeing a half-committed order as a problem.
// Each check has a stable name (scripts and tests match on it); docs/operations.md says what each means.
import type { Db, Executor } from "../../db/transaction.ts";
import { withTransaction } from "../../db/transaction.ts";
import * as repo from "./integrity.repository.ts";

export const CHECKS = [
  { name: "stock.ledger", about: "stock balances equal the sums of the stock movements" },
  { name: "stock.batches", about: "batch balances equal their movements and add up to the stock balances" },
  { name: "stock.non_negative", about: "no negative stock, and no more reserved than on hand" },
  {
    name: "stock.reservations",
    about: "reserved stock equals what open orders (confirmed, invoiced, dispatched) hold",
  },
  { name: "orders.complete", about: "every order has its lines, one creating event, and a last event at its status" },
  { name: "orders.totals", about: "order totals and line counts equal their lines; quantities in range" },
  { name: "orders.stock", about: "each order's stock movements match its status, lines and deliveries" },
  { name: "orders.returns", about: "returns match their lines, their orders' returned quantities and their stock" },
  { name: "receivables.invoices", about: "each delivery posted one invoice entry of its delivered total" },
  { name: "receivables.payments", about: "each payment posted one entry of minus its amount" },
  { name: "receivables.returns", about: "each return posted one entry of minus its total" },
  { name: "receivables.balance", about: "each outlet's dues equal deliveries - payments - returns" },
  { name: "references.declared", about: "foreign keys hold (they can be bypassed by bulk loads and restores)" },
  { name: "references.undeclared", about: "references without a foreign key point at rows of the same org" },
  { name: "documents.numbers", about: "invoice numbers unique; counters and the order sequence ahead of numbers used" },
] as const;

export type CheckName = (typeof CHECKS)[number]["name"];

export interface Finding {
  check: CheckName;
  orgId: string;
  /** What is wrong, in English for the operator, naming the records by their codes and numbers. */
  detail: string;
  /** How many problems this finding stands for, when it summarises more than one (default 1). */
  count?: number;
}

interface Rule {
  check: CheckName;
  run(db: Executor, orgId: string): Promise<repo.Problems<unknown>>;
  describe(row: unknown, db: Executor): string | Promise<string>;
}

function rule<T>(
  check: CheckName,
  run: (db: Executor, orgId: string) => Promise<repo.Problems<T>>,
  describe: (row: T, db: Executor) => string | Promise<string>,
): Rule {
  return { check, run, describe: describe as Rule["describe"] };
}

const n = (v: number | null | undefined) => String(v ?? 0);
const pair = (a: string | null, b: string | null) => `${a ?? "?"} × ${b ?? "?"}`;
/** "on_hand 10 ≠ 12" for each field that differs. */
function differences(fields: [string, number | null | undefined, number | null | undefined][]): string {
  return fields
    .filter(([, a, b]) => (a ?? 0) !== (b ?? 0))
    .map(([name, a, b]) => `${name} ${n(a)} ≠ ${n(b)}`)
    .join(", ");
}

const RULES: Rule[] = [
  rule(
    "stock.ledger",
    repo.balancesVsLedger,
    (r) =>
      `${pair(r.distributor_code, r.sku_code)}: balance vs ledger ${differences([
        ["on hand", r.cached_on_hand, r.ledger_on_hand],
        ["reserved", r.cached_reserved, r.ledger_reserved],
        ["damaged", r.cached_damaged, r.ledger_damaged],
      ])}`,
  ),
  rule("stock.batches", repo.batchesVsLedger, (r) =>
    r.has_balance
      ? `batch ${r.batch_no} of ${pair(r.distributor_code, r.sku_code)}: batch balance vs its movements ${differences([
          ["on hand", r.cached_on_hand, r.ledger_on_hand],
          ["damaged", r.cached_damaged, r.ledger_damaged],
        ])}`
      : `batch ${r.batch_no} of ${pair(r.distributor_code, r.sku_code)} has no balance row`,
  ),
  rule(
    "stock.batches",
    repo.batchIdentity,
    (r) =>
      `a ${r.source} of batch ${r.batch_no} (${pair(r.batch_distributor, r.batch_sku)}) names ${pair(r.row_distributor, r.row_sku)}`,
  ),
  rule(
    "stock.batches",
    repo.batchesVsBalances,
    (r) =>
      `${pair(r.distributor_code, r.sku_code)}: balance vs sum of batches ${differences([
        ["on hand", r.balance_on_hand, r.batches_on_hand],
        ["damaged", r.balance_damaged, r.batches_damaged],
      ])}`,
  ),
  rule(
    "stock.non_negative",
    repo.negativeStock,
    (r) =>
      `${r.source === "batch" ? `batch ${r.batch_no} of ` : ""}${pair(r.distributor_code, r.sku_code)}: on hand ${r.on_hand}` +
      `${r.reserved === null ? "" : `, reserved ${r.reserved}`}, damaged ${r.damaged}`,
  ),
  rule(
    "stock.reservations",
    repo.reservedVsOrders,
    (r) => `${pair(r.distributor_code, r.sku_code)}: reserved ${r.reserved}, open orders hold ${r.held_by_orders}`,
  ),
  rule("orders.complete", repo.incompleteOrders, (r) => {
    const what = [
      r.lines === 0 && "no lines",
      r.events === 0 && "no events",
      r.events > 0 && r.creations !== 1 && `${r.creations} creating events`,
      r.last_status !== null && r.last_status !== r.status && `last event leads to ${r.last_status}`,
    ].filter(Boolean);
    return `order ${r.number} (${r.status}): ${what.join(", ")}`;
  }),
  rule("orders.totals", repo.orderTotals, (r) => {
    const header = differences([
      ["line count", r.line_count, r.lines],
      ["subtotal", r.subtotal_poisha, r.lines_subtotal],
      ["discount", r.discount_poisha, r.lines_discount],
      ["VAT", r.vat_poisha, r.lines_vat],
      ["total", r.total_poisha, r.lines_total],
    ]);
    const what = [
      header && `header vs lines ${header}`,
      r.bad_quantities > 0 && `${r.bad_quantities} lines with delivered or returned quantities out of range`,
      ["draft", "confirmed", "invoiced", "dispatched", "cancelled"].includes(r.status) &&
        (r.delivered_total_poisha !== 0 || r.delivered_lines > 0) &&
        `delivered ${r.delivered_total_poisha} poisha on ${r.delivered_lines} lines before delivery`,
      r.status === "delivered" && r.all_delivered !== true && "delivered although a line was delivered short",
      r.status === "partially_delivered" &&
        r.all_delivered === true &&
        "partially delivered although every line was delivered in full",
      ["delivered", "returned"].includes(r.status) &&
        r.all_delivered === true &&
        r.delivered_total_poisha !== r.total_poisha &&
        `delivered in full but delivered total ${r.delivered_total_poisha} ≠ total ${r.total_poisha}`,
    ].filter(Boolean);
    return `order ${r.number} (${r.status}): ${what.join("; ")}`;
  }),
  rule(
    "orders.stock",
    repo.orderStock,
    (r) =>
      `order ${r.number ?? `${r.order_id} (no such order)`}${r.status ? ` (${r.status})` : ""}, ${pair(r.distributor_code, r.sku_code)}: ` +
      `expected vs moved ${differences([
        ["reserved", r.expected_reserved, r.moved_reserved],
        ["on hand", r.expected_on_hand, r.moved_on_hand],
        ["damaged", 0, r.moved_damaged],
      ])}`,
  ),
  rule("orders.returns", repo.returnTotals, (r) =>
    r.lines === 0
      ? `return ${r.number} of order ${r.order_number ?? "?"} has no lines`
      : `return ${r.number} of order ${r.order_number ?? "?"}: total ${r.total_poisha} ≠ its lines ${r.lines_total}`,
  ),
  rule(
    "orders.returns",
    repo.returnedTotals,
    (r) => `order ${r.number}: returned total ${r.returned_total_poisha} ≠ its returns ${r.returns_total}`,
  ),
  rule("orders.returns", repo.returnedQuantities, (r) => {
    const where = `order ${r.number ?? "?"} line ${r.line_no}`;
    if (r.returned_qty === null) return `${where}: returns take back a line the order does not have`;
    if (r.returned_skus && (r.returned_skus.length !== 1 || r.returned_skus[0] !== r.line_sku))
      return `${where}: line of ${r.line_sku ?? "?"} returned as ${r.returned_skus.join(", ")}`;
    return `${where}: returned quantity ${r.returned_qty} ≠ its returns ${r.returns_qty}`;
  }),
  rule(
    "orders.returns",
    repo.returnStock,
    (r) =>
      `return ${r.number ?? "(no such return)"}, ${pair(r.distributor_code, r.sku_code)}: expected vs moved ${differences(
        [
          ["on hand", r.expected_on_hand, r.moved_on_hand],
          ["damaged", r.expected_damaged, r.moved_damaged],
          ["reserved", 0, r.moved_reserved],
        ],
      )}`,
  ),
  rule("receivables.invoices", repo.invoiceEntries, (r) => {
    const order = r.number ? `order ${r.number}` : r.order_id ? `order ${r.order_id} (no such order)` : "no order";
    return [
      `${order}: delivered ${r.delivered_total}, invoiced ${r.invoiced} in ${r.entries} entries`,
      r.misposted > 0 ? `, ${r.misposted} posted to another outlet or distributor` : "",
    ].join("");
  }),
  rule("receivables.payments", repo.paymentEntries, (r) => {
    const payment = r.number
      ? `payment ${r.number} (${r.status})`
      : r.payment_id
        ? `payment ${r.payment_id} (no such payment)`
        : "an entry of kind payment naming no payment";
    return [
      `${payment}: expected ${r.expected}, posted ${r.posted} in ${r.entries} entries`,
      r.misposted > 0 ? `, ${r.misposted} misposted (wrong outlet, distributor or kind)` : "",
    ].join("");
  }),
  rule("receivables.returns", repo.returnEntries, (r) => {
    const ret = r.number
      ? `return ${r.number}`
      : r.return_id
        ? `return ${r.return_id} (no such return)`
        : "an entry of kind return naming no return";
    return [
      `${ret}: expected ${r.expected}, posted ${r.posted} in ${r.entries} entries`,
      r.misposted > 0 ? `, ${r.misposted} misposted (wrong outlet, distributor or kind)` : "",
    ].join("");
  }),
  rule(
    "receivables.balance",
    repo.outletBalances,
    (r) =>
      `outlet ${r.outlet_code ?? "?"} at ${r.distributor_code ?? "?"}: ledger says ${r.ledger}, documents say ${r.documents}`,
  ),
  rule(
    "documents.numbers",
    repo.duplicateInvoiceNumbers,
    (r) => `invoice number ${r.invoice_number} is on ${r.orders} orders`,
  ),
  rule("documents.numbers", repo.documentCounters, (r) => {
    const series = r.distributor_code ? `invoices of ${r.distributor_code}` : r.series;
    if (r.next_value === null) return `${series}: ${r.used} numbers used up to ${r.last}, but no counter`;
    if (r.used !== r.last) return `${series}: ${r.used} distinct numbers used up to ${r.last} (a gap)`;
    return `${series}: counter would hand out ${r.next_value} next, after ${r.last}`;
  }),
  rule(
    "documents.numbers",
    repo.orderNumberSequence,
    (r) =>
      `order numbers: highest used SO-${r.last_number}, but the sequence ${r.sequence_value === null ? "is missing or unused" : `is at ${r.sequence_value}`}`,
  ),
];

/** The rules about references: one per declared foreign key (from the catalogue) and per undeclared column. */
async function referenceRules(db: Executor): Promise<Rule[]> {
  const declared = (await repo.declaredForeignKeys(db))
    // org_id -> orgs: the checker walks the orgs that exist, so that key holds for every row it looks at.
    .filter((fk) => !(fk.columns.length === 1 && fk.columns[0] === "org_id"))
    .map((fk) => {
      const shown = fk.columns.filter((c) => c !== "org_id");
      const target = fk.refColumns[fk.columns.indexOf(shown[0] ?? "")] === "id" ? fk.refTable : null;
      return rule(
        "references.declared",
        (tx, orgId) => repo.foreignKeyViolations(tx, orgId, fk),
        async (r: repo.DanglingRow, tx) =>
          `${fk.table}.${shown.join(", ")} = ${r.value} → ${fk.refTable}: ${await whereIs(tx, target, r.value)}`,
      );
    });
  const undeclared = repo.UNDECLARED_REFERENCES.map((ref) =>
    rule(
      "references.undeclared",
      (tx, orgId) => repo.undeclaredViolations(tx, orgId, ref),
      async (r: repo.DanglingRow, tx) =>
        `${ref.table}.${ref.column}${ref.when ? ` (${ref.when.column} ${ref.when.equals})` : ""} = ${r.value} → ` +
        `${ref.target}: ${await whereIs(tx, ref.target, r.value)}`,
    ),
  );
  return [...declared, ...undeclared];
}

async function whereIs(db: Executor, table: string | null, id: string): Promise<string> {
  if (!table || !/^[0-9a-f-]{36}$/i.test(id)) return "no such row in this organisation";
  const slug = await repo.orgOfRow(db, table, id);
  return slug ? `a row of organisation ${slug}` : "no such row";
}

/**
 * Runs every check over every organisation (or the one given) and returns what is wrong; an empty list means
 * the data is consistent. Given the database, it reads in its own repeatable-read snapshot; given a
 * transaction, it reads inside it (tests corrupt data in a transaction and roll it back).
 */
export async function checkIntegrity(db: Executor, opts: { orgId?: string } = {}): Promise<Finding[]> {
  if (!db.isTransaction)
    return withTransaction(db as Db, async (tx) => {
      await repo.useSnapshot(tx);
      return runChecks(tx, opts);
    });
  return runChecks(db, opts);
}

async function runChecks(db: Executor, opts: { orgId?: string }): Promise<Finding[]> {
  const orgs = (await repo.listOrgs(db)).filter((o) => opts.orgId === undefined || o.id === opts.orgId);
  const rules = [...RULES, ...(await referenceRules(db))];
  const findings: Finding[] = [];
  for (const org of orgs) {
    for (const r of rules) {
      const found = await r.run(db, org.id);
      for (const row of found.examples)
        findings.push({ check: r.check, orgId: org.id, detail: await r.describe(row, db) });
      const more = found.total - found.examples.length;
      if (more > 0)
        findings.push({ check: r.check, orgId: org.id, detail: `… and ${more} more of the same kind`, count: more });
    }
  }
  return findings;
}

/** The organisations the checker would walk, for the CLI's --org and its report. */
export async function orgsToCheck(db: Executor, slug?: string): Promise<{ id: string; slug: string }[]> {
  return repo.listOrgs(db, slug);
}
