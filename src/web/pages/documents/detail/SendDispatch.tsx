// The records officer sends a signed letter to an external addressee: by e-mail (the PDF
// attached, sent by the server) or records a paper dispatch by post / courier with a note
// (receipt number, buku ekspedisi).
import { useState } from 'react';
import { Button, Group, Modal, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { useInvalidateDocuments } from '../../../api/documents';
import { notifySuccess } from '../../../lib/errors';

export interface DispatchLike {
  id: string;
  externalName: string;
  externalEmail: string | null;
  externalAddress: string | null;
}

export function SendDispatchButton({ dispatch, size = 'xs' }: { dispatch: DispatchLike; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateDocuments();
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<'email' | 'post' | 'courier' | 'other'>(dispatch.externalEmail ? 'email' : 'post');
  const [note, setNote] = useState('');
  const [receipt, setReceipt] = useState('');
  const send = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/dispatches/{id}/send', { params: { path: { id: dispatch.id } }, body: { channel, note: note.trim() || null, ...(channel !== 'email' && receipt.trim() ? { receiptNumber: receipt.trim() } : {}) } })),
    onSuccess: (r) => {
      notifySuccess(t(r.status === 'sent' ? 'outbox.sent' : 'outbox.queued', { name: dispatch.externalName }));
      setOpen(false);
    },
    onSettled: invalidate,
  });
  return (
    <>
      <Button size={size} leftSection={<IconSend size={14} />} onClick={() => setOpen(true)} data-testid="send-dispatch">
        {t('outbox.send')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={<Text fw={700}>{t('outbox.sendTitle', { name: dispatch.externalName })}</Text>} centered>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {[dispatch.externalAddress, dispatch.externalEmail].filter(Boolean).join(' · ') || t('outbox.noContact')}
          </Text>
          <Radio.Group label={t('outbox.channel')} value={channel} onChange={(v) => setChannel(v as typeof channel)}>
            <Stack gap={6} mt={6}>
              <Radio value="email" label={t('outbox.channels.email', { email: dispatch.externalEmail ?? '–' })} disabled={!dispatch.externalEmail} />
              <Radio value="post" label={t('outbox.channels.post')} />
              <Radio value="courier" label={t('outbox.channels.courier')} data-testid="channel-courier" />
              <Radio value="other" label={t('outbox.channels.other')} />
            </Stack>
          </Radio.Group>
          {channel !== 'email' ? <TextInput label={t('outbox.receiptNumber')} description={t('outbox.receiptHint')} value={receipt} onChange={(e) => setReceipt(e.currentTarget.value)} data-testid="dispatch-receipt" /> : null}
          <Textarea label={t('outbox.note')} description={t(channel === 'email' ? 'outbox.noteHintEmail' : 'outbox.noteHintPost')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="dispatch-note" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => send.mutate()} loading={send.isPending} data-testid="confirm-dispatch">
              {t(channel === 'email' ? 'outbox.sendEmail' : 'outbox.recordSent')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
