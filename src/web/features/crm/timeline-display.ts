// How the timeline marks each kind of item: one colour per kind, so orders, visits and activities read apart.
const COLORS: Record<string, string> = {
  order: "blue",
  visit: "teal",
  delivery: "cyan",
  call: "grape",
  meeting: "violet",
  note: "gray",
  task: "orange",
  email: "indigo",
  deal: "green",
  ticket: "red",
  chat: "pink",
  content: "lime",
  loyalty: "yellow",
  survey: "orange",
  lead: "dark",
};

export const timelineColor = (kind: string): string => COLORS[kind] ?? "gray";
