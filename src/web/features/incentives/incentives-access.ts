// The permissions (server: platform/access.ts) the incentive screens ask for. The server checks each call again and
// narrows statements to the caller's own (a rep, a distributor) or their team's (a manager).
export const INCENTIVES_ACCESS = {
  /** Plans, and the statements the caller may see. */
  read: "incentives.read",
  /** Create and change plans; compute a period's statements. */
  manage: "incentives.manage",
  /** Approve statements, mark them paid, download the payout file. */
  approve: "incentives.approve",
} as const;
