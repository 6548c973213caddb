// Who sends a whole-API test's requests to an operation: the admin (org-wide, so that access is never the reason
// for a refusal), or, where the admin may not call it (the field app's own operations), the first role the access
// matrix admits, a rep before a manager.
import type { Role } from "../../shared/roles.ts";
import { ACCESS_MATRIX, decisionFor } from "../platform/access-matrix.ts";

const PREFERENCE: readonly Role[] = [
  "admin",
  "rep",
  "manager",
  "distributor",
  "retailer",
  "marketing",
  "service",
  "driver",
];

/** The role to call an operation ("POST /api/v1/field/sync") as; the admin for one the matrix does not decide. */
export function callerRoleFor(operation: string): Role {
  const rule = ACCESS_MATRIX[operation];
  if (!rule) return "admin";
  return PREFERENCE.find((role) => ["allow", "scoped"].includes(decisionFor(rule, role))) ?? "admin";
}
