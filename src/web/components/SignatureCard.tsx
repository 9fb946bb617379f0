// Profil, for signers: the TTE certificate (status, validity, lockout) and the passphrase —
// set it the first time, change it later. The passphrase never leaves this form except to the
// server, which never stores it.
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { useCertificate } from '../api/documents';
import { notifySuccess } from '../lib/errors';
import { formatDate, formatDateTime } from '../lib/format';
import { emptyReauth, reauthComplete, reauthenticate, ReauthFields } from './ReauthFields';

export function SignatureCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const cert = useCertificate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [reauth, setReauth] = useState(emptyReauth);
  const c = cert.data;
  const enrolling = c?.status === 'none';
  const save = useMutation({
    meta: { inlineErrors: true },
    mutationFn: async () => {
      await reauthenticate(reauth);
      if (enrolling) await unwrap(api.POST('/api/v1/signature/enrol', { body: { passphrase: next } }));
      else await unwrap(api.POST('/api/v1/signature/passphrase', { body: { current, next, version: c!.version! } }));
    },
    onSuccess: () => {
      notifySuccess(t(enrolling ? 'tte.enrolled' : 'tte.changed'));
      setCurrent('');
      setNext('');
      setConfirm('');
      setReauth(emptyReauth);
      void qc.invalidateQueries({ queryKey: ['signature'] });
    },
  });
  const mismatch = confirm.length > 0 && next !== confirm;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next && next === confirm && (enrolling || current) && reauthComplete(reauth)) save.mutate();
  };
  if (!c) return null;
  return (
    <Card data-testid="signature-card">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs">
            <IconShieldCheck size={20} />
            <Title order={2} size="h4">
              {t('tte.cardTitle')}
            </Title>
          </Group>
          <Badge color={c.status === 'active' ? 'teal' : c.status === 'none' ? 'gray' : 'red'} variant="light">
            {t(`tte.status.${c.status}`)}
          </Badge>
        </Group>
        {c.status === 'active' && c.notAfter ? (
          <Text size="sm" c="dimmed">
            {t('tte.validUntil', { date: formatDate(c.notAfter), issuer: c.issuer ?? '' })}
          </Text>
        ) : null}
        {c.lockedUntil && new Date(c.lockedUntil) > new Date() ? (
          <Alert color="red" p="xs">
            {t('tte.lockedUntil', { time: formatDateTime(c.lockedUntil) })}
          </Alert>
        ) : null}
        {c.status === 'expired' || c.status === 'revoked' ? (
          <Alert color="orange" p="xs">
            {t(`tte.status.${c.status}Explain`)}
          </Alert>
        ) : (
          <form onSubmit={submit}>
            <Stack gap="xs">
              <Text size="sm">{t(enrolling ? 'tte.enrolExplain' : 'tte.changeExplain')}</Text>
              {!enrolling ? <PasswordInput size="sm" label={t('tte.currentPassphrase')} value={current} onChange={(e) => setCurrent(e.currentTarget.value)} autoComplete="off" /> : null}
              <PasswordInput size="sm" label={t('tte.newPassphrase')} description={t('tte.passphraseRules')} value={next} onChange={(e) => setNext(e.currentTarget.value)} autoComplete="new-password" />
              <PasswordInput size="sm" label={t('tte.confirmPassphrase')} value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} autoComplete="new-password" error={mismatch ? t('tte.mismatch') : undefined} />
              <ReauthFields size="sm" value={reauth} onChange={setReauth} />
              {save.error ? (
                <Alert color="red" p="xs">
                  {save.error.message}
                </Alert>
              ) : null}
              <Group justify="flex-end">
                <Button type="submit" size="sm" loading={save.isPending} disabled={!next || next !== confirm || (!enrolling && !current) || !reauthComplete(reauth)}>
                  {t(enrolling ? 'tte.enrol' : 'tte.change')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
