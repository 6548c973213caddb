// What other modules may read about deliveries and returns (loyalty points, surveys after a delivery), through
// the orders module: see delivered-orders.repository.ts.
export {
  type DeliveredOrder,
  deliveredOrdersSince,
  type OrderReturn,
  outletSegments,
  returnsSince,
} from "./delivered-orders.repository.ts";
