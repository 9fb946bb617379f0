// Public activation page (step 6 of seed 004), reached from the one-time link sent by WhatsApp:
// a code sent to the same number, then the owner's own password (the policy is shown; the
// directory judges it), then Google Authenticator (QR, setup key, otpauth:// link, a first
// code), recovery codes. An expired link says so and what to do.
import { useState } from 'react';
import { Alert, Anchor, Button, Code, Image, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { AuthFrame } from '../../components/AuthFrame';
import { describeError } from '../../lib/errors';
import { groupSecret } from '../../lib/format';

interface Status {
  state: 'valid' | 'expired' | 'used';
  number: string;
  username: string;
  whatsappMasked: string;
  progress: { codeVerified: boolean; passwordSet: boolean; totpStarted: boolean };
  policy: { minLength: number; rules: string[] } | null;
}

export function ActivationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const qc = useQueryClient();
  const key = ['activation', token];
  const status = useQuery({ queryKey: key, queryFn: async () => (await unwrap(api.GET('/api/v1/public/activation/{token}', { params: { path: { token } } }))) as unknown as Status, retry: false });
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [password2, setPassword2] = useState('');
  const [totp, setTotp] = useState<{ secret: string; otpauthUrl: string; qrDataUrl: string } | null>(null);
  const [totpCode, setTotpCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const onError = (e: unknown) => setError(describeError(e));
  const send = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/public/activation/{token}/code', { params: { path: { token } } })), onSuccess: (r) => (setVerificationId(r.verificationId), setError(null)), onError });
  const verify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/public/activation/{token}/verify', { params: { path: { token } }, body: { verificationId: verificationId!, code } })),
    onSuccess: () => (setError(null), void refresh()),
    onError,
  });
  const setPw = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/public/activation/{token}/password', { params: { path: { token } }, body: { password } })),
    onSuccess: async () => {
      setError(null);
      setTotp(await unwrap(api.POST('/api/v1/public/activation/{token}/totp', { params: { path: { token } } })));
      void refresh();
    },
    onError,
  });
  const startTotp = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/public/activation/{token}/totp', { params: { path: { token } } })), onSuccess: setTotp, onError });
  const confirm = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/public/activation/{token}/totp/confirm', { params: { path: { token } }, body: { code: totpCode } })),
    onSuccess: (r) => (setError(null), setCodes(r.recoveryCodes)),
    onError,
  });

  const s = status.data;
  const title = t('activation.title');
  if (status.isError) {
    return (
      <AuthFrame title={title}>
        <Alert color="red" data-testid="activation-invalid">
          {describeError(status.error)}
        </Alert>
      </AuthFrame>
    );
  }
  if (!s) return <AuthFrame title={title}>{null}</AuthFrame>;
  if (codes) {
    return (
      <AuthFrame title={t('activation.doneTitle')}>
        <Alert color="teal" data-testid="activation-done">
          {t('activation.done', { address: s.username })}
        </Alert>
        <Text size="sm">{t('activation.recovery')}</Text>
        <Code block data-testid="activation-recovery-codes">
          {codes.join('\n')}
        </Code>
      </AuthFrame>
    );
  }
  if (s.state === 'expired') {
    return (
      <AuthFrame title={title}>
        <Alert color="orange" title={t('activation.expiredTitle')} data-testid="activation-expired">
          {t('activation.expired', { number: s.number })}
        </Alert>
      </AuthFrame>
    );
  }
  if (s.state === 'used') {
    return (
      <AuthFrame title={title}>
        <Alert color="gray" data-testid="activation-used">
          {t('activation.used')}
        </Alert>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title={title} subtitle={<Text size="sm">{t('activation.username', { username: s.username })}</Text>}>
      {error ? (
        <Alert color="red" data-testid="activation-error">
          {error}
        </Alert>
      ) : null}
      {!s.progress.codeVerified ? (
        <Stack>
          <Text size="sm">{t('activation.codeIntro', { number: s.whatsappMasked })}</Text>
          <Button onClick={() => send.mutate()} loading={send.isPending} variant={verificationId ? 'light' : 'filled'} data-testid="activation-send-code">
            {verificationId ? t('activation.resendCode') : t('activation.sendCode')}
          </Button>
          {verificationId ? (
            <>
              <TextInput label={t('activation.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} maxLength={6} inputMode="numeric" data-testid="activation-code" />
              <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="activation-verify">
                {t('activation.verify')}
              </Button>
            </>
          ) : null}
        </Stack>
      ) : !s.progress.passwordSet ? (
        <Stack>
          <Text fw={600}>{t('activation.passwordTitle')}</Text>
          <List size="sm" data-testid="activation-policy">
            {(s.policy?.rules ?? []).map((r) => (
              <List.Item key={r}>{r}</List.Item>
            ))}
          </List>
          <PasswordInput label={t('activation.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} data-testid="activation-password" />
          <PasswordInput label={t('activation.password2')} value={password2} onChange={(e) => setPassword2(e.currentTarget.value)} error={password2 && password !== password2 ? t('activation.mismatch') : undefined} data-testid="activation-password2" />
          <Button onClick={() => setPw.mutate()} loading={setPw.isPending} disabled={!password || password !== password2} data-testid="activation-set-password">
            {t('activation.setPassword')}
          </Button>
        </Stack>
      ) : (
        <Stack>
          <Text fw={600}>{t('activation.totpTitle')}</Text>
          {!totp ? (
            <Button onClick={() => startTotp.mutate()} loading={startTotp.isPending} data-testid="activation-start-totp">
              {t('activation.startTotp')}
            </Button>
          ) : (
            <>
              <Text size="sm">{t('activation.totpIntro')}</Text>
              <Image src={totp.qrDataUrl} w={200} alt="QR" />
              <Text size="sm">
                {t('activation.setupKey')}: <Code data-testid="activation-secret">{groupSecret(totp.secret)}</Code>
              </Text>
              <Anchor href={totp.otpauthUrl} size="sm" data-testid="activation-otpauth">
                {t('activation.openApp')}
              </Anchor>
              <TextInput label={t('activation.totpCode')} value={totpCode} onChange={(e) => setTotpCode(e.currentTarget.value)} maxLength={6} inputMode="numeric" data-testid="activation-totp-code" />
              <Button onClick={() => confirm.mutate()} loading={confirm.isPending} data-testid="activation-confirm-totp">
                {t('activation.confirmTotp')}
              </Button>
            </>
          )}
        </Stack>
      )}
    </AuthFrame>
  );
}
