// A rep's working day: started and ended from the field app with where they were. The business date is the
// day of the device time, so a day worked offline syncs as that day.
import { businessDate, formatDateTime } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type CommandOutcome, FieldErrors, fieldWarning } from "./field.errors.ts";
import * as repo from "./field.repository.ts";
import { gpsColumns } from "./field-command-rules.ts";
import { type Command, requireFieldUse } from "./field-scope.ts";

export async function startDay(ctx: Ctx, command: Command<"day.start">): Promise<CommandOutcome> {
  requireFieldUse(ctx);
  const { orgId, userId } = ctx.actor;
  const at = new Date(command.at);
  const workDate = businessDate(at);
  const gps = gpsColumns(command.payload.gps);
  return withTransaction(ctx.db, async (tx) => {
    const id = newId();
    if (!(await repo.insertAttendanceDay(tx, { orgId, id, userId, workDate, startedAt: at, gps }))) {
      // A second start (another phone, a reinstall) changes nothing: the first start of the day stands.
      const day = await repo.findAttendanceDay(tx, orgId, userId, workDate);
      const startedAt = day?.started_at ?? at;
      return {
        data: { workDate, startedAt: startedAt.toISOString() },
        warnings: [
          fieldWarning(
            "field.day_already_started",
            ctx.locale,
            { startedAt: startedAt.toISOString() },
            { startedAt: formatDateTime(startedAt, ctx.locale) },
          ),
        ],
      };
    }
    await recordAudit(tx, ctx, {
      entity: "attendance_day",
      entityId: id,
      action: "start_day",
      after: { workDate, startedAt: at.toISOString(), ...gps },
    });
    return { data: { workDate, startedAt: at.toISOString() }, warnings: [] };
  });
}

export async function endDay(ctx: Ctx, command: Command<"day.end">): Promise<CommandOutcome> {
  requireFieldUse(ctx);
  const { orgId, userId } = ctx.actor;
  const at = new Date(command.at);
  const workDate = businessDate(at);
  const gps = gpsColumns(command.payload.gps);
  return withTransaction(ctx.db, async (tx) => {
    const day = await repo.findAttendanceDay(tx, orgId, userId, workDate);
    if (!day) throw FieldErrors.dayNotStarted({ date: workDate });
    if (day.ended_at) {
      return {
        data: { workDate, endedAt: day.ended_at.toISOString() },
        warnings: [
          fieldWarning(
            "field.day_already_ended",
            ctx.locale,
            { endedAt: day.ended_at.toISOString() },
            { endedAt: formatDateTime(day.ended_at, ctx.locale) },
          ),
        ],
      };
    }
    if (at < day.started_at) throw FieldErrors.endBeforeStart();
    await repo.endAttendanceDay(tx, orgId, day.id, at, gps);
    await recordAudit(tx, ctx, {
      entity: "attendance_day",
      entityId: day.id,
      action: "end_day",
      before: { workDate, startedAt: day.started_at.toISOString(), endedAt: null },
      after: { workDate, startedAt: day.started_at.toISOString(), endedAt: at.toISOString(), ...gps },
    });
    return {
      data: { workDate, startedAt: day.started_at.toISOString(), endedAt: at.toISOString() },
      warnings: [],
    };
  });
}
