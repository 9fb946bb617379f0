// 2FA enrolment as Google Authenticator users know it: scan the QR (or type the key), confirm
// with the first code, then keep the recovery codes.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Center, Code, CopyButton, Group, Image, List, Loader, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconDeviceMobile, IconExternalLink } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Me } from '../api/client';
import { describeError } from '../lib/errors';
import { groupSecret } from '../lib/format';
import { RecoveryCodes } from './RecoveryCodes';

export function TotpEnrolment({ me, onCodesShown, onFinished, onCancel }: { me: Me; onCodesShown?: () => void; onFinished: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);

  const setup = useMutation({ meta: { inlineErrors: true }, mutationFn: () => unwrap(api.POST('/api/v1/auth/totp/setup')) });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    setup.mutate();
  }, [setup]);

  const confirm = useMutation({
    meta: { inlineErrors: true },
    mutationFn: () => unwrap(api.POST('/api/v1/auth/totp/confirm', { body: { code: code.replace(/\s+/g, '') } })),
    onSuccess: (res) => {
      onCodesShown?.();
      setCodes(res.recoveryCodes);
    },
  });

  if (codes) {
    return <RecoveryCodes codes={codes} username={me.user.username} instanceName={me.instance.name} onContinue={onFinished} />;
  }
  if (setup.isPending || setup.isIdle) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (setup.error || !setup.data) {
    return (
      <Stack>
        <Alert color="red" role="alert">
          {describeError(setup.error)}
        </Alert>
        <Group>
          <Button variant="light" onClick={() => setup.mutate()}>
            {t('common.retry')}
          </Button>
          {onCancel ? (
            <Button variant="subtle" onClick={onCancel}>
              {t('common.back')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  const confirmError = confirm.error ? (confirm.error instanceof ApiError && confirm.error.fieldErrors.code) || describeError(confirm.error) : undefined;

  return (
    <Stack gap="md">
      <List type="ordered" spacing="xs" size="sm">
        <List.Item>{t('totp.step1')}</List.Item>
        <List.Item>{t('totp.step2')}</List.Item>
        <List.Item>{t('totp.step3')}</List.Item>
      </List>
      <Group align="flex-start" gap="lg" wrap="wrap" justify="center">
        <Box bg="white" p={6} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
          <Image src={setup.data.qrDataUrl} alt={t('totp.qrAlt')} w={200} h={200} />
        </Box>
        <Stack gap={6} style={{ flex: '1 1 200px' }}>
          <Text size="sm" fw={600}>
            {t('totp.manualTitle')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('totp.manualHelp')}
          </Text>
          <Code block className="mono" fz="md" data-testid="totp-secret" style={{ wordBreak: 'break-word', whiteSpace: 'normal' }}>
            {groupSecret(setup.data.secret)}
          </Code>
          <Text size="xs" c="dimmed">
            {t('totp.manualAccount', { account: me.user.username })}
          </Text>
          {/* Enrolling on the phone that shows this page: the QR cannot be scanned, so copy the key
              or let the phone open its authenticator app with the otpauth:// link. */}
          <Group gap="xs" wrap="wrap">
            <CopyButton value={setup.data.secret}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} data-testid="totp-copy">
                  {copied ? t('totp.copied') : t('totp.copyKey')}
                </Button>
              )}
            </CopyButton>
            <Button size="xs" variant="subtle" component="a" href={setup.data.otpauthUrl} leftSection={<IconExternalLink size={14} />} data-testid="totp-open-app">
              {t('totp.openApp')}
            </Button>
          </Group>
        </Stack>
      </Group>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('totp.codeLabel')}
            description={t('totp.codeHelp')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            leftSection={<IconDeviceMobile size={18} />}
            classNames={{ input: 'mono' }}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.replace(/[^\d ]/g, ''))}
            error={confirmError}
          />
          <Group justify="flex-end">
            {onCancel ? (
              <Button variant="subtle" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            ) : null}
            <Button type="submit" loading={confirm.isPending} disabled={code.replace(/\s+/g, '').length < 6}>
              {t('totp.activate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
