// The public lead-magnet page (/m/$key): the magnet's title and description in the visitor's language, the form's
// fields and, after the submission, the thank-you text and the download link. No sign-in; the UTM parameters and
// ref code of the page's address travel with the submission.
import { Anchor, Box, Button, Card, Center, Loader, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { type ReactElement, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { LanguageSwitch } from "../../ui/language-switch.tsx";
import { visibleFields } from "./lead-display.ts";
import { usePublicForm, useSubmitPublicForm } from "./use-leads.ts";

const route = getRouteApi("/m/$key");
const CARRIED = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "ref"] as const;

export function LeadMagnetPage(): ReactElement {
  const { t } = useTranslation();
  const locale = useLocale();
  const { key } = route.useParams();
  const form = usePublicForm(key);
  const [values, setValues] = useState<Record<string, string>>({ website: "" });
  const submit = useSubmitPublicForm(key);
  if (form.isPending)
    return (
      <Center mih="60vh">
        <Loader />
      </Center>
    );
  if (form.error || !form.data)
    return (
      <Center mih="60vh">
        <ErrorAlert error={form.error} />
      </Center>
    );
  const f = form.data;
  const m = f.magnet;
  const title = m ? (locale === "bn" ? m.titleBn || m.titleEn : m.titleEn || m.titleBn) : null;
  const about = m ? (locale === "bn" ? m.descriptionBn || m.descriptionEn : m.descriptionEn || m.descriptionBn) : null;
  const send = () => {
    const q = new URLSearchParams(window.location.search);
    const carried = Object.fromEntries(CARRIED.flatMap((k) => (q.get(k) ? [[k, q.get(k) ?? ""]] : [])));
    submit.mutate({
      ...values,
      ...carried,
      locale,
      landing_url: window.location.href.slice(0, 2000),
      ...(document.referrer ? { referrer: document.referrer.slice(0, 2000) } : {}),
    });
  };
  return (
    <Box maw={560} mx="auto" p="md">
      <Stack gap="md">
        <Box style={{ alignSelf: "flex-end" }}>
          <LanguageSwitch />
        </Box>
        {title ? <Title order={2}>{title}</Title> : null}
        {about ? <Text style={{ whiteSpace: "pre-wrap" }}>{about}</Text> : null}
        <Card withBorder>
          {submit.data ? (
            <Stack gap="sm" data-bikri-thanks="">
              <Text>{submit.data.message}</Text>
              {submit.data.downloadUrl ? (
                <Button component="a" href={submit.data.downloadUrl} data-testid="magnet-download">
                  {t("leads.magnet.download")}
                </Button>
              ) : null}
            </Stack>
          ) : (
            <form
              data-bikri-form={key}
              onSubmit={(e) => {
                e.preventDefault();
                send();
              }}
            >
              <Stack gap="sm">
                {visibleFields(f.fields).map(({ name, mode }) =>
                  name === "message" ? (
                    <Textarea
                      key={name}
                      name={name}
                      label={t(`leads.fields.${name}`)}
                      required={mode === "required"}
                      value={values[name] ?? ""}
                      onChange={(e) => setValues({ ...values, [name]: e.currentTarget.value })}
                    />
                  ) : (
                    <TextInput
                      key={name}
                      name={name}
                      type={name === "email" ? "email" : name === "phone" ? "tel" : "text"}
                      label={t(`leads.fields.${name as "name"}`)}
                      required={mode === "required"}
                      value={values[name] ?? ""}
                      onChange={(e) => setValues({ ...values, [name]: e.currentTarget.value })}
                    />
                  ),
                )}
                <input
                  name="website"
                  tabIndex={-1}
                  autoComplete="off"
                  aria-hidden="true"
                  style={{ position: "absolute", left: -10000, width: 1, height: 1, overflow: "hidden" }}
                  value={values.website ?? ""}
                  onChange={(e) => setValues({ ...values, website: e.currentTarget.value })}
                />
                <ErrorAlert error={submit.error} />
                <Button type="submit" loading={submit.isPending}>
                  {t("leads.magnet.submit")}
                </Button>
              </Stack>
            </form>
          )}
        </Card>
        <Text size="xs" c="dimmed" ta="center">
          {t("leads.magnet.privacy")}{" "}
          <Anchor size="xs" href="/">
            Bikri
          </Anchor>
        </Text>
      </Stack>
    </Box>
  );
}
