// The promotions screens' icons, drawn inside the one stroke-icon frame.
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** A price tag with a percent sign: a trade scheme. */
export const SchemeIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 12V4h8l10 10-8 8z" />
    <path d="M9 15l5-5" />
    <path d="M9.5 10.5v.01M13.5 14.5v.01" />
  </Icon>
);

/** A megaphone: a campaign. */
export const CampaignIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 10v4h4l8 5V5L7 10z" />
    <path d="M18 9a4 4 0 0 1 0 6" />
  </Icon>
);
