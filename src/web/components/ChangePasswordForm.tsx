// Change one's own password: the rules shown up front, the server's reasons next to the fields.
import { useState, type FormEvent } from 'react';
import { Button, Group, List, PasswordInput, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconPointFilled } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../api/client';
import { describeError } from '../lib/errors';

export function ChangePasswordForm({ username, onDone, submitLabel }: { username: string; onDone: () => void; submitLabel?: string }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const change = useMutation({
    meta: { inlineErrors: true },
    mutationFn: () => unwrap(api.POST('/api/v1/auth/password', { body: { currentPassword: current, newPassword: next } })),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setConfirm('');
      onDone();
    },
  });

  const err = change.error instanceof ApiError ? change.error : null;
  const fields = err?.fieldErrors ?? {};
  const currentError = err?.code === 'PASSWORD_WRONG' ? err.message : fields.currentPassword;
  const newError = err && (err.code === 'PASSWORD_WEAK' || err.code === 'PASSWORD_REUSED') ? describeError(err) : fields.newPassword;
  const otherError = err && !currentError && !newError ? describeError(err) : change.error && !err ? describeError(change.error) : undefined;

  const rules = [
    { ok: next.length >= 10, text: t('password.rules.length') },
    { ok: /[A-Za-z]/.test(next) && /\d/.test(next), text: t('password.rules.lettersDigits') },
    { ok: next.length > 0 && !next.toLowerCase().includes(username.toLowerCase()), text: t('password.rules.noUsername') },
    { ok: next.length > 0 && next !== current, text: t('password.rules.different') },
  ];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <PasswordInput label={t('password.current')} name="currentPassword" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.currentTarget.value)} error={currentError} />
        <PasswordInput label={t('password.new')} name="newPassword" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.currentTarget.value)} error={newError} />
        <List size="sm" spacing={4} aria-label={t('password.rules.title')} data-testid="password-rules">
          {rules.map((r) => (
            <List.Item
              key={r.text}
              icon={
                <ThemeIcon size={18} radius="xl" color={r.ok ? 'teal' : 'gray'} variant={r.ok ? 'filled' : 'light'}>
                  {r.ok ? <IconCheck size={12} /> : <IconPointFilled size={10} />}
                </ThemeIcon>
              }
            >
              <Text size="sm" c={r.ok ? undefined : 'dimmed'}>
                {r.text}
              </Text>
            </List.Item>
          ))}
        </List>
        <PasswordInput
          label={t('password.confirm')}
          name="confirmPassword"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={mismatch ? t('password.mismatch') : undefined}
        />
        {otherError ? (
          <Text c="red" size="sm" role="alert">
            {otherError}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={change.isPending}>
            {submitLabel ?? t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
