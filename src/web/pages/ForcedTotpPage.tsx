// Shown instead of the app while policy requires 2FA and the user has not enrolled yet.
import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/client';
import { useLogout } from '../auth/session';
import { AuthFrame } from '../components/AuthFrame';
import { TotpEnrolment } from '../components/TotpEnrolment';

export function ForcedTotpPage({ me, onCodesShown, onFinished }: { me: Me; onCodesShown: () => void; onFinished: () => void }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <AuthFrame title={t('totp.forcedTitle')} subtitle={t('totp.forcedSubtitle', { name: me.user.name })} instanceName={me.instance.name} width={560}>
      <Alert color="pemda" variant="light" icon={<IconShieldCheck size={18} />}>
        {t('totp.forcedExplain')}
      </Alert>
      <TotpEnrolment me={me} onCodesShown={onCodesShown} onFinished={onFinished} />
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
