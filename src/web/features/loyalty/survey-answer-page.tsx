// /s/:token: the public page of a survey invitation. The question in the invitation's language (switchable), a row
// of score buttons (0-10 for NPS, 1-5 for CSAT), an optional comment; answered once, then thanks.
import { Box, Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { LanguageSwitch } from "../../ui/language-switch.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { scaleOf, scoreColor } from "./loyalty-display.ts";
import { useAnswerSurvey, usePublicSurvey } from "./use-loyalty.ts";

const route = getRouteApi("/s/$token");

export function SurveyAnswerPage() {
  const { token } = route.useParams();
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const survey = usePublicSurvey(token);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const answer = useAnswerSurvey(token, { meta: { inlineError: true } });
  const s = survey.data;
  // The invitation's language first, once; the visitor may switch.
  const [chosen, setChosen] = useState(false);
  useEffect(() => {
    if (s && !chosen) {
      setChosen(true);
      if (s.locale !== locale) void i18n.changeLanguage(s.locale);
    }
  }, [s, chosen, locale, i18n]);
  const notFound = isApiError(survey.error) && survey.error.status === 404;
  const done = answer.isSuccess || s?.answered;
  return (
    <Box maw={560} mx="auto" p="md" data-testid="survey-answer">
      <Group justify="space-between" mb="md">
        <Text fw={700} c="cyan.8">
          {s?.orgName ?? "বিক্রি"}
        </Text>
        <LanguageSwitch />
      </Group>
      {notFound ? <Text>{t("loyalty.answer.notFound")}</Text> : <ErrorAlert error={survey.error} />}
      {s ? (
        done ? (
          <Paper withBorder p="lg">
            <Title order={3} data-testid="survey-thanks">
              {t("loyalty.answer.thanks")}
            </Title>
            {!answer.isSuccess ? <Text c="dimmed">{t("loyalty.answer.already")}</Text> : null}
          </Paper>
        ) : (
          <Stack gap="md">
            <Title order={3}>{locale === "bn" ? s.questionBn : s.question}</Title>
            <Text size="sm" c="dimmed">
              {t(s.kind === "nps" ? "loyalty.answer.npsHint" : "loyalty.answer.csatHint")}
            </Text>
            <Group gap={6} wrap="wrap">
              {scaleOf(s.kind).map((n) => (
                <Button
                  key={n}
                  w={44}
                  px={0}
                  variant={score === n ? "filled" : "light"}
                  color={scoreColor(s.kind, n)}
                  onClick={() => setScore(n)}
                  data-testid={`survey-score-${n}`}
                >
                  {fmt.number(n)}
                </Button>
              ))}
            </Group>
            <Textarea
              label={t("loyalty.answer.comment")}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              maxLength={2000}
              autosize
              minRows={2}
            />
            <ErrorAlert error={answer.error} />
            <Button
              disabled={score === null}
              loading={answer.isPending}
              onClick={() =>
                score !== null && answer.mutate({ score, locale, ...(comment.trim() && { comment: comment.trim() }) })
              }
              data-testid="survey-submit"
            >
              {t("loyalty.answer.submit")}
            </Button>
          </Stack>
        )
      ) : null}
    </Box>
  );
}
