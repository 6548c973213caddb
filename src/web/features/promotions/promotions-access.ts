// The permissions (server: platform/access.ts) the promotions screens ask for. The server checks each call again
// and narrows what it returns to the caller's scope (a distributor sees the schemes that target it).
export const PROMOTIONS_ACCESS = {
  /** Schemes, campaigns and their results in the caller's scope. */
  read: "promotions.read",
  /** The schemes on offer to one outlet (the order screens; a retailer its own shop). */
  offers: "promotions.offers",
  /** Create and edit schemes and campaigns; activate, pause and end a scheme. */
  manage: "promotions.manage",
} as const;
