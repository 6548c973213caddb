// The CRM records screens' icons, drawn inside the one stroke-icon frame.
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** A contact: a card with a person. */
export const ContactIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <circle cx="9" cy="11" r="2.5" />
    <path d="M5.5 17c.8-2 2-3 3.5-3s2.7 1 3.5 3" />
    <path d="M15 10h3M15 14h3" />
  </Icon>
);

/** An account: a building. */
export const AccountIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 21V5l8-3v19" />
    <path d="M12 8h8v13" />
    <path d="M7 8h2M7 12h2M7 16h2M15 12h2M15 16h2" />
    <path d="M2 21h20" />
  </Icon>
);

/** Custom fields: a list with a pencil. */
export const FieldsIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 6h10M4 12h7M4 18h5" />
    <path d="M14 19l1-4 6-6 3 3-6 6z" />
  </Icon>
);
