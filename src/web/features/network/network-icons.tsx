// Stroke icons for the network's navigation entries, in the one icon frame of src/web/ui/icons.tsx.
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** A shop front with an awning. */
export const OutletIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 9l2-5h14l2 5" />
    <path d="M3 9a3 3 0 0 0 6 0a3 3 0 0 0 6 0a3 3 0 0 0 6 0" />
    <path d="M5 12v8h14v-8" />
    <path d="M10 20v-5h4v5" />
  </Icon>
);

/** A warehouse. */
export const DistributorIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 21V9l9-5 9 5v12" />
    <path d="M7 21v-8h10v8" />
    <path d="M7 17h10" />
  </Icon>
);

/** A tree of places. */
export const TerritoryIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="12" cy="5" r="2" />
    <circle cx="5" cy="19" r="2" />
    <circle cx="19" cy="19" r="2" />
    <path d="M12 7v5M12 12H5v5M12 12h7v5" />
  </Icon>
);
