// Shown instead of the app while the account still carries a temporary password.
import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/client';
import { meQueryKey } from '../api/queryClient';
import { useLogout } from '../auth/session';
import { AuthFrame } from '../components/AuthFrame';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { notifySuccess } from '../lib/errors';

export function ForcedPasswordPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const logout = useLogout();
  return (
    <AuthFrame title={t('password.forcedTitle')} subtitle={t('password.forcedSubtitle', { name: me.user.name })} instanceName={me.instance.name} width={480}>
      <Alert color="pemda" variant="light" icon={<IconKey size={18} />}>
        {t('password.forcedExplain')}
      </Alert>
      <ChangePasswordForm
        username={me.user.username}
        submitLabel={t('password.saveAndContinue')}
        onDone={() => {
          notifySuccess(t('password.changed'));
          void qc.invalidateQueries({ queryKey: meQueryKey });
        }}
      />
      <Group justify="center">
        <Text size="sm" c="dimmed">
          <Anchor component="button" type="button" onClick={() => logout.mutate(false)}>
            {t('nav.logout')}
          </Anchor>
        </Text>
      </Group>
    </AuthFrame>
  );
}
