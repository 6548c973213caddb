import type { UserResponse } from "../../../shared/contracts/users.ts";

export const STATUS_COLORS: Record<UserResponse["status"], string> = {
  active: "teal",
  invited: "yellow",
  deactivated: "gray",
};

/** Roles whose data scope is a territory; admin is always org-wide, distributor/retailer have their own links. */
export const TERRITORY_ROLES: readonly UserResponse["role"][] = ["manager", "rep", "marketing", "service"];

/** The server may answer with a path or a full URL; show a full URL people can paste into a chat. */
export const absoluteUrl = (url: string): string => (url.startsWith("/") ? `${window.location.origin}${url}` : url);
