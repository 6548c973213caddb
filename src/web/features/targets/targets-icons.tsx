// The targets screen's icon, drawn inside the one stroke-icon frame.
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** A target: rings and the centre. */
export const TargetIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="9" />
    <circle cx="12" cy="12" r="5" />
    <circle cx="12" cy="12" r="1" />
  </Icon>
);
