// /service/kb: the knowledge base (drafts and published articles, searched in Bengali or English) and
// /service/kb/<id>: the editor, Bengali and English side by side, with publish and unpublish.
import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { articleTitle } from "./service-display.ts";
import {
  type Article,
  useArticle,
  useArticles,
  useCreateArticle,
  usePublishArticle,
  useUpdateArticle,
} from "./use-service.ts";

const articleRoute = getRouteApi("/_app/service/kb/$id");

export function ArticlesRoute() {
  return (
    <RequirePermission permission="kb.write">
      <ArticlesPage />
    </RequirePermission>
  );
}

export function ArticleRoute() {
  return (
    <RequirePermission permission="kb.write">
      <ArticleEditorPage />
    </RequirePermission>
  );
}

function ArticlesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [status, setStatus] = useState<"all" | "draft" | "published">("all");
  const [query, setQuery] = useState("");
  const [q, setQ] = useState("");
  const list = useArticles({ status: status === "all" ? undefined : status, q: q || undefined });
  const create = useCreateArticle({
    onSuccess: (a) => void navigate({ to: "/service/kb/$id", params: { id: a.id } }),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("service.kb.title")}</Title>
        <Group>
          {list.data && (
            <Anchor href={list.data.helpPagePath} target="_blank" size="sm" data-testid="help-page-link">
              {t("service.kb.helpPage")}
            </Anchor>
          )}
          <Button
            loading={create.isPending}
            onClick={() => create.mutate({ titleBn: t("service.kb.new"), titleEn: "" })}
            data-testid="article-new"
          >
            {t("service.kb.new")}
          </Button>
        </Group>
      </Group>
      <Group>
        <SegmentedControl
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          data={[
            { value: "all", label: t("service.kb.anyStatus") },
            { value: "draft", label: t("service.kb.draft") },
            { value: "published", label: t("service.kb.published") },
          ]}
        />
        <TextInput
          placeholder={t("service.kb.search")}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => e.key === "Enter" && setQ(query)}
          onBlur={() => setQ(query)}
          w={260}
        />
      </Group>
      {(list.error || create.error) && <ErrorAlert error={list.error ?? create.error} />}
      <Table striped highlightOnHover data-testid="article-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("service.kb.articleTitle")}</Table.Th>
            <Table.Th>{t("service.kb.category")}</Table.Th>
            <Table.Th>{t("service.kb.views")}</Table.Th>
            <Table.Th>{t("service.kb.helpful")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.length === 0 && <EmptyTableRow colSpan={4}>{t("service.kb.empty")}</EmptyTableRow>}
          {list.data?.items.map((a) => (
            <Table.Tr key={a.id} data-testid="article-row">
              <Table.Td>
                <Group gap="xs">
                  <Anchor renderRoot={(props) => <Link {...props} to="/service/kb/$id" params={{ id: a.id }} />}>
                    {articleTitle(a, fmt.locale)}
                  </Anchor>
                  <Badge size="xs" color={a.status === "published" ? "teal" : "gray"} tt="none">
                    {t(`service.kb.${a.status}`)}
                  </Badge>
                  {a.sourceTicketNumber && (
                    <Text size="xs" c="dimmed">
                      {t("service.kb.fromTicket", { number: a.sourceTicketNumber })}
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{a.category ?? "—"}</Table.Td>
              <Table.Td>{fmt.number(a.views)}</Table.Td>
              <Table.Td>
                {fmt.number(a.helpfulYes)} / {fmt.number(a.helpfulYes + a.helpfulNo)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function ArticleEditorPage() {
  const { id } = articleRoute.useParams();
  const article = useArticle(id);
  if (article.error) return <ErrorAlert error={article.error} />;
  if (!article.data) return null;
  return <ArticleEditor key={`${article.data.id}:${article.data.updatedAt}`} article={article.data} />;
}

function ArticleEditor({ article }: { article: Article }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState({
    titleBn: article.titleBn,
    titleEn: article.titleEn,
    bodyBn: article.bodyBn,
    bodyEn: article.bodyEn,
    category: article.category ?? "",
  });
  const set = (k: keyof typeof fields) => (e: { currentTarget: { value: string } }) =>
    setFields({ ...fields, [k]: e.currentTarget.value });
  const update = useUpdateArticle(article.id, {
    onSuccess: () => notifications.show({ color: "teal", message: t("service.kb.saved") }),
  });
  const publish = usePublishArticle(article.id);
  const dirty =
    fields.titleBn !== article.titleBn ||
    fields.titleEn !== article.titleEn ||
    fields.bodyBn !== article.bodyBn ||
    fields.bodyEn !== article.bodyEn ||
    fields.category !== (article.category ?? "");
  const save = () =>
    update.mutateAsync({ ...fields, category: fields.category.trim() === "" ? null : fields.category });
  return (
    <Stack>
      <Anchor renderRoot={(props) => <Link {...props} to="/service/kb" />} size="sm">
        {t("service.kb.title")}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{t("service.kb.editor")}</Title>
        <Group>
          <Badge color={article.status === "published" ? "teal" : "gray"} tt="none" data-testid="article-status">
            {t(`service.kb.${article.status}`)}
          </Badge>
          {article.sourceTicketId && article.sourceTicketNumber && (
            <Anchor
              renderRoot={(props) => (
                <Link {...props} to="/service/tickets/$id" params={{ id: article.sourceTicketId }} />
              )}
              size="sm"
            >
              {t("service.kb.fromTicket", { number: article.sourceTicketNumber })}
            </Anchor>
          )}
        </Group>
      </Group>
      {(update.error || publish.error) && <ErrorAlert error={update.error ?? publish.error} />}
      <TextInput label={t("service.kb.category")} value={fields.category} onChange={set("category")} w={300} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="md">
            <Stack>
              <Text fw={600}>{t("service.kb.bengali")}</Text>
              <TextInput
                label={t("service.kb.titleBn")}
                lang="bn"
                value={fields.titleBn}
                onChange={set("titleBn")}
                data-testid="article-title-bn"
              />
              <Textarea
                label={t("service.kb.bodyBn")}
                lang="bn"
                autosize
                minRows={8}
                value={fields.bodyBn}
                onChange={set("bodyBn")}
                data-testid="article-body-bn"
              />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder p="md">
            <Stack>
              <Text fw={600}>{t("service.kb.english")}</Text>
              <TextInput
                label={t("service.kb.titleEn")}
                lang="en"
                value={fields.titleEn}
                onChange={set("titleEn")}
                data-testid="article-title-en"
              />
              <Textarea
                label={t("service.kb.bodyEn")}
                lang="en"
                autosize
                minRows={8}
                value={fields.bodyEn}
                onChange={set("bodyEn")}
                data-testid="article-body-en"
              />
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      <Group justify="flex-end">
        {article.status === "published" && (
          <Text size="sm" c="teal">
            {t("service.kb.publishedNote")}
          </Text>
        )}
        <Button
          variant="default"
          disabled={!dirty}
          loading={update.isPending}
          onClick={() => void save()}
          data-testid="article-save"
        >
          {t("service.kb.save")}
        </Button>
        {article.status === "published" ? (
          <Button variant="default" color="gray" loading={publish.isPending} onClick={() => publish.mutate(false)}>
            {t("service.kb.unpublish")}
          </Button>
        ) : (
          <Button
            loading={publish.isPending || update.isPending}
            onClick={async () => {
              if (dirty) await save();
              publish.mutate(true);
            }}
            data-testid="article-publish"
          >
            {t("service.kb.publish")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
