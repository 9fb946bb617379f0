// The TTE passphrase prompt for signing one or many documents. A signer without a certificate
// sets his passphrase here first (the instance CA issues the certificate); a wrong passphrase
// and the lockout after repeated failures are said plainly, with the server's words.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Group, Loader, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import { useCertificate } from '../api/documents';
import { formatDateTime } from '../lib/format';
import { emptyReauth, reauthComplete, reauthenticate, ReauthFields } from './ReauthFields';

export function PassphraseDialog({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  onSubmit,
  pending,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onSubmit: (passphrase: string) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const cert = useCertificate(opened);
  const [passphrase, setPassphrase] = useState('');
  // Never keep a passphrase around once the dialog is closed.
  useEffect(() => {
    if (!opened) setPassphrase('');
  }, [opened]);
  const status = cert.data?.status;
  const locked = (error instanceof ApiError && error.code === 'PASSPHRASE_LOCKED') || Boolean(cert.data?.lockedUntil && new Date(cert.data.lockedUntil) > new Date());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (passphrase) onSubmit(passphrase);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{title}</Text>} centered>
      {cert.isPending ? (
        <Loader />
      ) : status === 'none' ? (
        <EnrolForm />
      ) : status === 'expired' || status === 'revoked' ? (
        <Alert color="red" icon={<IconAlertTriangle />}>
          {t(`tte.status.${status}Explain`)}
        </Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            {children}
            {error instanceof ApiError ? (
              <Alert color="red" icon={error.code === 'PASSPHRASE_LOCKED' ? <IconLock /> : <IconAlertTriangle />} title={error.code === 'PASSPHRASE_LOCKED' ? t('tte.lockedTitle') : error.code === 'PASSPHRASE_WRONG' ? t('tte.wrongTitle') : t('errors.title')} data-testid="sign-error">
                {error.message}
              </Alert>
            ) : locked && cert.data?.lockedUntil ? (
              <Alert color="red" icon={<IconLock />} title={t('tte.lockedTitle')} data-testid="sign-error">
                {t('tte.lockedUntil', { time: formatDateTime(cert.data.lockedUntil) })}
              </Alert>
            ) : null}
            <PasswordInput
              label={t('tte.passphrase')}
              description={t('tte.passphraseHint')}
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              autoComplete="off"
              name="passphrase"
              data-autofocus
              data-testid="passphrase"
              disabled={locked && !(error instanceof ApiError && error.code === 'PASSPHRASE_WRONG')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={pending} disabled={!passphrase} leftSection={<IconShieldCheck size={18} />} data-testid="confirm-sign">
                {confirmLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** First TTE: choose the passphrase; the certificate is issued at once. */
function EnrolForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [p1, setP1] = useState('');
  const [p2, setP2] = useState('');
  const [reauth, setReauth] = useState(emptyReauth);
  const enrol = useMutation({
    meta: { inlineErrors: true },
    mutationFn: async () => {
      await reauthenticate(reauth);
      return unwrap(api.POST('/api/v1/signature/enrol', { body: { passphrase: p1 } }));
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['signature'] }),
  });
  const mismatch = p2.length > 0 && p1 !== p2;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (p1 && p1 === p2 && reauthComplete(reauth)) enrol.mutate();
      }}
    >
      <Stack gap="sm" data-testid="tte-enrol">
        <Alert color="pemda" icon={<IconShieldCheck />} title={t('tte.enrolTitle')}>
          {t('tte.enrolExplain')}
        </Alert>
        <PasswordInput label={t('tte.newPassphrase')} description={t('tte.passphraseRules')} value={p1} onChange={(e) => setP1(e.currentTarget.value)} autoComplete="new-password" data-testid="new-passphrase" />
        <PasswordInput label={t('tte.confirmPassphrase')} value={p2} onChange={(e) => setP2(e.currentTarget.value)} autoComplete="new-password" error={mismatch ? t('tte.mismatch') : undefined} data-testid="confirm-passphrase" />
        <ReauthFields value={reauth} onChange={setReauth} />
        {enrol.error ? (
          <Alert color="red" icon={<IconAlertTriangle />}>
            {enrol.error.message}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={enrol.isPending} disabled={!p1 || p1 !== p2 || !reauthComplete(reauth)}>
            {t('tte.enrol')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
