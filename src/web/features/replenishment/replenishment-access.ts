// The permissions (server: platform/access.ts) the replenishment screens ask for: what is shown to whom. The server
// checks each call again and narrows the data to the caller's scope (a distributor sees only its own).
export const REPLENISHMENT_ACCESS = {
  /** Plans, forecasts, accuracy, proposals and alerts in the caller's scope. */
  read: "replenishment.read",
  /** Approve (one click) or dismiss a proposal. */
  decide: "replenishment.approve",
  /** The company policy, demand events, a distributor's policy; run the forecast, propose and check alerts now. */
  manage: "replenishment.manage",
} as const;
