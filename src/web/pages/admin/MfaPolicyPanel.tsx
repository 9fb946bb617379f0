// Which roles must use 2FA. Changes apply at each user's next sign-in.
import { Card, Group, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Role } from '../../api/client';
import { ROLES } from '../../lib/constants';
import { notifySuccess } from '../../lib/errors';

const key = ['admin', 'mfa-policy'] as const;

export function MfaPolicyPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const policy = useQuery({ queryKey: key, queryFn: () => unwrap(api.GET('/api/v1/admin/mfa-policy')) });
  const set = useMutation({
    mutationFn: (v: { role: Role; required: boolean }) => unwrap(api.PUT('/api/v1/admin/mfa-policy', { body: v })),
    onSuccess: (data) => {
      qc.setQueryData(key, data);
      notifySuccess(t('admin.mfa.saved'));
    },
  });
  return (
    <Card>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('admin.mfa.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('admin.mfa.explain')}
        </Text>
        {policy.isPending ? (
          <Skeleton h={200} />
        ) : (
          <Stack gap={0}>
            {ROLES.map((r) => (
              <Group key={r} justify="space-between" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} wrap="nowrap">
                <div>
                  <Text size="sm" fw={500}>
                    {t(`roles.${r}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`admin.mfa.roleHelp.${r}`)}
                  </Text>
                </div>
                <Switch
                  aria-label={t(`roles.${r}`)}
                  checked={Boolean(policy.data?.[r])}
                  disabled={set.isPending}
                  onChange={(e) => set.mutate({ role: r, required: e.currentTarget.checked })}
                  onLabel={t('admin.mfa.on')}
                  offLabel={t('admin.mfa.off')}
                  size="lg"
                />
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
