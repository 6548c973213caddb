// Two-step sign-in on the profile: set it up with a QR code (or the key typed by hand), confirm with a code,
// keep the recovery codes shown once; later, new recovery codes or turning it off. The set-up part is also
// the whole page for a user whose organisation requires it (two-step-setup-page.tsx).
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  Modal,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import QRCode from "qrcode";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TotpSetupResponse } from "../../../shared/contracts/auth.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { useMe } from "./use-session.ts";
import {
  useDisableTwoStep,
  useEnableTwoStep,
  useNewRecoveryCodes,
  useStartTwoStepSetup,
  useTwoStepStatus,
} from "./use-two-step.ts";

export function TwoStepSection() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const status = useTwoStepStatus();
  const [codesOpen, setCodesOpen] = useState(false);
  const [offOpen, setOffOpen] = useState(false);
  // From "set up" until the recovery codes are put away: the status turns to "on" halfway through, and the
  // codes must stay on screen until then.
  const [inSetup, setInSetup] = useState(false);
  const s = status.data;
  return (
    <Paper withBorder p="md" data-testid="two-step">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={4}>{t("twoStep.title")}</Title>
          {s ? (
            <Badge color={s.enabled ? "teal" : "gray"} variant="light" tt="none" data-testid="two-step-status">
              {s.enabled ? t("twoStep.statusOn") : t("twoStep.statusOff")}
            </Badge>
          ) : null}
        </Group>
        <ErrorAlert error={status.error} />
        {s?.requiredByOrg ? (
          <Alert color="blue" variant="light">
            {t("twoStep.requiredByOrg")}
          </Alert>
        ) : null}
        {s && (!s.enabled || inSetup) ? (
          <>
            <Text size="sm">{t("twoStep.intro")}</Text>
            <TwoStepSetup onStarted={() => setInSetup(true)} onDone={() => setInSetup(false)} />
          </>
        ) : null}
        {s?.enabled && !inSetup ? (
          <>
            <Text size="sm">
              {s.enabledAt ? t("twoStep.onSince", { date: fmt.dateTime(s.enabledAt) }) : null}
              {" · "}
              {t("twoStep.recoveryLeft", { n: fmt.number(s.recoveryCodesLeft) })}
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={() => setCodesOpen(true)} data-testid="two-step-new-codes">
                {t("twoStep.newCodes")}
              </Button>
              {!s.requiredByOrg ? (
                <Button variant="default" color="red" onClick={() => setOffOpen(true)} data-testid="two-step-off">
                  {t("twoStep.turnOff")}
                </Button>
              ) : null}
            </Group>
          </>
        ) : null}
      </Stack>
      <NewCodesModal opened={codesOpen} onClose={() => setCodesOpen(false)} />
      <TurnOffModal opened={offOpen} onClose={() => setOffOpen(false)} />
    </Paper>
  );
}

/** Start, scan, confirm, keep the codes. `onDone` runs once the user has put the codes away. */
export function TwoStepSetup({ onStarted, onDone }: { onStarted?: () => void; onDone?: () => void }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetupResponse | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useStartTwoStepSetup({
    meta: { inlineError: true },
    onSuccess: (r) => {
      setSetup(r);
      onStarted?.();
    },
  });
  const enable = useEnableTwoStep({ meta: { inlineError: true }, onSuccess: (r) => setCodes(r.recoveryCodes) });

  if (codes && setup)
    return <RecoveryCodes codes={codes} account={setup.account} onDone={onDone} title={t("twoStep.enabled")} />;
  if (!setup)
    return (
      <Stack gap="xs">
        <ErrorAlert error={start.error} />
        <Button w="fit-content" onClick={() => start.mutate()} loading={start.isPending} data-testid="two-step-start">
          {t("twoStep.setUp")}
        </Button>
      </Stack>
    );
  return (
    <Stack gap="sm">
      <Text size="sm" fw={500}>
        {t("twoStep.scan")}
      </Text>
      <QrImage value={setup.otpauthUri} alt={t("twoStep.qrAlt")} />
      <Text size="sm">{t("twoStep.manual")}</Text>
      <Group gap="xs" wrap="nowrap">
        <Code fz="md" style={{ wordBreak: "break-all" }} aria-label={t("twoStep.secret")} data-testid="two-step-secret">
          {setup.secret.replace(/(.{4})(?=.)/g, "$1 ")}
        </Code>
        <CopyButton value={setup.secret}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>
              {copied ? t("common.copied") : t("common.copy")}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" fw={500}>
        {t("twoStep.enterCode")}
      </Text>
      <CodeForm
        submitLabel={t("twoStep.confirm")}
        pending={enable.isPending}
        error={enable.error}
        onSubmit={(code) => enable.mutate({ code })}
        onCancel={() => {
          setSetup(null);
          onDone?.();
        }}
        testId="two-step-enable"
      />
    </Stack>
  );
}

function QrImage({ value, alt }: { value: string; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(value, { margin: 2, width: 200, errorCorrectionLevel: "M" })
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => {
        // The key below can still be typed into the app by hand.
      });
    return () => {
      live = false;
    };
  }, [value]);
  if (!src) return <div style={{ width: 200, height: 200 }} />;
  return <Image src={src} alt={alt} w={200} h={200} radius="sm" data-testid="two-step-qr" />;
}

/** A 6-digit code field: numeric keypad on phones, one-time-code autofill where the phone offers it. */
function CodeForm({
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  testId,
  children,
}: {
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (code: string) => void;
  onCancel?: () => void;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) onSubmit(code.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <ErrorAlert error={error} />
        {children}
        <TextInput
          label={t("twoStep.code")}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          w={200}
          styles={{ input: { letterSpacing: "0.2em", fontFamily: "var(--mantine-font-family-monospace)" } }}
          data-testid={`${testId}-code`}
        />
        <Group gap="xs">
          <Button type="submit" loading={pending} data-testid={`${testId}-submit`}>
            {submitLabel}
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t("twoStep.cancel")}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

/** The recovery codes, shown this once, with copy and download. */
function RecoveryCodes({
  codes,
  account,
  title,
  onDone,
}: {
  codes: string[];
  account: string;
  title: string;
  onDone?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const text = `${t("twoStep.codesFile", { account })}\n\n${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "bikri-recovery-codes.txt";
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <Stack gap="sm" data-testid="recovery-codes">
      <Alert color="teal" variant="light" title={title}>
        {t("twoStep.codesIntro")}
      </Alert>
      <Text fw={600}>{t("twoStep.codesTitle")}</Text>
      <SimpleGrid cols={2} spacing={4} maw={320}>
        {codes.map((c) => (
          <Code key={c} fz="md" data-testid="recovery-code">
            {c}
          </Code>
        ))}
      </SimpleGrid>
      <Group gap="xs">
        <Button variant="default" onClick={download} data-testid="recovery-codes-download">
          {t("twoStep.download")}
        </Button>
        <CopyButton value={codes.join("\n")}>
          {({ copied, copy }) => (
            <Button variant="default" color={copied ? "teal" : undefined} onClick={copy}>
              {copied ? t("common.copied") : t("twoStep.copyAll")}
            </Button>
          )}
        </CopyButton>
        {onDone ? (
          <Button onClick={onDone} data-testid="recovery-codes-done">
            {t("twoStep.savedThem")}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

function NewCodesModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [codes, setCodes] = useState<string[] | null>(null);
  const make = useNewRecoveryCodes({ meta: { inlineError: true }, onSuccess: (r) => setCodes(r.recoveryCodes) });
  const close = () => {
    setCodes(null);
    make.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t("twoStep.newCodes")} centered>
      {codes ? (
        <RecoveryCodes codes={codes} account={me.email} title={t("twoStep.newCodes")} onDone={close} />
      ) : (
        <CodeForm
          submitLabel={t("twoStep.newCodesSubmit")}
          pending={make.isPending}
          error={make.error}
          onSubmit={(code) => make.mutate({ code })}
          onCancel={close}
          testId="two-step-new-codes"
        >
          <Text size="sm">{t("twoStep.newCodesIntro")}</Text>
        </CodeForm>
      )}
    </Modal>
  );
}

function TurnOffModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const off = useDisableTwoStep({
    meta: { inlineError: true },
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("twoStep.turnedOff") });
      close();
    },
  });
  const close = () => {
    setPassword("");
    off.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t("twoStep.turnOffTitle")} centered>
      <CodeForm
        submitLabel={t("twoStep.turnOff")}
        pending={off.isPending}
        error={off.error}
        onSubmit={(code) => password && off.mutate({ password, code })}
        onCancel={close}
        testId="two-step-off"
      >
        <Text size="sm">{t("twoStep.turnOffIntro")}</Text>
        <PasswordInput
          label={t("twoStep.password")}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          data-testid="two-step-off-password"
        />
      </CodeForm>
    </Modal>
  );
}
