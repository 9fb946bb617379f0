// Profil: which notices come by WhatsApp, by e-mail, or not at all, per kind, and quiet hours.
import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import { notifyError, notifySuccess } from '../lib/errors';

// The kinds Naskah sends today (letters to verify / sign / returned: not yet wired to the outgoing workflow).
const KINDS = ['letter_received', 'disposition_received', 'disposition_due'] as const;
type Kind = (typeof KINDS)[number];
type Channel = 'whatsapp' | 'email';
const KEY = ['notification-preferences'];

export function NotificationPreferencesCard() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const prefs = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/v1/me/notification-preferences')) });
  const [events, setEvents] = useState<Record<Kind, Channel[]> | null>(null);
  const [quietStart, setQuietStart] = useState('');
  const [quietEnd, setQuietEnd] = useState('');
  useEffect(() => {
    if (!prefs.data) return;
    setEvents(prefs.data.events);
    setQuietStart(prefs.data.quietStart ?? '');
    setQuietEnd(prefs.data.quietEnd ?? '');
  }, [prefs.data]);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/me/notification-preferences', { body: { events: events ?? {}, quietStart: quietStart || null, quietEnd: quietEnd || null } })),
    onSuccess: (d) => {
      qc.setQueryData(KEY, d);
      notifySuccess(t('notices.saved'));
    },
    onError: notifyError,
  });
  if (!prefs.data || !events) return null;
  const toggle = (k: Kind, ch: Channel, on: boolean) => setEvents({ ...events, [k]: on ? [...new Set([...events[k], ch])] : events[k].filter((c) => c !== ch) });
  return (
    <Card data-testid="notification-preferences">
      <Title order={2} size="h4">{t('notices.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">{t('notices.help')}</Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>WhatsApp</Table.Th>
            <Table.Th>E-mail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {KINDS.map((k) => (
            <Table.Tr key={k}>
              <Table.Td>{t(`notices.kind.${k}`)}</Table.Td>
              <Table.Td><Checkbox aria-label={`${t(`notices.kind.${k}`)} WhatsApp`} disabled={!prefs.data.hasWhatsapp} checked={events[k].includes('whatsapp')} onChange={(e) => toggle(k, 'whatsapp', e.currentTarget.checked)} data-testid={`notice-${k}-whatsapp`} /></Table.Td>
              <Table.Td><Checkbox aria-label={`${t(`notices.kind.${k}`)} e-mail`} disabled={!prefs.data.hasEmail} checked={events[k].includes('email')} onChange={(e) => toggle(k, 'email', e.currentTarget.checked)} data-testid={`notice-${k}-email`} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!prefs.data.hasWhatsapp || !prefs.data.hasEmail ? <Text size="xs" c="dimmed">{t('notices.missingContact')}</Text> : null}
      <Stack gap="xs" mt="sm">
        <Group align="flex-end">
          <TextInput type="time" label={t('notices.quietStart')} value={quietStart} onChange={(e) => setQuietStart(e.currentTarget.value)} />
          <TextInput type="time" label={t('notices.quietEnd')} value={quietEnd} onChange={(e) => setQuietEnd(e.currentTarget.value)} />
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="notices-save">{t('common.save')}</Button>
        </Group>
        <Text size="xs" c="dimmed">{t('notices.quietHelp')}</Text>
      </Stack>
    </Card>
  );
}
