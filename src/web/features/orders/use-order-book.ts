// The order book: every active SKU with its units, VAT and resolved price for one outlet (or distributor).
// Order entry loads it once and searches it in the browser, so typing never waits for the network.
import { useQuery } from "@tanstack/react-query";
import type { OrderBookResponse, OrderBookSku } from "../../../shared/contracts/catalog.ts";
import { api } from "../../api/api-client.ts";

export type { OrderBookSku };

export const orderBookKeys = {
  all: ["order-book"] as const,
  for: (target: { outletId?: string; distributorId?: string }) => ["order-book", target] as const,
};

export function useOrderBook(target: { outletId?: string; distributorId?: string }) {
  return useQuery({
    queryKey: orderBookKeys.for(target),
    queryFn: ({ signal }) => api.get<OrderBookResponse>("/api/v1/catalog/order-book", target, signal),
    enabled: Boolean(target.outletId || target.distributorId),
    staleTime: 5 * 60_000,
  });
}
