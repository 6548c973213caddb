// /help/<org slug>: the organisation's public help page, no sign-in. The FAQ in the visitor's language with a search
// that understands Bengali, Banglish and near spellings (the server's search helper), one article at a time with
// "was this helpful?", and the "ask a question" form (a hidden honeypot field catches bots).
import {
  Alert,
  Anchor,
  Button,
  Card,
  Container,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { TICKET_TYPES, type TicketType } from "../../../shared/contracts/service.ts";
import { isApiError } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { LanguageSwitch } from "../../ui/language-switch.tsx";
import type { HelpSearch } from "./service-routes.tsx";
import { useAskQuestion, useFaq, useFaqArticle, useFaqVote } from "./use-service.ts";

const route = getRouteApi("/help/$orgSlug");

export function HelpRoute() {
  const { t } = useTranslation();
  const lang = useLocale();
  const { orgSlug } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<HelpSearch>) =>
    void navigate({ search: (s: HelpSearch) => ({ ...s, ...patch }), replace: true });
  const [query, setQuery] = useState(search.q ?? "");
  // Search as the visitor types, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((search.q ?? "") !== query) setSearch({ q: query || undefined });
    }, 300);
    return () => clearTimeout(timer);
  });
  const faq = useFaq(orgSlug, lang, search.q ?? "");
  if (faq.error && isApiError(faq.error) && faq.error.status === 404)
    return (
      <Container size="sm" py="xl">
        <Alert color="gray">{t("service.help.notFound")}</Alert>
      </Container>
    );
  return (
    <Container size="md" py="xl">
      <Stack>
        <Group justify="space-between">
          <Stack gap={0}>
            <Title order={1}>{t("service.help.title")}</Title>
            {faq.data && <Text c="dimmed">{faq.data.org.name}</Text>}
          </Stack>
          <LanguageSwitch size="sm" />
        </Group>
        {search.article ? (
          <ArticleView slug={orgSlug} id={search.article} onBack={() => setSearch({ article: undefined })} />
        ) : (
          <>
            <TextInput
              size="md"
              placeholder={t("service.help.search")}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              data-testid="faq-search"
            />
            {faq.error && <ErrorAlert error={faq.error} />}
            {faq.data?.items.length === 0 && <Text c="dimmed">{t("service.help.noResults")}</Text>}
            {faq.data?.items.map((a) => (
              <Card key={a.id} withBorder data-testid="faq-result" lang={a.locale}>
                <Anchor fw={600} onClick={() => setSearch({ article: a.id })}>
                  {a.title}
                </Anchor>
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {a.body}
                </Text>
              </Card>
            ))}
          </>
        )}
        <AskForm slug={orgSlug} />
      </Stack>
    </Container>
  );
}

function ArticleView({ slug, id, onBack }: { slug: string; id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const lang = useLocale();
  const article = useFaqArticle(slug, id, lang);
  const vote = useFaqVote(slug, id);
  return (
    <Stack>
      <Anchor onClick={onBack} size="sm">
        {t("service.help.back")}
      </Anchor>
      {article.error && <ErrorAlert error={article.error} />}
      {article.data && (
        <Card withBorder data-testid="faq-article" lang={article.data.locale}>
          <Title order={2}>{article.data.title}</Title>
          <Text mt="sm" style={{ whiteSpace: "pre-wrap" }}>
            {article.data.body}
          </Text>
          <Group mt="md">
            {vote.isSuccess ? (
              <Text size="sm" c="teal">
                {t("service.help.thanks")}
              </Text>
            ) : (
              <>
                <Text size="sm">{t("service.help.wasHelpful")}</Text>
                <Button size="xs" variant="light" onClick={() => vote.mutate(true)}>
                  {t("service.help.yes")}
                </Button>
                <Button size="xs" variant="default" onClick={() => vote.mutate(false)}>
                  {t("service.help.no")}
                </Button>
              </>
            )}
          </Group>
        </Card>
      )}
    </Stack>
  );
}

function AskForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const lang = useLocale();
  const ask = useAskQuestion(slug);
  const [form, setForm] = useState({ name: "", phone: "", email: "", subject: "", message: "", website: "" });
  const [type, setType] = useState<TicketType>("question");
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
  if (ask.data)
    return (
      <Alert color="teal" data-testid="ask-done">
        {ask.data.message}
      </Alert>
    );
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          ask.mutate({
            type,
            name: form.name,
            phone: form.phone || undefined,
            email: form.email || undefined,
            subject: form.subject,
            message: form.message,
            locale: lang,
            website: form.website || undefined,
          });
        }}
      >
        <Stack>
          <Title order={3}>{t("service.help.ask")}</Title>
          <Text size="sm" c="dimmed">
            {t("service.help.askIntro")}
          </Text>
          <Select
            label={t("service.help.type")}
            value={type}
            onChange={(v) => v && setType(v as TicketType)}
            data={TICKET_TYPES.map((v) => ({ value: v, label: t(`service.type.${v}`) }))}
          />
          <Group grow>
            <TextInput
              label={t("service.help.name")}
              required
              value={form.name}
              onChange={set("name")}
              data-testid="ask-name"
            />
            <TextInput
              label={t("service.help.phone")}
              value={form.phone}
              onChange={set("phone")}
              data-testid="ask-phone"
            />
            <TextInput label={t("service.help.email")} type="email" value={form.email} onChange={set("email")} />
          </Group>
          <TextInput
            label={t("service.help.subject")}
            required
            value={form.subject}
            onChange={set("subject")}
            data-testid="ask-subject"
          />
          <Textarea
            label={t("service.help.message")}
            required
            autosize
            minRows={3}
            value={form.message}
            onChange={set("message")}
            data-testid="ask-message"
          />
          {/* The honeypot: off screen and out of the tab order, so only bots fill it in. */}
          <div
            aria-hidden="true"
            style={{ position: "absolute", left: "-10000px", width: 1, height: 1, overflow: "hidden" }}
          >
            <label>
              {t("service.help.website")}
              <input name="website" tabIndex={-1} autoComplete="off" value={form.website} onChange={set("website")} />
            </label>
          </div>
          {ask.error && <ErrorAlert error={ask.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={ask.isPending} data-testid="ask-send">
              {t("service.help.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
