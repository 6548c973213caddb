// The loyalty and survey screens' icons, drawn inside the one stroke-icon frame.
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** Loyalty: a star. */
export const LoyaltyIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 3l2.6 5.6 6.1.7-4.5 4.2 1.2 6L12 16.5 6.6 19.5l1.2-6-4.5-4.2 6.1-.7z" />
  </Icon>
);

/** Surveys: a speech bubble with a tick. */
export const SurveyIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 5h16v11H9l-5 4z" />
    <path d="M9 10.5l2 2 4-4" />
  </Icon>
);
