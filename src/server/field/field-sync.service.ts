// The field app's outbox arrives here: commands made offline, applied in the order given, each in its own
// transaction so that one conflict (stock short, outlet moved away) never loses the rest. A command's id is
// its idempotency key: its transaction first claims the id, so a replay (lost reply, the outbox sent twice,
// two tabs at once) returns the first result instead of acting again.
import type {
  FieldCommand,
  FieldCommandResult,
  FieldSyncRequest,
  FieldSyncResponse,
} from "../../shared/contracts/field.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import type { Ctx } from "../platform/context.ts";
import { AppError, errorSpec, localizedMessage } from "../platform/errors.ts";
import { endDay, startDay } from "./attendance.service.ts";
import { reorderBeat } from "./beat-plan.service.ts";
import { type CommandOutcome, FieldErrors } from "./field.errors.ts";
import * as repo from "./field.repository.ts";
import { checkCommandTime } from "./field-command-rules.ts";
import { collectPayment, placeOrder } from "./field-sales.service.ts";
import { requireFieldUse } from "./field-scope.ts";
import { proposeOutletFromField } from "./outlet-onboarding.service.ts";
import { recordStockAudit } from "./stock-audits.service.ts";
import { checkIn, checkOut } from "./visits.service.ts";

function apply(ctx: Ctx, command: FieldCommand): Promise<CommandOutcome> {
  switch (command.kind) {
    case "day.start":
      return startDay(ctx, command);
    case "day.end":
      return endDay(ctx, command);
    case "visit.check_in":
      return checkIn(ctx, command);
    case "visit.check_out":
      return checkOut(ctx, command);
    case "order.place":
      return placeOrder(ctx, command);
    case "stock_audit.record":
      return recordStockAudit(ctx, command);
    case "payment.collect":
      return collectPayment(ctx, command);
    case "outlet.propose":
      return proposeOutletFromField(ctx, command);
    case "beat.reorder":
      return reorderBeat(ctx, command);
  }
}

/** A refusal the rep can act on: a declared error below 500. Anything else is a bug or an outage. */
const isRejection = (e: unknown): e is AppError => e instanceof AppError && (errorSpec(e.code)?.status ?? 500) < 500;

/** What is kept for replays: the result as first answered, less the replay flag. */
type StoredResult = Omit<FieldCommandResult, "replayed">;

function rejection(ctx: Ctx, command: FieldCommand, e: AppError): StoredResult {
  return {
    id: command.id,
    kind: command.kind,
    status: "rejected",
    error: {
      code: e.code,
      message: localizedMessage(e.code, ctx.locale, e.details),
      ...(e.details && { details: e.details }),
    },
    warnings: [],
    data: {},
  };
}

/** The stored result of an id already claimed; another user's command id is refused and not stored. */
async function replayOf(db: Executor, ctx: Ctx, command: FieldCommand): Promise<FieldCommandResult> {
  const stored = await repo.findCommand(db, ctx.actor.orgId, command.id);
  // The claim failed on this id, so a committed row holds it: not finding it is a bug, not a rejection.
  if (!stored) throw new Error(`field command ${command.id} is taken but not stored`);
  if (stored.user_id !== ctx.actor.userId)
    return { ...rejection(ctx, command, FieldErrors.commandIdTaken()), replayed: false };
  const result = stored.result as StoredResult;
  return { ...result, id: command.id, kind: stored.kind, status: stored.status, replayed: true };
}

async function applyOnce(ctx: Ctx, command: FieldCommand): Promise<FieldCommandResult> {
  const { orgId, userId } = ctx.actor;
  const claim = { orgId, id: command.id, userId, kind: command.kind, at: new Date(command.at) };
  try {
    return await withTransaction(ctx.db, async (tx) => {
      if (!(await repo.claimCommand(tx, claim))) return replayOf(tx, ctx, command);
      checkCommandTime(claim.at, new Date());
      const outcome = await apply({ ...ctx, db: tx }, command);
      const result: StoredResult = {
        id: command.id,
        kind: command.kind,
        status: "applied",
        error: null,
        warnings: outcome.warnings,
        data: outcome.data,
      };
      await repo.storeCommandOutcome(tx, orgId, command.id, "applied", result);
      return { ...result, replayed: false };
    });
  } catch (e) {
    if (!isRejection(e)) throw e;
    // The command's transaction rolled back (claim and all); its rejection is final and kept for replays.
    const result = rejection(ctx, command, e);
    return withTransaction(ctx.db, async (tx) =>
      (await repo.insertRejectedCommand(tx, claim, result))
        ? { ...result, replayed: false }
        : replayOf(tx, ctx, command),
    );
  }
}

export interface FieldSyncOutcome {
  response: FieldSyncResponse;
  /** The unexpected error (a bug, the database gone) that stopped the batch after its first command. */
  stoppedBy: unknown;
}

/**
 * Applies the commands in order. An unexpected error stops the batch: the results so far are answered and the
 * phone keeps the rest queued; on the first command there is nothing to answer, and the error propagates.
 */
export async function syncFieldCommands(ctx: Ctx, input: FieldSyncRequest): Promise<FieldSyncOutcome> {
  requireFieldUse(ctx);
  const results: FieldCommandResult[] = [];
  let stoppedBy: unknown = null;
  for (const command of input.commands) {
    try {
      results.push(await applyOnce(ctx, command));
    } catch (e) {
      if (results.length === 0) throw e;
      stoppedBy = e;
      break;
    }
  }
  return { response: { results, serverTime: new Date().toISOString() }, stoppedBy };
}
