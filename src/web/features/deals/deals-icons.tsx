// The sales path's icons, drawn inside the one stroke-icon frame.
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** Deals: a board of three columns with cards. */
export const DealsIcon = (p: IconProps) => (
  <Icon {...p}>
    <rect x="3" y="4" width="5" height="16" rx="1" />
    <rect x="10" y="4" width="5" height="11" rx="1" />
    <rect x="17" y="4" width="4" height="7" rx="1" />
  </Icon>
);

/** The forecast: bars rising with a trend line. */
export const ForecastIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 20V14M9 20V11M14 20V8M19 20V5" />
    <path d="M3 12l6-4 5 2 7-6" />
  </Icon>
);

/** Pipelines: stages joined left to right. */
export const PipelineIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="5" cy="12" r="2" />
    <circle cx="12" cy="12" r="2" />
    <circle cx="19" cy="12" r="2" />
    <path d="M7 12h3M14 12h3" />
  </Icon>
);

/** My day: a sun over a checked line. */
export const MyDayIcon = (p: IconProps) => (
  <Icon {...p}>
    <circle cx="12" cy="9" r="3" />
    <path d="M12 2v2M5 9H3M21 9h-2M6.5 3.5l1.4 1.4M17.5 3.5l-1.4 1.4" />
    <path d="M4 17l3 3 5-5M14 19h6" />
  </Icon>
);
