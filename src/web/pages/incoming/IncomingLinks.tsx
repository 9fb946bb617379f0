// On a document page: "Disposisi" for a letter delivered to the user's position (it becomes an
// incoming letter of his unit), and the incoming letters an outgoing draft replies to.
import { Anchor, Button, Card, Stack, Text } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { notifyError } from '../../lib/errors';
import { formatDate } from '../../lib/format';

export function IncomingLinks({ documentId, delivered }: { documentId: string; delivered: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const links = useQuery({ queryKey: ['incoming', 'of-document', documentId], queryFn: () => unwrap(api.GET('/api/v1/incoming-letters/of-document/{id}', { params: { path: { id: documentId } } })) });
  const take = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/incoming-letters/from-document/{id}', { params: { path: { id: documentId } } })),
    onSuccess: (row) => void navigate(`/surat-masuk/${row.id}`),
    onError: notifyError,
  });
  const repliesTo = links.data?.repliesTo ?? [];
  if (!delivered && !repliesTo.length) return null;
  return (
    <Stack gap="xs">
      {delivered ? (
        links.data?.incomingLetterId ? (
          <Button component={Link} to={`/surat-masuk/${links.data.incomingLetterId}`} variant="light" leftSection={<IconRoute size={16} />} data-testid="open-incoming">
            {t('disposition.tree')}
          </Button>
        ) : (
          <Button onClick={() => take.mutate()} loading={take.isPending} leftSection={<IconRoute size={16} />} data-testid="dispose-delivered">
            {t('incoming.toDispose')}
          </Button>
        )
      ) : null}
      {repliesTo.length ? (
        <Card withBorder data-testid="replies-to">
          <Text size="sm" fw={600}>{t('incoming.reply')}:</Text>
          {repliesTo.map((r) => (
            <Anchor key={r.id} component={Link} to={`/surat-masuk/${r.id}`} size="sm" display="block">
              {[r.senderInstansi, r.letterNumber, r.letterDate ? formatDate(r.letterDate) : null].filter(Boolean).join(' · ')} — {r.hal}
            </Anchor>
          ))}
        </Card>
      ) : null}
    </Stack>
  );
}
