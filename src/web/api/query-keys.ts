// Query keys per resource, so a mutation can invalidate exactly the lists and details it touched.
// Every key starts with the resource name; `all` covers everything of that resource.
export function resourceKeys<const R extends string>(resource: R) {
  return {
    all: [resource] as const,
    lists: () => [resource, "list"] as const,
    list: (filters: object) => [resource, "list", filters] as const,
    details: () => [resource, "detail"] as const,
    detail: (id: string) => [resource, "detail", id] as const,
  };
}

export const queryKeys = {
  session: ["session"] as const,
  users: resourceKeys("users"),
  territories: resourceKeys("territories"),
  audit: resourceKeys("audit"),
  apiTokens: resourceKeys("api-tokens"),
  notifications: {
    ...resourceKeys("notifications"),
    unreadCount: () => ["notifications", "unread-count"] as const,
  },
  field: {
    all: ["field"] as const,
    live: (filters: object) => ["field", "live", filters] as const,
    onboardingLists: () => ["field", "onboarding"] as const,
    onboarding: (status: string) => ["field", "onboarding", status] as const,
    settings: () => ["field", "settings"] as const,
  },
};
