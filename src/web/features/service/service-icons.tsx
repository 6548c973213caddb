// The service desk's icons, drawn inside the one stroke-icon frame.
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** A headset: the service desk. */
export const ServiceIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 14v-2a8 8 0 0 1 16 0v2" />
    <rect x="3" y="14" width="4" height="6" rx="1" />
    <rect x="17" y="14" width="4" height="6" rx="1" />
    <path d="M19 20c0 1-1 2-3 2h-3" />
  </Icon>
);

/** An open book: the knowledge base. */
export const KnowledgeIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M2 5c3-1 7-1 10 1v14c-3-2-7-2-10-1z" />
    <path d="M22 5c-3-1-7-1-10 1v14c3-2 7-2 10-1z" />
  </Icon>
);

/** A clock: SLA settings. */
export const SlaIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5l3 2" />
  </Icon>
);
