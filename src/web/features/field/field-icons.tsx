// Stroke icons for the field force's navigation entries, in the one icon frame of src/web/ui/icons.tsx.
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** A map pin with signal arcs: where the reps are now. */
export const FieldLiveIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M12 21s-6-5.4-6-10a6 6 0 0 1 12 0c0 4.6-6 10-6 10z" />
    <circle cx="12" cy="11" r="2" />
  </Icon>
);

/** A shop front with a tick: outlets waiting for approval. */
export const OnboardingIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M3 9l2-5h14l2 5" />
    <path d="M5 12v8h7" />
    <path d="M19 12v2" />
    <path d="M15 19l2 2 4-4" />
  </Icon>
);

/** Sliders: the field rules. */
export const FieldSettingsIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0" />
    <circle cx="16" cy="6" r="2" />
    <circle cx="10" cy="12" r="2" />
    <circle cx="18" cy="18" r="2" />
  </Icon>
);
