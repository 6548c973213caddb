// Lead forms and lead magnets (/crm/forms): the org's forms with how many leads each brought; create or edit one
// (fields shown, thank-you text, default owner and territory, magnet texts and download link) and copy the snippet
// a company pastes into its site, or the plain HTML form, or the magnet page's address.
import {
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type ReactElement, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  FIELD_MODES,
  type FieldMode,
  LEAD_FORM_FIELDS,
  type LeadFormResponse,
} from "../../../shared/contracts/leads.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { PlusIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { embedSnippet, magnetPageUrl, plainHtmlForm } from "./lead-display.ts";
import { useCreateLeadForm, useLeadForms, useUpdateLeadForm } from "./use-leads.ts";

export function LeadFormsPage(): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormat();
  const forms = useLeadForms();
  const [editing, setEditing] = useState<LeadFormResponse | "new" | null>(null);
  const [showing, setShowing] = useState<LeadFormResponse | null>(null);
  const items = forms.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("leads.forms.title")}</Title>
        <Button leftSection={<PlusIcon size={16} />} onClick={() => setEditing("new")} data-testid="lead-form-new">
          {t("leads.forms.new")}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t("leads.forms.help")}
      </Text>
      <ErrorAlert error={forms.error} />
      <Table striped data-testid="lead-form-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("leads.forms.name")}</Table.Th>
            <Table.Th>{t("leads.forms.kind")}</Table.Th>
            <Table.Th>{t("leads.forms.leads")}</Table.Th>
            <Table.Th>{t("leads.forms.active")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => (
            <Table.Tr key={f.id} data-testid="lead-form-row">
              <Table.Td>{f.name}</Table.Td>
              <Table.Td>{t(`leads.forms.kind_${f.kind}`)}</Table.Td>
              <Table.Td>{fmt.number(f.leadCount)}</Table.Td>
              <Table.Td>
                <Badge color={f.active ? "teal" : "gray"} variant="light">
                  {f.active ? t("leads.forms.on") : t("leads.forms.off")}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end">
                  <Button size="xs" variant="light" onClick={() => setShowing(f)} data-testid="lead-form-embed">
                    {t("leads.forms.embed")}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setEditing(f)}>
                    {t("leads.forms.edit")}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
          {!forms.isPending && items.length === 0 ? (
            <EmptyTableRow colSpan={5}>{t("leads.forms.empty")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
      </Table>
      {editing ? <FormEditor form={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
      {showing ? <EmbedModal form={showing} onClose={() => setShowing(null)} /> : null}
    </Stack>
  );
}

function Snippet({ label, text, testId }: { label: string; text: string; testId: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {label}
        </Text>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" color={copied ? "teal" : undefined} onClick={copy}>
              {copied ? t("leads.forms.copied") : t("leads.forms.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block data-testid={testId}>
        {text}
      </Code>
    </Stack>
  );
}

function EmbedModal({ form, onClose }: { form: LeadFormResponse; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const origin = window.location.origin;
  return (
    <Modal opened onClose={onClose} title={form.name} size="xl">
      <Stack gap="md">
        <Snippet
          label={t("leads.forms.snippet")}
          text={embedSnippet(origin, form.publicKey)}
          testId="lead-form-snippet"
        />
        <Snippet
          label={t("leads.forms.plainForm")}
          text={plainHtmlForm(origin, form.publicKey, form.fields)}
          testId="lead-form-plain"
        />
        {form.kind === "magnet" ? (
          <Snippet
            label={t("leads.forms.magnetPage")}
            text={magnetPageUrl(origin, form.publicKey)}
            testId="lead-form-page"
          />
        ) : null}
      </Stack>
    </Modal>
  );
}

type Draft = {
  name: string;
  kind: "form" | "magnet";
  fields: Record<string, FieldMode>;
  defaultLocale: "bn" | "en";
  thankYouEn: string;
  thankYouBn: string;
  magnetTitleEn: string;
  magnetTitleBn: string;
  magnetDescriptionEn: string;
  magnetDescriptionBn: string;
  downloadUrl: string;
  territoryId: string | null;
  active: boolean;
};

function draftOf(f: LeadFormResponse | null): Draft {
  return {
    name: f?.name ?? "",
    kind: f?.kind ?? "form",
    fields: f?.fields ?? { phone: "required", email: "optional", company: "optional", message: "optional" },
    defaultLocale: f?.defaultLocale ?? "bn",
    thankYouEn: f?.thankYouEn ?? "",
    thankYouBn: f?.thankYouBn ?? "",
    magnetTitleEn: f?.magnetTitleEn ?? "",
    magnetTitleBn: f?.magnetTitleBn ?? "",
    magnetDescriptionEn: f?.magnetDescriptionEn ?? "",
    magnetDescriptionBn: f?.magnetDescriptionBn ?? "",
    downloadUrl: f?.downloadUrl ?? "",
    territoryId: f?.territoryId ?? null,
    active: f?.active ?? true,
  };
}

function FormEditor({ form, onClose }: { form: LeadFormResponse | null; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(() => draftOf(form));
  const done = () => {
    notifications.show({ color: "teal", message: t("leads.saved") });
    onClose();
  };
  const create = useCreateLeadForm({ onSuccess: done });
  const update = useUpdateLeadForm({ onSuccess: done });
  const text = (k: keyof Draft) => ({
    value: d[k] as string,
    onChange: (e: { currentTarget: { value: string } }) => setD({ ...d, [k]: e.currentTarget.value }),
  });
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  const save = () => {
    const body = {
      name: d.name,
      kind: d.kind,
      fields: d.fields,
      defaultLocale: d.defaultLocale,
      thankYouEn: d.thankYouEn,
      thankYouBn: d.thankYouBn,
      magnetTitleEn: orNull(d.magnetTitleEn),
      magnetTitleBn: orNull(d.magnetTitleBn),
      magnetDescriptionEn: orNull(d.magnetDescriptionEn),
      magnetDescriptionBn: orNull(d.magnetDescriptionBn),
      downloadUrl: orNull(d.downloadUrl),
      territoryId: d.territoryId,
      active: d.active,
    };
    if (form) update.mutate({ id: form.id, body });
    else create.mutate(body);
  };
  return (
    <Modal opened onClose={onClose} title={form ? form.name : t("leads.forms.new")} size="xl">
      <Stack gap="sm">
        <TextInput label={t("leads.forms.name")} required {...text("name")} data-testid="lead-form-name" />
        <SegmentedControl
          value={d.kind}
          onChange={(k) => setD({ ...d, kind: k === "magnet" ? "magnet" : "form" })}
          data={[
            { value: "form", label: t("leads.forms.kind_form") },
            { value: "magnet", label: t("leads.forms.kind_magnet") },
          ]}
        />
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          {LEAD_FORM_FIELDS.map((f) => (
            <Select
              key={f}
              label={t(`leads.fields.${f}`)}
              value={d.fields[f] ?? "hidden"}
              onChange={(m) => setD({ ...d, fields: { ...d.fields, [f]: (m ?? "hidden") as FieldMode } })}
              data={FIELD_MODES.map((m) => ({ value: m, label: t(`leads.forms.mode_${m}`) }))}
              allowDeselect={false}
            />
          ))}
          <Select
            label={t("leads.forms.language")}
            value={d.defaultLocale}
            onChange={(l) => setD({ ...d, defaultLocale: l === "en" ? "en" : "bn" })}
            data={[
              { value: "bn", label: "বাংলা" },
              { value: "en", label: "English" },
            ]}
            allowDeselect={false}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea label={t("leads.forms.thankYouBn")} {...text("thankYouBn")} />
          <Textarea label={t("leads.forms.thankYouEn")} {...text("thankYouEn")} />
        </SimpleGrid>
        {d.kind === "magnet" ? (
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t("leads.forms.magnetTitleBn")} {...text("magnetTitleBn")} />
              <TextInput label={t("leads.forms.magnetTitleEn")} {...text("magnetTitleEn")} />
              <Textarea label={t("leads.forms.magnetDescriptionBn")} {...text("magnetDescriptionBn")} />
              <Textarea label={t("leads.forms.magnetDescriptionEn")} {...text("magnetDescriptionEn")} />
            </SimpleGrid>
            <TextInput mt="sm" label={t("leads.forms.downloadUrl")} required type="url" {...text("downloadUrl")} />
          </Card>
        ) : null}
        <TerritoryPicker
          label={t("leads.forms.territory")}
          value={d.territoryId}
          onChange={(id) => setD({ ...d, territoryId: id })}
        />
        <Switch
          label={t("leads.forms.active")}
          checked={d.active}
          onChange={(e) => setD({ ...d, active: e.currentTarget.checked })}
        />
        <ErrorAlert error={create.error ?? update.error} />
        <Button onClick={save} loading={create.isPending || update.isPending} data-testid="lead-form-save">
          {t("leads.save")}
        </Button>
      </Stack>
    </Modal>
  );
}
