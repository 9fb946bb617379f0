// Buku ekspedisi (records officer): the unit's paper dispatches in a period, each line with its
// receipt number and, filled in later, who received it and when; printable as PDF, CSV for a
// spreadsheet, and a tanda terima slip per letter for the courier.
import { useState } from 'react';
import { Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconFileSpreadsheet, IconPrinter, IconReceipt } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDate } from '../../lib/format';

interface Line {
  id: string;
  no: number;
  documentId: string;
  sentOn: string;
  number: string | null;
  documentDate: string | null;
  hal: string | null;
  sifat: string;
  recipient: string;
  address: string | null;
  channel: string;
  receiptNumber: string | null;
  receivedByName: string | null;
  receivedOn: string | null;
}

const isoToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const monthStart = () => `${isoToday().slice(0, 8)}01`;

function ReceiptRow({ line }: { line: Line }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [resi, setResi] = useState(line.receiptNumber ?? '');
  const [by, setBy] = useState(line.receivedByName ?? '');
  const [on, setOn] = useState(line.receivedOn ?? '');
  const save = useMutation({
    mutationFn: () => unwrap(api.PATCH('/api/v1/dispatches/{id}/receipt', { params: { path: { id: line.id } }, body: { receiptNumber: resi || null, receivedByName: by || null, receivedOn: on || null } })),
    onSuccess: () => {
      notifySuccess(t('dispatchBook.saved'));
      void qc.invalidateQueries({ queryKey: ['dispatch-book'] });
    },
    onError: notifyError,
  });
  const dirty = resi !== (line.receiptNumber ?? '') || by !== (line.receivedByName ?? '') || on !== (line.receivedOn ?? '');
  return (
    <Table.Tr data-testid="dispatch-line">
      <Table.Td>{line.no}</Table.Td>
      <Table.Td>{formatDate(line.sentOn)}</Table.Td>
      <Table.Td>
        <Text component={Link} to={`/naskah/${line.documentId}`} size="sm" className="mono">{line.number ?? '-'}</Text>
      </Table.Td>
      <Table.Td>{line.hal ?? <Text span c="dimmed" size="sm">({t(`dispatchBook.sifat.${line.sifat}`)})</Text>}</Table.Td>
      <Table.Td>
        {line.recipient}
        {line.address ? <Text size="xs" c="dimmed">{line.address}</Text> : null}
      </Table.Td>
      <Table.Td>{t(`dispatchBook.channel.${line.channel}`)}</Table.Td>
      <Table.Td><TextInput size="xs" value={resi} onChange={(e) => setResi(e.currentTarget.value)} aria-label={t('dispatchBook.receiptNumber')} /></Table.Td>
      <Table.Td><TextInput size="xs" value={by} onChange={(e) => setBy(e.currentTarget.value)} aria-label={t('dispatchBook.receivedBy')} data-testid="received-by" /></Table.Td>
      <Table.Td><TextInput size="xs" type="date" value={on} onChange={(e) => setOn(e.currentTarget.value)} aria-label={t('dispatchBook.receivedOn')} data-testid="received-on" /></Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" disabled={!dirty} loading={save.isPending} onClick={() => save.mutate()} data-testid="save-receipt">{t('common.save')}</Button>
          <Button size="compact-xs" variant="subtle" component="a" href={`/api/v1/dispatches/${line.id}/tanda-terima.pdf`} target="_blank" leftSection={<IconReceipt size={12} />}>{t('dispatchBook.slip')}</Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function DispatchBook() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(monthStart());
  const [to, setTo] = useState(isoToday());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const book = useQuery({ queryKey: ['dispatch-book', from, to], enabled: valid, queryFn: () => unwrap(api.GET('/api/v1/dispatch-book', { params: { query: { from, to } } })) });
  const q = `from=${from}&to=${to}`;
  return (
    <Stack gap="sm" data-testid="dispatch-book">
      <Text size="sm" c="dimmed">{t('dispatchBook.hint')}</Text>
      <Group align="flex-end">
        <TextInput type="date" label={t('dispatchBook.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('dispatchBook.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Button component="a" href={`/api/v1/dispatch-book.pdf?${q}`} target="_blank" variant="default" leftSection={<IconPrinter size={16} />} disabled={!valid} data-testid="dispatch-book-pdf">{t('dispatchBook.print')}</Button>
        <Button component="a" href={`/api/v1/dispatch-book.csv?${q}`} variant="default" leftSection={<IconFileSpreadsheet size={16} />} disabled={!valid}>CSV</Button>
      </Group>
      {book.data && !book.data.lines.length ? <Text c="dimmed">{t('dispatchBook.empty')}</Text> : null}
      {book.data?.lines.length ? (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                {['no', 'sentOn', 'number', 'hal', 'recipient', 'channelTitle', 'receiptNumber', 'receivedBy', 'receivedOn', 'actions'].map((k) => <Table.Th key={k}>{t(`dispatchBook.col.${k}`)}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {book.data.lines.map((l) => <ReceiptRow key={`${l.id}:${l.receiptNumber}:${l.receivedByName}:${l.receivedOn}`} line={l as Line} />)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
