// Otoritas Pendaftaran (registration authority): signers whose account an admin created or reset
// wait here until a second person, after checking who is asking (in person, with his ID), approves
// the re-enrolment of their TTE key. The approval needs the RA's own fresh password + code and is
// used once, by the official's next enrolment, within 72 hours.
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Group, Modal, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { hasRole, isSystemAdmin, useSignedInUser } from '../../auth/session';
import { emptyReauth, reauthComplete, reauthenticate, ReauthFields } from '../../components/ReauthFields';
import { describeError, notifySuccess } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { ForbiddenPage } from '../ComingSoonPage';

const key = ['signature', 'enrolment-approvals'] as const;
const fetchPending = () => unwrap(api.GET('/api/v1/signature/enrolment-approvals'));
type Pending = Awaited<ReturnType<typeof fetchPending>>['items'][number];

export function EnrolmentApprovalPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const list = useQuery({ queryKey: key, queryFn: fetchPending });
  const [chosen, setChosen] = useState<Pending | null>(null);
  if (!hasRole(me, 'registration_authority') && !isSystemAdmin(me)) return <ForbiddenPage />;
  const items = list.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group gap="xs">
        <IconKey size={24} />
        <Title order={1} size="h2">
          {t('nav.keyApproval')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed">
        {t('keyApproval.explain')}
      </Text>
      <Card>
        {list.isPending ? (
          <Skeleton h={120} />
        ) : items.length === 0 ? (
          <Text data-testid="key-approval-empty">{t('keyApproval.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="sm" data-testid="key-approval-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('keyApproval.official')}</Table.Th>
                  <Table.Th>{t('keyApproval.since')}</Table.Th>
                  <Table.Th>{t('keyApproval.state')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.userId} data-testid={`key-approval-${p.username}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {p.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.nip ? `NIP ${p.nip} · ` : ''}
                        {p.username}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(p.since)}</Text>
                      {p.resetByName ? (
                        <Text size="xs" c="dimmed">
                          {t('keyApproval.resetBy', { name: p.resetByName })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {p.approval ? (
                        <Badge tt="none" color="teal" variant="light">
                          {t('keyApproval.approved', { name: p.approval.approvedByName, until: formatDateTime(p.approval.expiresAt) })}
                        </Badge>
                      ) : (
                        <Badge tt="none" color="orange" variant="light">
                          {t('keyApproval.waiting')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {p.mayApprove && !p.approval ? (
                        <Button size="xs" onClick={() => setChosen(p)} data-testid={`approve-${p.username}`}>
                          {t('keyApproval.approve')}
                        </Button>
                      ) : !p.mayApprove ? (
                        <Text size="xs" c="dimmed">
                          {t('keyApproval.notYou')}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      {chosen ? <ApproveDialog pending={chosen} onClose={() => setChosen(null)} /> : null}
    </Stack>
  );
}

function ApproveDialog({ pending, onClose }: { pending: Pending; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [reauth, setReauth] = useState(emptyReauth);
  const approve = useMutation({
    meta: { inlineErrors: true },
    mutationFn: async () => {
      await reauthenticate(reauth);
      return unwrap(api.POST('/api/v1/signature/users/{userId}/enrolment-approval', { params: { path: { userId: pending.userId } }, body: note.trim() ? { note: note.trim() } : {} }));
    },
    onSuccess: () => {
      notifySuccess(t('keyApproval.done', { name: pending.name }));
      void qc.invalidateQueries({ queryKey: key });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reauthComplete(reauth)) approve.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('keyApproval.dialogTitle', { name: pending.name })} size="md">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Alert color="blue" p="xs">
            {t('keyApproval.checkIdentity')}
          </Alert>
          <Textarea label={t('keyApproval.note')} description={t('keyApproval.noteHelp')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} autosize minRows={2} data-testid="approval-note" />
          <ReauthFields value={reauth} onChange={setReauth} size="sm" />
          {approve.isError ? (
            <Alert color="red" p="xs" data-testid="approval-error">
              {describeError(approve.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={approve.isPending} disabled={!reauthComplete(reauth)} data-testid="approval-submit">
              {t('keyApproval.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
