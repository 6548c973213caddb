import { createTheme } from "@mantine/core";

// Noto Sans Bengali comes first so Bengali always renders in it (self-hosted by @fontsource, bengali and
// latin subsets split by unicode-range); system fonts are only a fallback while it loads.
const FONT_STACK =
  '"Noto Sans Bengali", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: "cyan",
  primaryShade: 8,
  fontFamily: FONT_STACK,
  headings: { fontFamily: FONT_STACK, fontWeight: "600" },
  // Bengali conjuncts and vowel signs need more line height than Latin text.
  lineHeights: { xs: "1.5", sm: "1.6", md: "1.6", lg: "1.6", xl: "1.6" },
  defaultRadius: "md",
});
