// Sign-in: username + password, then (when 2FA is on) the authenticator code or a recovery code.
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, isApiError, unwrap } from '../api/client';
import { signedIn } from '../auth/session';
import { AuthFrame } from '../components/AuthFrame';
import { describeError } from '../lib/errors';
import { formatDateTime } from '../lib/format';

type Step = 'password' | 'totp' | 'recovery';

/** Only same-site paths: never send the user elsewhere after login. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>('password');

  const login = useMutation({
    meta: { inlineErrors: true },
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/auth/login', {
          body: {
            username: username.trim(),
            password,
            ...(step === 'totp' ? { totp: code.replace(/\s+/g, '') } : {}),
            ...(step === 'recovery' ? { recoveryCode: code.trim() } : {}),
          },
        }),
      ),
    onSuccess: (me) => {
      signedIn(me);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setStep('totp');
        setCode('');
      }
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };

  // TOTP_REQUIRED is the next step, not an error.
  const err = login.error && !isApiError(login.error, 'TOTP_REQUIRED') ? login.error : null;
  const fields = err instanceof ApiError ? err.fieldErrors : {};
  const sessionEnded = params.get('next') && !login.isPending && !err;

  return (
    <AuthFrame title={t('login.title')} subtitle={t('login.subtitle')}>
      {sessionEnded ? (
        <Alert color="blue" variant="light" icon={<IconLock size={18} />}>
          {t('login.needSignIn')}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {step === 'password' ? (
            <>
              <TextInput
                label={t('login.username')}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                autoFocus
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                error={fields.username}
              />
              <PasswordInput
                label={t('login.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fields.password}
              />
            </>
          ) : (
            <>
              <Text size="sm">
                {t('login.signingInAs')} <b>{username}</b>{' '}
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    setStep('password');
                    setCode('');
                    login.reset();
                  }}
                >
                  {t('login.changeUser')}
                </Anchor>
              </Text>
              {step === 'totp' ? (
                <TextInput
                  label={t('login.totpCode')}
                  description={t('login.totpHelp')}
                  name="totp"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={7}
                  required
                  autoFocus
                  classNames={{ input: 'mono' }}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value.replace(/[^\d ]/g, ''))}
                  error={fields.totp}
                />
              ) : (
                <TextInput
                  label={t('login.recoveryCode')}
                  description={t('login.recoveryHelp')}
                  name="recoveryCode"
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  autoFocus
                  classNames={{ input: 'mono' }}
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  error={fields.recoveryCode}
                />
              )}
              <Anchor
                component="button"
                type="button"
                size="sm"
                ta="left"
                onClick={() => {
                  setStep(step === 'totp' ? 'recovery' : 'totp');
                  setCode('');
                  login.reset();
                }}
              >
                {step === 'totp' ? t('login.useRecoveryCode') : t('login.useTotp')}
              </Anchor>
            </>
          )}

          {err ? <LoginError err={err} /> : null}

          <Button type="submit" loading={login.isPending} fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
      <Group justify="center">
        <Text size="xs" c="dimmed" ta="center">
          {t('login.forgot')}
        </Text>
      </Group>
    </AuthFrame>
  );
}

function LoginError({ err }: { err: unknown }) {
  const { t } = useTranslation();
  if (!(err instanceof ApiError)) {
    return (
      <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="login-error">
        {describeError(err)}
      </Alert>
    );
  }
  const remaining = typeof err.details.remainingAttempts === 'number' ? err.details.remainingAttempts : undefined;
  const lockedUntil = typeof err.details.lockedUntil === 'string' ? err.details.lockedUntil : undefined;
  const reason = typeof err.details.reason === 'string' ? err.details.reason : undefined;
  return (
    <Alert color={err.code === 'ACCOUNT_LOCKED' || err.code === 'RATE_LIMITED' ? 'orange' : 'red'} icon={<IconAlertCircle size={18} />} title={err.message} role="alert" data-testid="login-error">
      <List size="sm" spacing={2} listStyleType="none">
        {remaining !== undefined ? <List.Item>{t('login.remainingAttempts', { count: remaining })}</List.Item> : null}
        {err.code === 'ACCOUNT_LOCKED' && reason ? <List.Item>{reason}</List.Item> : null}
        {lockedUntil ? <List.Item>{t('login.lockedUntil', { time: formatDateTime(lockedUntil) })}</List.Item> : null}
        {err.code === 'ACCOUNT_LOCKED' || err.code === 'ACCOUNT_INACTIVE' ? <List.Item>{t('login.contactAdmin')}</List.Item> : null}
        {err.code === 'RATE_LIMITED' && err.retryAfterSeconds ? <List.Item>{t('errors.retryAfter', { seconds: err.retryAfterSeconds })}</List.Item> : null}
      </List>
    </Alert>
  );
}
