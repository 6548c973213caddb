// The leads screens' icons, drawn inside the one stroke-icon frame.
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** Leads: a funnel. */
export const LeadIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 4h18l-7 8v6l-4 2v-8z" />
  </Icon>
);

/** Lead forms: a form with a code bracket. */
export const LeadFormIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3" y="3" width="14" height="18" rx="2" />
    <path d="M7 8h6M7 12h6" />
    <path d="M17 14l3 2.5-3 2.5" />
  </Icon>
);

/** Assignment rules: arrows fanning out. */
export const AssignmentIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="5" cy="12" r="2" />
    <path d="M7 12h4l6-6M11 12l6 6M11 12h8" />
  </Icon>
);
