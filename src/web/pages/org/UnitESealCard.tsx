// The unit's electronic seal (segel elektronik) for administrators: which seal certificate its
// letters carry (its own or the nearest unit's above it), and issue, re-issue or revoke its own.
// Each operation asks for the password and an authenticator code again (a key operation).
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Modal, Select, Stack, Text, Title } from '@mantine/core';
import { IconCertificate, IconRefresh, IconShieldOff } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { describeError, notifySuccess } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { emptyReauth, reauthComplete, reauthenticate, ReauthFields } from '../../components/ReauthFields';

type Action = 'issue' | 'reissue' | 'revoke';
const REASONS = ['cessationOfOperation', 'keyCompromise', 'affiliationChanged', 'superseded', 'unspecified'] as const;
const STATUS_COLOR = { active: 'green', expired: 'orange', revoked: 'red', superseded: 'gray' } as const;

export function UnitESealCard({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ['signature', 'unit-seal', unitId];
  const q = useQuery({ queryKey: key, queryFn: () => unwrap(api.GET('/api/v1/signature/units/{unitId}/seal', { params: { path: { unitId } } })) });
  const [action, setAction] = useState<Action | null>(null);
  const [reauth, setReauth] = useState(emptyReauth);
  const [reason, setReason] = useState<(typeof REASONS)[number]>('cessationOfOperation');
  const own = q.data?.own ?? null;
  const effective = q.data?.effective ?? null;
  const active = own?.status === 'active' || own?.status === 'expired' ? own : null;
  const close = () => {
    setAction(null);
    setReauth(emptyReauth);
    run.reset();
  };
  const run = useMutation({
    mutationFn: async (a: Action) => {
      await reauthenticate(reauth);
      if (a === 'revoke') return unwrap(api.POST('/api/v1/signature/units/{unitId}/seal/revoke', { params: { path: { unitId } }, body: { reason, version: active!.version } }));
      return unwrap(api.POST('/api/v1/signature/units/{unitId}/seal', { params: { path: { unitId } }, body: a === 'reissue' ? { replaceVersion: active!.version } : {} }));
    },
    onSuccess: (data, a) => {
      qc.setQueryData(key, data);
      close();
      notifySuccess(t(`org.eseal.done.${a}`));
    },
  });

  return (
    <Card data-testid="unit-eseal">
      <Stack gap={4}>
        <Group gap="xs">
          <Title order={3} size="h5">
            {t('org.eseal.title')}
          </Title>
          {own ? (
            <Badge tt="none" variant="light" color={STATUS_COLOR[own.status]} data-testid="eseal-status">
              {t(`org.eseal.status.${own.status}`)}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {t('org.eseal.help')}
        </Text>
        {q.isSuccess ? (
          <Text size="sm" data-testid="eseal-effective">
            {effective
              ? effective.unitId === unitId
                ? t('org.eseal.own', { serial: effective.serial, date: formatDate(effective.notAfter) })
                : t('org.eseal.inherited', { unit: effective.unitName, date: formatDate(effective.notAfter) })
              : t('org.eseal.none')}
          </Text>
        ) : null}
      </Stack>
      <Group mt="sm" gap="xs">
        {active ? (
          <>
            <Button size="sm" variant="light" leftSection={<IconRefresh size={16} />} onClick={() => setAction('reissue')}>
              {t('org.eseal.reissue')}
            </Button>
            <Button size="sm" variant="subtle" color="red" leftSection={<IconShieldOff size={16} />} onClick={() => setAction('revoke')}>
              {t('org.eseal.revoke')}
            </Button>
          </>
        ) : (
          <Button size="sm" variant="light" leftSection={<IconCertificate size={16} />} onClick={() => setAction('issue')} disabled={!q.isSuccess}>
            {t('org.eseal.issue')}
          </Button>
        )}
      </Group>
      <Modal opened={action !== null} onClose={close} title={<Text fw={700}>{action ? t(`org.eseal.${action}`) : ''}</Text>} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (action && reauthComplete(reauth)) run.mutate(action);
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{action ? t(`org.eseal.confirm.${action}`) : ''}</Text>
            {action === 'revoke' ? (
              <Select
                label={t('org.eseal.reason')}
                data={REASONS.map((r) => ({ value: r, label: t(`org.eseal.reasons.${r}`) }))}
                value={reason}
                onChange={(v) => v && setReason(v as (typeof REASONS)[number])}
                allowDeselect={false}
                data-autofocus
              />
            ) : null}
            <ReauthFields size="sm" value={reauth} onChange={setReauth} />
            {run.isError ? (
              <Alert color="red" p="xs" data-testid="eseal-error">
                {describeError(run.error)}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color={action === 'revoke' ? 'red' : undefined} loading={run.isPending} disabled={!reauthComplete(reauth)} data-testid="eseal-confirm">
                {action ? t(`org.eseal.${action}`) : ''}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}
