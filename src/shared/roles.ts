export const ROLES = ["admin", "manager", "rep", "distributor", "retailer", "marketing", "service", "driver"] as const;
export type Role = (typeof ROLES)[number];
