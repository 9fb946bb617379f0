// Fresh re-authentication for key operations (TTE enrolment, passphrase change, revocation,
// enrolment approval): the account password and an authenticator code, sent to /auth/reauth
// just before the operation itself.
import { PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';

export interface ReauthValue {
  password: string;
  totp: string;
}

export const emptyReauth: ReauthValue = { password: '', totp: '' };
export const reauthComplete = (v: ReauthValue) => v.password.length > 0 && /^\d{6}$/.test(v.totp.trim());

export async function reauthenticate(v: ReauthValue): Promise<void> {
  await unwrap(api.POST('/api/v1/auth/reauth', { body: { password: v.password, totp: v.totp.trim() } }));
}

export function ReauthFields({ value, onChange, size }: { value: ReauthValue; onChange: (v: ReauthValue) => void; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="reauth-fields">
      <Text size="sm" c="dimmed">
        {t('reauth.explain')}
      </Text>
      <PasswordInput size={size} label={t('reauth.password')} value={value.password} onChange={(e) => onChange({ ...value, password: e.currentTarget.value })} autoComplete="current-password" data-testid="reauth-password" />
      <TextInput size={size} label={t('reauth.totp')} value={value.totp} onChange={(e) => onChange({ ...value, totp: e.currentTarget.value })} inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="reauth-totp" />
    </Stack>
  );
}
