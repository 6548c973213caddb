// The replenishment screens' icons, drawn inside the one stroke-icon frame.
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** Stock going round: the reorder cycle. */
export const ReplenishIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M20 11a8 8 0 0 0-14.3-4.9L4 8" />
    <path d="M4 3v5h5" />
    <path d="M4 13a8 8 0 0 0 14.3 4.9L20 16" />
    <path d="M20 21v-5h-5" />
  </Icon>
);

export const StockAlertIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 7l9-4 9 4v10l-9 4-9-4z" />
    <path d="M12 9v4M12 16v.01" />
  </Icon>
);
