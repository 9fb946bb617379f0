// Naskah Masuk, registered part: letters from outside Naskah sent to the user's positions by the
// records officer; a records officer also gets the button to register one.
import { Badge, Box, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useRegisteredInbox } from '../../api/incoming';
import { hasRole, useSignedInUser } from '../../auth/session';
import { UrgencyBadges } from '../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../lib/format';

export function RegisteredInbox({ unread }: { unread: boolean }) {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const inbox = useRegisteredInbox({ page: 1, pageSize: 50, unread });
  const items = inbox.data?.items ?? [];
  const officer = hasRole(me, 'records_officer');
  if (!items.length && !officer) return null;
  return (
    <Stack gap="xs" data-testid="registered-inbox">
      <Group justify="space-between">
        <Text fw={600}>{t('incoming.registered')}</Text>
        {officer ? (
          <Button component={Link} to="/surat-masuk/catat" size="xs" leftSection={<IconPlus size={14} />} data-testid="register-incoming">
            {t('incoming.register')}
          </Button>
        ) : null}
      </Group>
      {items.map((i) => (
        <Paper key={i.id} withBorder p="sm" className="doc-row" data-testid="registered-row" data-unread={i.readAt ? undefined : true} style={i.readAt ? undefined : { borderLeft: '4px solid var(--mantine-color-pemda-6)' }}>
          <Box component={Link} to={`/surat-masuk/${i.id}`} className="doc-row-link">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={i.readAt ? 500 : 700} style={{ overflowWrap: 'anywhere' }}>
                {i.hal}
              </Text>
              {!i.readAt ? <Badge size="xs" color="pemda" variant="filled">{t('inbox.new')}</Badge> : null}
            </Group>
            <Group gap={6}>
              <UrgencyBadges sifat={i.sifat} urgensi={i.urgensi} />
              <Text size="xs" c="dimmed">
                {[i.agenda, i.letterNumber, i.letterDate ? formatDate(i.letterDate) : null, i.senderInstansi].filter(Boolean).join(' · ')}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {t('incoming.received')} {formatDateTime(i.sentAt)}
            </Text>
          </Box>
        </Paper>
      ))}
    </Stack>
  );
}
