// Unique and foreign keys are the database's to decide (two concurrent writes cannot both pass a prior
// read); services turn the constraint a write broke into the error a person understands.

/** The constraint a unique or foreign-key violation names, or null for any other error. */
export function violatedConstraint(e: unknown): { kind: "unique" | "foreign"; constraint: string } | null {
  const err = e as { code?: unknown; constraint?: unknown } | null;
  if (!err || typeof err.code !== "string") return null;
  const constraint = typeof err.constraint === "string" ? err.constraint : "";
  if (err.code === "23505") return { kind: "unique", constraint };
  if (err.code === "23503") return { kind: "foreign", constraint };
  return null;
}
