// /surveys: NPS and CSAT surveys; for the one picked, its score overall and by segment (channel, outlet class,
// territory, account kind, ticket type), its invitations with their answers, and an invitation by hand (the link
// to share, emailed when the account has an address).
import {
  Badge,
  Button,
  Checkbox,
  CopyButton,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccountListResponse } from "../../../shared/contracts/crm.ts";
import {
  SURVEY_SEGMENTS,
  SURVEY_TRIGGERS,
  type SurveyResponse,
  type SurveySegment,
} from "../../../shared/contracts/loyalty.ts";
import { api } from "../../api/api-client.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { resultColor } from "./loyalty-display.ts";
import { useInvitations, useInvite, useSaveSurvey, useSurveyResults, useSurveys } from "./use-loyalty.ts";

export function SurveysRoute() {
  return (
    <RequirePermission permission="surveys.read">
      <SurveysPage />
    </RequirePermission>
  );
}

function SurveysPage() {
  const { t } = useTranslation();
  const me = useMe();
  const manage = hasPermission(me, "surveys.manage");
  const surveys = useSurveys();
  const [picked, setPicked] = useState<string | null>(null);
  const [editing, setEditing] = useState<SurveyResponse | "new" | null>(null);
  const items = surveys.data?.items ?? [];
  const current = items.find((s) => s.id === picked) ?? items[0];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("loyalty.nav.surveys")}</Title>
        {manage ? (
          <Button onClick={() => setEditing("new")} data-testid="survey-new">
            {t("loyalty.surveys.new")}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={surveys.error} />
      {items.length === 0 && surveys.isSuccess ? <Text c="dimmed">{t("loyalty.surveys.none")}</Text> : null}
      <Group gap="xs">
        {items.map((s) => (
          <Button
            key={s.id}
            variant={current?.id === s.id ? "filled" : "light"}
            onClick={() => setPicked(s.id)}
            rightSection={<Badge size="xs">{s.kind.toUpperCase()}</Badge>}
          >
            {s.name}
          </Button>
        ))}
      </Group>
      {current ? <SurveyDetail survey={current} manage={manage} onEdit={() => setEditing(current)} /> : null}
      {editing ? <SurveyModal survey={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

function SurveyDetail({ survey, manage, onEdit }: { survey: SurveyResponse; manage: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [segment, setSegment] = useState<SurveySegment>("channel");
  const results = useSurveyResults(survey.id, segment);
  const r = results.data;
  const label = (key: string | null, text: string | null) => {
    if (key === null) return t("loyalty.surveys.unknown");
    if (segment === "channel") return t(`loyalty.channels.${key}` as "loyalty.channels.other");
    if (segment === "account_kind") return t(`loyalty.accountKinds.${key}` as "loyalty.accountKinds.company");
    return text ?? key;
  };
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Text fw={600}>{survey.question}</Text>
          <Text size="sm" c="dimmed">
            {survey.questionBn} · {t(`loyalty.surveys.trigger.${survey.trigger}`)}
            {survey.active ? "" : ` · ${t("loyalty.programs.paused")}`}
          </Text>
        </div>
        {manage ? (
          <Button variant="subtle" onClick={onEdit}>
            {t("loyalty.common.edit")}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={results.error} />
      {r ? (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed">
              {t(survey.kind === "nps" ? "loyalty.surveys.nps" : "loyalty.surveys.csat")}
            </Text>
            <Text fw={700} size="xl" c={resultColor(survey.kind, r.overall.score)} data-testid="survey-score">
              {r.overall.score === null ? "—" : fmt.number(r.overall.score)}
            </Text>
          </Paper>
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed">
              {t("loyalty.surveys.responses")}
            </Text>
            <Text fw={700} size="xl">
              {fmt.number(r.overall.responses)} / {fmt.number(r.invited)}
            </Text>
          </Paper>
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed">
              {t(survey.kind === "nps" ? "loyalty.surveys.promoters" : "loyalty.surveys.satisfied")}
            </Text>
            <Text fw={700} size="xl" c="teal">
              {fmt.number(r.overall.positive)}
            </Text>
          </Paper>
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed">
              {t(survey.kind === "nps" ? "loyalty.surveys.detractors" : "loyalty.surveys.unsatisfied")}
            </Text>
            <Text fw={700} size="xl" c="red">
              {fmt.number(r.overall.negative)}
            </Text>
          </Paper>
        </SimpleGrid>
      ) : null}
      <SegmentedControl
        value={segment}
        onChange={(v) => setSegment(v as SurveySegment)}
        data={SURVEY_SEGMENTS.map((s) => ({ value: s, label: t(`loyalty.surveys.segments.${s}`) }))}
      />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`loyalty.surveys.segments.${segment}`)}</Table.Th>
            <Table.Th ta="right">{t("loyalty.surveys.responses")}</Table.Th>
            <Table.Th ta="right">
              {t(survey.kind === "nps" ? "loyalty.surveys.promoters" : "loyalty.surveys.satisfied")}
            </Table.Th>
            <Table.Th ta="right">
              {t(survey.kind === "nps" ? "loyalty.surveys.detractors" : "loyalty.surveys.unsatisfied")}
            </Table.Th>
            <Table.Th ta="right">{t(survey.kind === "nps" ? "loyalty.surveys.nps" : "loyalty.surveys.csat")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(r?.segments ?? []).length === 0 ? (
            <EmptyTableRow colSpan={5}>{t("loyalty.surveys.noAnswers")}</EmptyTableRow>
          ) : (
            (r?.segments ?? []).map((s) => (
              <Table.Tr key={s.key ?? "none"} data-testid="survey-segment-row">
                <Table.Td>{label(s.key, s.label)}</Table.Td>
                <Table.Td ta="right">{fmt.number(s.responses)}</Table.Td>
                <Table.Td ta="right">{fmt.number(s.positive)}</Table.Td>
                <Table.Td ta="right">{fmt.number(s.negative)}</Table.Td>
                <Table.Td ta="right" c={resultColor(survey.kind, s.score)} fw={600}>
                  {s.score === null ? "—" : fmt.number(s.score)}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
      {manage ? <InviteForm surveyId={survey.id} /> : null}
      <Invitations surveyId={survey.id} />
    </Stack>
  );
}

function InviteForm({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [accountId, setAccountId] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [locale, setLocale] = useState<"bn" | "en">("bn");
  const accounts = useQuery({
    queryKey: ["loyalty", "account-picker", q],
    queryFn: ({ signal }) =>
      api.get<AccountListResponse>("/api/v1/crm/accounts", { q: q || undefined, limit: 20 }, signal),
  });
  const invite = useInvite({
    meta: { inlineError: true },
    onSuccess: () => {
      setAccountId(null);
      setEmail("");
    },
  });
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        {t("loyalty.surveys.invite")}
      </Text>
      <Group align="end" wrap="wrap">
        <Select
          label={t("loyalty.members.account")}
          searchable
          searchValue={q}
          onSearchChange={setQ}
          data={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={accountId}
          onChange={setAccountId}
          w={260}
          filter={({ options }) => options}
        />
        <TextInput
          label={t("loyalty.surveys.email")}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          w={220}
        />
        <SegmentedControl
          value={locale}
          onChange={(v) => setLocale(v as "bn" | "en")}
          data={[
            { value: "bn", label: "বাংলা" },
            { value: "en", label: "English" },
          ]}
        />
        <Button
          disabled={!accountId}
          loading={invite.isPending}
          onClick={() =>
            accountId &&
            invite.mutate({ id: surveyId, body: { accountId, locale, ...(email.trim() && { email: email.trim() }) } })
          }
        >
          {t("loyalty.surveys.send")}
        </Button>
      </Group>
      <ErrorAlert error={accounts.error ?? invite.error} />
    </Paper>
  );
}

function Invitations({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useInvitations(surveyId);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <Stack gap="xs">
      <Text fw={600}>{t("loyalty.surveys.invitations")}</Text>
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={720}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("loyalty.statement.date")}</Table.Th>
              <Table.Th>{t("loyalty.members.account")}</Table.Th>
              <Table.Th>{t("loyalty.surveys.source")}</Table.Th>
              <Table.Th>{t("loyalty.surveys.email")}</Table.Th>
              <Table.Th ta="right">{t("loyalty.surveys.score")}</Table.Th>
              <Table.Th>{t("loyalty.answer.comment")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.data?.items ?? []).length === 0 ? (
              <EmptyTableRow colSpan={7}>{t("loyalty.surveys.noInvitations")}</EmptyTableRow>
            ) : (
              (list.data?.items ?? []).map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{fmt.dateTime(i.createdAt)}</Table.Td>
                  <Table.Td>{i.accountName ?? "—"}</Table.Td>
                  <Table.Td>{t(`loyalty.surveys.sources.${i.sourceType}`)}</Table.Td>
                  <Table.Td>
                    {i.email ? (
                      <Text size="sm">
                        {i.email}{" "}
                        <Badge size="xs" variant="light">
                          {t(`loyalty.surveys.emailStatus.${i.emailStatus}`)}
                        </Badge>
                      </Text>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{i.score === null ? "—" : fmt.number(i.score)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {i.comment ?? ""}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <CopyButton value={`${origin}${i.link}`}>
                      {({ copied, copy }) => (
                        <Button size="compact-xs" variant="subtle" onClick={copy}>
                          {t(copied ? "loyalty.surveys.copied" : "loyalty.surveys.copyLink")}
                        </Button>
                      )}
                    </CopyButton>
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function SurveyModal({ survey, onClose }: { survey: SurveyResponse | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<"nps" | "csat">(survey?.kind ?? "nps");
  const [name, setName] = useState(survey?.name ?? "");
  const [question, setQuestion] = useState(survey?.question ?? "");
  const [questionBn, setQuestionBn] = useState(survey?.questionBn ?? "");
  const [trigger, setTrigger] = useState<(typeof SURVEY_TRIGGERS)[number]>(survey?.trigger ?? "delivery");
  const [active, setActive] = useState(survey?.active ?? true);
  const save = useSaveSurvey({ meta: { inlineError: true }, onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={t(survey ? "loyalty.surveys.edit" : "loyalty.surveys.new")}>
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as "nps" | "csat")}
          data={[
            { value: "nps", label: t("loyalty.surveys.nps") },
            { value: "csat", label: t("loyalty.surveys.csat") },
          ]}
        />
        <TextInput label={t("loyalty.surveys.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Textarea
          label={t("loyalty.surveys.questionEn")}
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
        />
        <Textarea
          label={t("loyalty.surveys.questionBn")}
          value={questionBn}
          onChange={(e) => setQuestionBn(e.currentTarget.value)}
        />
        <Select
          label={t("loyalty.surveys.when")}
          data={SURVEY_TRIGGERS.map((s) => ({ value: s, label: t(`loyalty.surveys.trigger.${s}`) }))}
          value={trigger}
          onChange={(v) => v && setTrigger(v as (typeof SURVEY_TRIGGERS)[number])}
        />
        <Checkbox
          label={t("loyalty.programs.active")}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <ErrorAlert error={save.error} />
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate({
              ...(survey && { id: survey.id }),
              body: { kind, name, question, questionBn, trigger, active },
            })
          }
          data-testid="survey-save"
        >
          {t("loyalty.common.save")}
        </Button>
      </Stack>
    </Modal>
  );
}
