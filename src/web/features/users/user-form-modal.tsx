import { Alert, Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateUserRequest, UpdateUserRequest, type UserResponse } from "../../../shared/contracts/users.ts";
import { isLocale, type Locale } from "../../../shared/locale.ts";
import { ROLES, type Role } from "../../../shared/roles.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import { TerritoryPicker } from "../territories/territory-picker.tsx";
import { territoryName } from "../territories/use-territories.ts";
import { type UserCreated, useCreateUser, useUpdateUser } from "./use-users.ts";
import { TERRITORY_ROLES } from "./user-labels.ts";

/** Create (no `user`) or edit a user. The form mounts afresh on each open, so state never leaks. */
export function UserFormModal({
  opened,
  user,
  onClose,
  onCreated,
}: {
  opened: boolean;
  user: UserResponse | null;
  onClose: () => void;
  onCreated: (created: UserCreated) => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery("(max-width: 36em)") ?? false;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={user ? t("users.editTitle") : t("users.createTitle")}
      size="lg"
      fullScreen={isPhone}
      centered
    >
      {opened ? <UserForm user={user} onDone={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}

interface FormState {
  email: string;
  name: string;
  phone: string;
  role: Role;
  territoryId: string | null;
  locale: Locale;
  password: string;
}

function UserForm({
  user,
  onDone,
  onCreated,
}: {
  user: UserResponse | null;
  onDone: () => void;
  onCreated: (created: UserCreated) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const uiLocale = fmt.locale;
  const [form, setForm] = useState<FormState>(() => ({
    email: user?.email ?? "",
    name: user?.name ?? "",
    phone: user?.phone ?? "",
    role: user?.role ?? "rep",
    territoryId: user?.territoryId ?? null,
    locale: user?.locale ?? "bn",
    password: "",
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  // One key per submission attempt of this form: a retry after a network error reuses it.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useCreateUser({
    meta: { inlineError: true },
    onSuccess: (created) => {
      onDone();
      onCreated(created);
    },
  });
  const update = useUpdateUser({ meta: { inlineError: true }, onSuccess: onDone });
  const mutation = user ? update : create;

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const territoryRole = TERRITORY_ROLES.includes(form.role);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const territoryId = territoryRole ? form.territoryId : null;
    if (user) {
      const parsed = UpdateUserRequest.safeParse({
        name: form.name,
        phone: form.phone.trim() ? form.phone : null,
        role: form.role,
        territoryId,
        locale: form.locale,
      });
      if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
      setErrors({});
      update.mutate({ id: user.id, body: parsed.data });
    } else {
      const parsed = CreateUserRequest.safeParse({
        email: form.email,
        name: form.name,
        phone: form.phone.trim() ? form.phone : undefined,
        role: form.role,
        territoryId,
        locale: form.locale,
        password: form.password ? form.password : undefined,
      });
      if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
      setErrors({});
      create.mutate({ body: parsed.data, idempotencyKey });
    }
  };

  const currentTerritory =
    user?.territoryName != null
      ? territoryName({ name: user.territoryName, nameBn: user.territoryNameBn ?? "" }, uiLocale)
      : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={mutation.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("users.email")}
            type="email"
            required={!user}
            disabled={Boolean(user)}
            value={form.email}
            error={errors.email}
            onChange={(e) => set("email", e.currentTarget.value)}
            data-testid="user-email"
          />
          <TextInput
            label={t("users.name")}
            required
            value={form.name}
            error={errors.name}
            onChange={(e) => set("name", e.currentTarget.value)}
            data-testid="user-name"
          />
          <TextInput
            label={t("users.phone")}
            placeholder="01XXXXXXXXX"
            type="tel"
            inputMode="tel"
            value={form.phone}
            error={errors.phone}
            onChange={(e) => set("phone", e.currentTarget.value)}
            data-testid="user-phone"
          />
          <Select
            label={t("users.role")}
            required
            allowDeselect={false}
            value={form.role}
            error={errors.role}
            onChange={(v) => v && set("role", v as Role)}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            data-testid="user-role"
          />
          <Select
            label={t("users.locale")}
            allowDeselect={false}
            value={form.locale}
            onChange={(v) => isLocale(v) && set("locale", v)}
            data={[
              { value: "bn", label: "বাংলা" },
              { value: "en", label: "English" },
            ]}
          />
        </SimpleGrid>
        {territoryRole ? (
          <TerritoryPicker
            label={t("users.territory")}
            description={t("users.territoryHint")}
            value={form.territoryId}
            currentLabel={currentTerritory}
            onChange={(id) => set("territoryId", id)}
            error={errors.territoryId}
          />
        ) : form.role === "distributor" || form.role === "retailer" ? (
          <Alert variant="light" color="blue">
            {t("users.linkLater")}
          </Alert>
        ) : null}
        {!user ? (
          <PasswordInput
            label={t("users.password")}
            description={t("users.passwordHint")}
            autoComplete="new-password"
            value={form.password}
            error={errors.password}
            onChange={(e) => set("password", e.currentTarget.value)}
            data-testid="user-password"
          />
        ) : null}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="user-save">
            {user ? t("common.save") : t("users.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
