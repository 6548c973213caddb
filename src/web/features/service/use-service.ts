// The service desk screens' data: one hook per endpoint of /api/v1/service and /api/v1/kb (contract:
// shared/contracts/service.ts). A change to a ticket refreshes the queue and that ticket; articles likewise.
import {
  keepPreviousData,
  type UseMutationOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { z } from "zod";
import type {
  ArticleListResponse,
  ArticleResponse,
  CreateArticleRequest,
  CreateTicketRequest,
  FaqArticle,
  FaqResponse,
  PublicTicketRequest,
  PublicTicketResponse,
  ServiceAgentsResponse,
  ServiceSettings,
  TicketListResponse,
  TicketMessageRequest,
  TicketResponse,
  TicketStatusRequest,
  UpdateArticleRequest,
  UpdateTicketRequest,
} from "../../../shared/contracts/service.ts";
import type { Locale } from "../../../shared/locale.ts";
import { api, apiRequest, newIdempotencyKey, type QueryValue } from "../../api/api-client.ts";

const BASE = "/api/v1/service";
const KB = "/api/v1/kb/articles";

export const serviceKeys = {
  all: ["service"] as const,
  tickets: (q: object) => ["service", "tickets", q] as const,
  ticket: (id: string) => ["service", "ticket", id] as const,
  agents: ["service", "agents"] as const,
  settings: ["service", "settings"] as const,
  articles: (q: object) => ["service", "articles", q] as const,
  article: (id: string) => ["service", "article", id] as const,
  faq: (slug: string, lang: Locale, q: string) => ["help", slug, lang, q] as const,
  faqArticle: (slug: string, id: string, lang: Locale) => ["help", slug, "article", id, lang] as const,
};

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;
type Json<T extends z.ZodType> = z.infer<T>;

export type TicketList = Json<typeof TicketListResponse>;
export type TicketItem = TicketList["items"][number];
export type Ticket = Json<typeof TicketResponse>;
export type Article = Json<typeof ArticleResponse>;
export type Settings = Json<typeof ServiceSettings>;

export interface TicketListParams {
  view: "all" | "mine" | "unassigned" | "breached";
  type?: string | undefined;
  priority?: string | undefined;
  status?: string | undefined;
  active?: "true" | undefined;
  q?: string | undefined;
}

export function useTickets(params: TicketListParams) {
  return useQuery({
    queryKey: serviceKeys.tickets(params),
    queryFn: ({ signal }) =>
      api.get<TicketList>(`${BASE}/tickets`, { ...params, limit: 100 } as Record<string, QueryValue>, signal),
    placeholderData: keepPreviousData,
    // The SLA countdown moves: fetch again every minute.
    refetchInterval: 60_000,
  });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: serviceKeys.ticket(id),
    queryFn: ({ signal }) => api.get<Ticket>(`${BASE}/tickets/${id}`, undefined, signal),
    refetchInterval: 60_000,
  });
}

export function useAgents() {
  return useQuery({
    queryKey: serviceKeys.agents,
    queryFn: ({ signal }) => api.get<Json<typeof ServiceAgentsResponse>>(`${BASE}/agents`, undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useServiceSettings() {
  return useQuery({
    queryKey: serviceKeys.settings,
    queryFn: ({ signal }) => api.get<Settings>(`${BASE}/settings`, undefined, signal),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: serviceKeys.all });
}

function mutation<TData, TVars>(
  fn: (vars: TVars) => Promise<TData>,
  invalidate: () => Promise<void>,
  options: MutationOpts<TData, TVars>,
) {
  return {
    ...options,
    mutationFn: fn,
    onSuccess: async (...args: Parameters<NonNullable<MutationOpts<TData, TVars>["onSuccess"]>>) => {
      await invalidate();
      await options.onSuccess?.(...args);
    },
  };
}

export function useCreateTicket(options: MutationOpts<Ticket, z.input<typeof CreateTicketRequest>> = {}) {
  const invalidate = useInvalidate();
  return useMutation(
    mutation((body) => api.post<Ticket>(`${BASE}/tickets`, body, newIdempotencyKey()), invalidate, options),
  );
}

export function useUpdateTicket(id: string, options: MutationOpts<Ticket, Json<typeof UpdateTicketRequest>> = {}) {
  const invalidate = useInvalidate();
  return useMutation(mutation((body) => api.patch<Ticket>(`${BASE}/tickets/${id}`, body), invalidate, options));
}

export function useTicketMessage(id: string, options: MutationOpts<Ticket, Json<typeof TicketMessageRequest>> = {}) {
  const invalidate = useInvalidate();
  return useMutation(mutation((body) => api.post<Ticket>(`${BASE}/tickets/${id}/messages`, body), invalidate, options));
}

export function useTicketStatus(id: string, options: MutationOpts<Ticket, Json<typeof TicketStatusRequest>> = {}) {
  const invalidate = useInvalidate();
  return useMutation(mutation((body) => api.post<Ticket>(`${BASE}/tickets/${id}/status`, body), invalidate, options));
}

export function useTicketToArticle(id: string, options: MutationOpts<Article, void> = {}) {
  const invalidate = useInvalidate();
  return useMutation(mutation(() => api.post<Article>(`${BASE}/tickets/${id}/article`), invalidate, options));
}

export function useSaveSettings(options: MutationOpts<Settings, Settings> = {}) {
  const invalidate = useInvalidate();
  return useMutation(
    mutation((body) => apiRequest<Settings>("PUT", `${BASE}/settings`, { body }), invalidate, options),
  );
}

// --- knowledge base

export function useArticles(params: { status?: "draft" | "published" | undefined; q?: string | undefined }) {
  return useQuery({
    queryKey: serviceKeys.articles(params),
    queryFn: ({ signal }) =>
      api.get<Json<typeof ArticleListResponse>>(KB, { ...params, limit: 100 } as Record<string, QueryValue>, signal),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: string) {
  return useQuery({
    queryKey: serviceKeys.article(id),
    queryFn: ({ signal }) => api.get<Article>(`${KB}/${id}`, undefined, signal),
  });
}

export function useCreateArticle(options: MutationOpts<Article, z.input<typeof CreateArticleRequest>> = {}) {
  const invalidate = useInvalidate();
  return useMutation(mutation((body) => api.post<Article>(KB, body, newIdempotencyKey()), invalidate, options));
}

export function useUpdateArticle(id: string, options: MutationOpts<Article, Json<typeof UpdateArticleRequest>> = {}) {
  const invalidate = useInvalidate();
  return useMutation(mutation((body) => api.patch<Article>(`${KB}/${id}`, body), invalidate, options));
}

export function usePublishArticle(id: string, options: MutationOpts<Article, boolean> = {}) {
  const invalidate = useInvalidate();
  return useMutation(
    mutation((publish) => api.post<Article>(`${KB}/${id}/${publish ? "publish" : "unpublish"}`), invalidate, options),
  );
}

// --- the public help page

const HELP = (slug: string) => `/api/v1/public/orgs/${encodeURIComponent(slug)}`;

export function useFaq(slug: string, lang: Locale, q: string) {
  return useQuery({
    queryKey: serviceKeys.faq(slug, lang, q),
    queryFn: ({ signal }) =>
      api.get<Json<typeof FaqResponse>>(`${HELP(slug)}/faq`, { lang, q: q || undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFaqArticle(slug: string, id: string | undefined, lang: Locale) {
  return useQuery({
    queryKey: serviceKeys.faqArticle(slug, id ?? "", lang),
    queryFn: ({ signal }) => api.get<FaqArticle>(`${HELP(slug)}/faq/${id}`, { lang }, signal),
    enabled: id !== undefined,
  });
}

export function useFaqVote(slug: string, id: string) {
  return useMutation({
    mutationFn: (helpful: boolean) =>
      api.post<{ helpfulYes: number; helpfulNo: number }>(`${HELP(slug)}/faq/${id}/vote`, { helpful }),
  });
}

export function useAskQuestion(slug: string) {
  return useMutation({
    mutationFn: (body: PublicTicketRequest) =>
      api.post<Json<typeof PublicTicketResponse>>(`${HELP(slug)}/tickets`, body, newIdempotencyKey()),
  });
}
