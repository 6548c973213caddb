// Custom fields per org (C2): head office defines extra fields on contacts, accounts, leads and deals. Values are
// kept in each record's `custom` jsonb; checkCustomValues is what every CRM write calls to accept them.
import type {
  CreateCustomFieldRequest,
  CrmEntity,
  CustomFieldResponse,
  UpdateCustomFieldRequest,
} from "../../shared/contracts/crm.ts";
import { newId } from "../../shared/ids.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { CustomFieldErrors } from "./custom-fields.errors.ts";
import * as repo from "./custom-fields.repository.ts";
import { applyCustomValues, type FieldDefinition } from "./custom-fields-values.ts";

type Option = CustomFieldResponse["options"][number];

export function customFieldResponse(r: repo.CustomFieldRow): CustomFieldResponse {
  return {
    id: r.id,
    entity: r.entity,
    key: r.key,
    labelEn: r.label_en,
    labelBn: r.label_bn,
    type: r.type,
    options: (r.options as Option[] | null) ?? [],
    required: r.required,
    position: r.position,
    archivedAt: r.archived_at?.toISOString() ?? null,
  };
}

const definitionOf = (f: CustomFieldResponse): FieldDefinition => ({
  key: f.key,
  type: f.type,
  required: f.required,
  options: f.options,
  archived: f.archivedAt !== null,
});

/** Every field of an entity, archived ones too (stored values and saved filters may still name them). */
export async function fieldsOf(db: Executor, orgId: string, entity: CrmEntity): Promise<CustomFieldResponse[]> {
  return (await repo.listFields(db, orgId, { entity, includeArchived: true })).map(customFieldResponse);
}

/**
 * The custom values a write leaves on a record (`current` with `changes` applied), checked against the org's
 * fields of that entity; 422 naming the fields when any is wrong. For other CRM modules (leads, deals) too.
 */
export async function checkCustomValues(
  db: Executor,
  orgId: string,
  entity: CrmEntity,
  current: Readonly<Record<string, unknown>>,
  changes: Readonly<Record<string, unknown>> | undefined,
): Promise<Record<string, string | number>> {
  const defs = (await fieldsOf(db, orgId, entity)).map(definitionOf);
  const { values, problems } = applyCustomValues(defs, current, changes ?? {});
  if (problems.length)
    throw CustomFieldErrors.invalidValues({ fields: problems.map((p) => p.key).join(", "), problems });
  return values;
}

export async function listCustomFields(
  ctx: Ctx,
  q: { entity?: CrmEntity | undefined; includeArchived: "true" | "false" },
) {
  if (!can(ctx.actor, "crm.read")) throw AccessErrors.forbidden();
  const rows = await repo.listFields(ctx.db, ctx.actor.orgId, {
    entity: q.entity,
    includeArchived: q.includeArchived === "true",
  });
  return { items: rows.map(customFieldResponse) };
}

function checkOptions(type: CustomFieldResponse["type"], options: readonly Option[]) {
  if (type !== "choice") {
    if (options.length) throw CustomFieldErrors.optionsNotAllowed();
    return;
  }
  if (options.length === 0 || new Set(options.map((o) => o.key)).size !== options.length)
    throw CustomFieldErrors.optionsNeeded();
}

export async function createCustomField(ctx: Ctx, input: CreateCustomFieldRequest) {
  if (!can(ctx.actor, "crm.manage")) throw AccessErrors.forbidden();
  checkOptions(input.type, input.options);
  return withTransaction(ctx.db, async (tx) => {
    const id = newId();
    const position = input.position ?? (await repo.nextPosition(tx, ctx.actor.orgId, input.entity));
    const inserted = await repo.insertField(tx, {
      org_id: ctx.actor.orgId,
      id,
      entity: input.entity,
      key: input.key,
      label_en: input.labelEn,
      label_bn: input.labelBn,
      type: input.type,
      options: JSON.stringify(input.options),
      required: input.required,
      position,
    });
    if (!inserted) throw CustomFieldErrors.keyTaken({ key: input.key });
    const after = customFieldResponse((await repo.findField(tx, ctx.actor.orgId, id)) as repo.CustomFieldRow);
    await recordAudit(tx, ctx, { entity: "crm_custom_field", entityId: id, action: "create", after });
    return after;
  });
}

export async function updateCustomField(ctx: Ctx, id: string, input: UpdateCustomFieldRequest) {
  if (!can(ctx.actor, "crm.manage")) throw AccessErrors.forbidden();
  return withTransaction(ctx.db, async (tx) => {
    const row = await repo.findField(tx, ctx.actor.orgId, id);
    if (!row) throw CustomFieldErrors.notFound();
    const before = customFieldResponse(row);
    if (input.options !== undefined) checkOptions(row.type, input.options);
    await repo.updateField(tx, ctx.actor.orgId, id, {
      ...(input.labelEn !== undefined && { label_en: input.labelEn }),
      ...(input.labelBn !== undefined && { label_bn: input.labelBn }),
      ...(input.options !== undefined && { options: JSON.stringify(input.options) }),
      ...(input.required !== undefined && { required: input.required }),
      ...(input.position !== undefined && { position: input.position }),
      ...(input.archived !== undefined && { archived_at: input.archived ? (row.archived_at ?? new Date()) : null }),
    });
    const after = customFieldResponse((await repo.findField(tx, ctx.actor.orgId, id)) as repo.CustomFieldRow);
    const action =
      input.archived === true && !row.archived_at
        ? "archive"
        : input.archived === false && row.archived_at
          ? "restore"
          : "update";
    await recordAudit(tx, ctx, { entity: "crm_custom_field", entityId: id, action, before, after });
    return after;
  });
}
