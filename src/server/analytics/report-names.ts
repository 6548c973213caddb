export const REPORT_NAMES = ["sales", "field", "availability", "distributors", "warnings"] as const;
