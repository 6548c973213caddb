// Stroke icons for the orders, stock and collections entries of the navigation (same style as ui/icons.tsx).
import type { SVGProps } from "react";

type IconProps = SVGProps<SVGSVGElement> & { size?: number };

const base = (size: number) => ({
  width: size,
  height: size,
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round" as const,
  strokeLinejoin: "round" as const,
});

export const OrdersIcon = ({ size = 18, ...p }: IconProps) => (
  <svg {...base(size)} {...p} aria-hidden="true">
    <path d="M6 3h12v18l-3-2-3 2-3-2-3 2z" />
    <path d="M9 8h6M9 12h6" />
  </svg>
);

export const NewOrderIcon = ({ size = 18, ...p }: IconProps) => (
  <svg {...base(size)} {...p} aria-hidden="true">
    <path d="M6 3h8l4 4v14H6z" />
    <path d="M12 10v6M9 13h6" />
  </svg>
);

export const StockIcon = ({ size = 18, ...p }: IconProps) => (
  <svg {...base(size)} {...p} aria-hidden="true">
    <path d="M3 8l9-5 9 5-9 5z" />
    <path d="M3 8v8l9 5 9-5V8" />
    <path d="M12 13v8" />
  </svg>
);

export const TruckIcon = ({ size = 18, ...p }: IconProps) => (
  <svg {...base(size)} {...p} aria-hidden="true">
    <path d="M2 6h11v10H2zM13 10h5l3 3v3h-8" />
    <circle cx="6" cy="18" r="2" />
    <circle cx="17" cy="18" r="2" />
  </svg>
);

export const CashIcon = ({ size = 18, ...p }: IconProps) => (
  <svg {...base(size)} {...p} aria-hidden="true">
    <rect x="2" y="6" width="20" height="12" rx="2" />
    <circle cx="12" cy="12" r="3" />
  </svg>
);
