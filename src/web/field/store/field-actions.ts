// Everything the rep does is a command: checked against the shared contract (so the outbox never holds one the
// server would refuse as malformed), then written to the outbox together with its local effect (the visit, the
// order, the receipt...) in one IndexedDB transaction. Only then does the screen say it is done; the sync takes
// it from there.
import type { z } from "zod";
import type { FieldCommand, FieldCommandKind, GpsFix } from "../../../shared/contracts/field.ts";
import { businessDate } from "../../../shared/format.ts";
import { newId } from "../../../shared/ids.ts";
import { distanceTo } from "../model/beat-plan.ts";
import type { AttentionEntry, FieldDb, LocalVisit, OrderLineDraft } from "./field-db.ts";

type CommandInput = z.input<typeof FieldCommand>;
type PayloadInput<K extends FieldCommandKind> = Extract<CommandInput, { kind: K }>["payload"];
type CommandOf<K extends FieldCommandKind> = Extract<FieldCommand, { kind: K }>;

export type Checked<K extends FieldCommandKind> =
  | { ok: true; command: CommandOf<K> }
  | { ok: false; issues: z.core.$ZodIssue[] };

let contract: Promise<typeof import("../../../shared/contracts/field.ts")> | undefined;

/**
 * The contract (and with it zod) loads after the first screen, not with it: a slow phone shows the beat sooner.
 * The service worker keeps it for offline use like every other file of the app.
 */
export function loadContract(): Promise<typeof import("../../../shared/contracts/field.ts")> {
  contract ??= import("../../../shared/contracts/field.ts");
  return contract;
}

/** A new command (fresh UUIDv7 id, the device's clock) checked against the contract. */
export async function makeCommand<K extends FieldCommandKind>(
  kind: K,
  payload: PayloadInput<K>,
  at = new Date(),
): Promise<Checked<K>> {
  const { FieldCommand } = await loadContract();
  const parsed = FieldCommand.safeParse({ id: newId(), kind, at: at.toISOString(), payload });
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  return { ok: true, command: parsed.data as CommandOf<K> };
}

/** Told when a command is queued, so the sync can start at once when there is a network. */
export const outboxEvents = new EventTarget();

export interface ActionContext {
  db: FieldDb;
  userId: string;
}

/** What an action returns: done (queued), or the contract's objections to show on the form. */
export type ActionResult<T = void> = { ok: true; value: T } | { ok: false; issues: z.core.$ZodIssue[] };

async function queue(
  ctx: ActionContext,
  command: FieldCommand,
  localEffect: () => Promise<unknown>,
  replacing?: AttentionEntry,
): Promise<void> {
  const { db } = ctx;
  await db.transaction(
    "rw",
    [db.outbox, db.attention, db.visits, db.orders, db.payments, db.audits, db.proposals, db.meta, db.routes],
    async () => {
      if (replacing) {
        await forgetLocalEffect(db, replacing.command);
        await db.attention.delete(replacing.id);
      }
      await db.outbox.add({
        id: command.id,
        userId: ctx.userId,
        command,
        createdAt: new Date().toISOString(),
        attempts: 0,
        lastAttemptAt: null,
      });
      await localEffect();
    },
  );
  outboxEvents.dispatchEvent(new Event("queued"));
}

export async function startDay(ctx: ActionContext, gps: GpsFix | null): Promise<ActionResult> {
  const c = await makeCommand("day.start", { gps });
  if (!c.ok) return c;
  const date = businessDate(new Date(c.command.at));
  await queue(ctx, c.command, () =>
    ctx.db.setMeta("day", { userId: ctx.userId, date, startedAt: c.command.at, endedAt: null }),
  );
  return { ok: true, value: undefined };
}

export async function endDay(ctx: ActionContext, gps: GpsFix | null): Promise<ActionResult> {
  const c = await makeCommand("day.end", { gps });
  if (!c.ok) return c;
  const date = businessDate(new Date(c.command.at));
  await queue(ctx, c.command, async () => {
    const day = await ctx.db.getMeta("day");
    const startedAt = day && day.userId === ctx.userId && day.date === date ? day.startedAt : null;
    await ctx.db.setMeta("day", { userId: ctx.userId, date, startedAt, endedAt: c.command.at });
  });
  return { ok: true, value: undefined };
}

export async function checkIn(
  ctx: ActionContext,
  outlet: { id: string; lat: number | null; lng: number | null },
  gps: GpsFix | null,
  radiusM: number,
): Promise<ActionResult<LocalVisit>> {
  const visitId = newId();
  const c = await makeCommand("visit.check_in", { visitId, outletId: outlet.id, gps });
  if (!c.ok) return c;
  const distanceM = distanceTo(outlet, gps);
  const visit: LocalVisit = {
    id: visitId,
    userId: ctx.userId,
    date: businessDate(new Date(c.command.at)),
    outletId: outlet.id,
    checkInCommandId: c.command.id,
    checkOutCommandId: null,
    checkedInAt: c.command.at,
    checkedOutAt: null,
    outcome: null,
    noOrderReason: null,
    distanceM,
    outsideRadius: distanceM !== null && distanceM > radiusM,
  };
  await queue(ctx, c.command, () => ctx.db.visits.put(visit));
  return { ok: true, value: visit };
}

export async function checkOut(
  ctx: ActionContext,
  visit: LocalVisit,
  outcome: "order" | "no_order",
  noOrderReason: string | undefined,
  note: string | undefined,
): Promise<ActionResult> {
  const c = await makeCommand("visit.check_out", {
    visitId: visit.id,
    outcome,
    ...(outcome === "no_order" && noOrderReason !== undefined && { noOrderReason }),
    ...(note && { note }),
  });
  if (!c.ok) return c;
  await queue(ctx, c.command, () =>
    ctx.db.visits.update(visit.id, {
      checkedOutAt: c.command.at,
      checkOutCommandId: c.command.id,
      outcome,
      noOrderReason: outcome === "no_order" ? (noOrderReason ?? null) : null,
    }),
  );
  return { ok: true, value: undefined };
}

export async function placeOrder(
  ctx: ActionContext,
  input: {
    outletId: string;
    visitId: string | null;
    lines: OrderLineDraft[];
    expectedTotalPoisha: number;
    note?: string;
  },
  replacing?: AttentionEntry,
): Promise<ActionResult<string>> {
  const orderId = newId();
  const c = await makeCommand("order.place", {
    orderId,
    outletId: input.outletId,
    ...(input.visitId && { visitId: input.visitId }),
    lines: input.lines.map((l) => ({ skuId: l.skuId, qty: l.qty, unit: l.unit })),
    expectedTotalPoisha: input.expectedTotalPoisha,
    ...(input.note && { note: input.note }),
  });
  if (!c.ok) return c;
  await queue(
    ctx,
    c.command,
    async () => {
      await ctx.db.orders.put({
        id: orderId,
        commandId: c.command.id,
        userId: ctx.userId,
        date: businessDate(new Date(c.command.at)),
        outletId: input.outletId,
        visitId: input.visitId,
        lines: input.lines,
        totalPoisha: input.expectedTotalPoisha,
        createdAt: c.command.at,
      });
      await ctx.db.meta.delete(`orderDraft:${input.outletId}`);
    },
    replacing,
  );
  return { ok: true, value: orderId };
}

export async function recordStockAudit(
  ctx: ActionContext,
  input: { outletId: string; visitId: string | null; lines: { skuId: string; qty: number }[] },
  replacing?: AttentionEntry,
): Promise<ActionResult<string>> {
  const auditId = newId();
  const c = await makeCommand("stock_audit.record", {
    auditId,
    outletId: input.outletId,
    ...(input.visitId && { visitId: input.visitId }),
    lines: input.lines,
  });
  if (!c.ok) return c;
  await queue(
    ctx,
    c.command,
    () =>
      ctx.db.audits.put({
        id: auditId,
        commandId: c.command.id,
        userId: ctx.userId,
        date: businessDate(new Date(c.command.at)),
        outletId: input.outletId,
        lines: input.lines,
        createdAt: c.command.at,
      }),
    replacing,
  );
  return { ok: true, value: auditId };
}

export async function collectPayment(
  ctx: ActionContext,
  input: {
    outletId: string;
    visitId: string | null;
    method: PayloadInput<"payment.collect">["method"];
    reference: string;
    amountPoisha: number;
    note?: string;
  },
  replacing?: AttentionEntry,
): Promise<ActionResult<string>> {
  const paymentId = newId();
  const reference = input.reference.trim();
  const c = await makeCommand("payment.collect", {
    paymentId,
    outletId: input.outletId,
    ...(input.visitId && { visitId: input.visitId }),
    method: input.method,
    ...(reference && { reference }),
    amountPoisha: input.amountPoisha,
    ...(input.note && { note: input.note }),
  });
  if (!c.ok) return c;
  await queue(
    ctx,
    c.command,
    () =>
      ctx.db.payments.put({
        id: paymentId,
        commandId: c.command.id,
        userId: ctx.userId,
        date: businessDate(new Date(c.command.at)),
        outletId: input.outletId,
        visitId: input.visitId,
        method: c.command.payload.method,
        reference: c.command.payload.reference ?? null,
        amountPoisha: c.command.payload.amountPoisha,
        createdAt: c.command.at,
      }),
    replacing,
  );
  return { ok: true, value: paymentId };
}

export type ProposalInput = Omit<PayloadInput<"outlet.propose">, "outletId">;

export async function proposeOutlet(
  ctx: ActionContext,
  input: ProposalInput,
  replacing?: AttentionEntry,
): Promise<ActionResult<string>> {
  const outletId = newId();
  const c = await makeCommand("outlet.propose", { ...input, outletId });
  if (!c.ok) return c;
  const p = c.command.payload;
  await queue(
    ctx,
    c.command,
    () =>
      ctx.db.proposals.put({
        id: outletId,
        commandId: c.command.id,
        userId: ctx.userId,
        name: p.name,
        nameBn: p.nameBn,
        ownerName: p.ownerName,
        routeId: p.routeId,
        createdAt: c.command.at,
      }),
    replacing,
  );
  return { ok: true, value: outletId };
}

export async function reorderBeat(ctx: ActionContext, routeId: string, outletIds: string[]): Promise<ActionResult> {
  const c = await makeCommand("beat.reorder", { routeId, outletIds });
  if (!c.ok) return c;
  // The beat shows the new order at once; the next snapshot brings the server's (the same, once applied).
  await queue(ctx, c.command, () => ctx.db.routes.update(routeId, { outletIds }));
  return { ok: true, value: undefined };
}

export async function chooseRoute(ctx: ActionContext, routeId: string, date: string): Promise<void> {
  await ctx.db.setMeta("routeChoice", { userId: ctx.userId, date, routeId });
}

/** Send a refused command again unchanged, as a new command (a new id: the old one's refusal is final). */
export async function resendRejected(ctx: ActionContext, entry: AttentionEntry): Promise<void> {
  const { db } = ctx;
  const command = { ...entry.command, id: newId() } as FieldCommand;
  await db.transaction(
    "rw",
    [db.outbox, db.attention, db.visits, db.orders, db.payments, db.audits, db.proposals],
    async () => {
      await db.attention.delete(entry.id);
      await db.outbox.add({
        id: command.id,
        userId: ctx.userId,
        command,
        createdAt: new Date().toISOString(),
        attempts: 0,
        lastAttemptAt: null,
      });
      await relinkLocalEffect(db, entry.command, command.id);
    },
  );
  outboxEvents.dispatchEvent(new Event("queued"));
}

/** Drop a refused command and what it did on the phone (the order, the receipt, the check-in...). */
export async function discardRejected(ctx: ActionContext, entry: AttentionEntry): Promise<void> {
  const { db } = ctx;
  await db.transaction(
    "rw",
    [db.attention, db.visits, db.orders, db.payments, db.audits, db.proposals, db.meta],
    async () => {
      await forgetLocalEffect(db, entry.command);
      await db.attention.delete(entry.id);
    },
  );
}

/** Undo on the phone what a refused command did there. */
async function forgetLocalEffect(db: FieldDb, command: FieldCommand): Promise<void> {
  switch (command.kind) {
    case "order.place":
      await db.orders.delete(command.payload.orderId);
      return;
    case "payment.collect":
      await db.payments.delete(command.payload.paymentId);
      return;
    case "stock_audit.record":
      await db.audits.delete(command.payload.auditId);
      return;
    case "outlet.propose":
      await db.proposals.delete(command.payload.outletId);
      return;
    case "visit.check_in":
      await db.visits.delete(command.payload.visitId);
      return;
    case "visit.check_out":
      await db.visits.update(command.payload.visitId, {
        checkedOutAt: null,
        checkOutCommandId: null,
        outcome: null,
        noOrderReason: null,
      });
      return;
    case "day.start":
    case "day.end": {
      const day = await db.getMeta("day");
      if (!day) return;
      await db.setMeta("day", command.kind === "day.start" ? { ...day, startedAt: null } : { ...day, endedAt: null });
      return;
    }
    case "beat.reorder":
      // The next snapshot brings the server's order back.
      return;
  }
}

/** Point the local record at the command that now carries it. */
async function relinkLocalEffect(db: FieldDb, command: FieldCommand, commandId: string): Promise<void> {
  switch (command.kind) {
    case "order.place":
      await db.orders.update(command.payload.orderId, { commandId });
      return;
    case "payment.collect":
      await db.payments.update(command.payload.paymentId, { commandId });
      return;
    case "stock_audit.record":
      await db.audits.update(command.payload.auditId, { commandId });
      return;
    case "outlet.propose":
      await db.proposals.update(command.payload.outletId, { commandId });
      return;
    case "visit.check_in":
      await db.visits.update(command.payload.visitId, { checkInCommandId: commandId });
      return;
    case "visit.check_out":
      await db.visits.update(command.payload.visitId, { checkOutCommandId: commandId });
      return;
    default:
      return;
  }
}

/** Keep the order being typed, so a reload (or a closed app) does not lose it. */
export async function saveOrderDraft(db: FieldDb, outletId: string, lines: OrderLineDraft[]): Promise<void> {
  if (lines.length === 0) await db.meta.delete(`orderDraft:${outletId}`);
  else await db.setMeta(`orderDraft:${outletId}`, lines);
}
