// One box of documents (konsep, dalam proses, perlu verifikasi, perlu tanda tangan, keluar):
// server-side search and paging, a row per document that opens its page, optional selection and
// row buttons.
import { useState, type ReactNode } from 'react';
import { Box, Card, Checkbox, Group, Pagination, Paper, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useDocumentList, type Box as DocBox, type DocumentListItem, type DocumentStatus } from '../../api/documents';
import { StatusBadge, UrgencyBadges } from '../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../lib/format';

export const PAGE_SIZE = 20;

export function DocumentRow({ item, children, actions, selectable, selected, onSelect }: { item: DocumentListItem; children?: ReactNode; actions?: ReactNode; selectable?: boolean; selected?: boolean; onSelect?: (v: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" className="doc-row" data-testid="doc-row" data-status={item.status}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        {selectable ? <Checkbox mt={4} checked={selected ?? false} onChange={(e) => onSelect?.(e.currentTarget.checked)} aria-label={t('lists.select', { hal: item.hal })} size="md" /> : null}
        <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
          <Box component={Link} to={`/naskah/${item.id}`} className="doc-row-link">
            <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="doc-row-hal">
                {item.hal}
              </Text>
              <StatusBadge status={item.status} size="xs" />
            </Group>
            <Group gap={6} wrap="wrap">
              <UrgencyBadges sifat={item.sifat} urgensi={item.urgensi} />
              <Text size="xs" c="dimmed">
                {[item.typeName, item.number, item.documentDate ? formatDate(item.documentDate) : null, item.unitName, item.drafterName].filter(Boolean).join(' · ')}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {t('lists.updated', { time: formatDateTime(item.updatedAt) })}
            </Text>
            {children}
          </Box>
          {actions ? <Group gap="xs">{actions}</Group> : null}
        </Stack>
      </Group>
    </Paper>
  );
}

export function SearchBox({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return <TextInput leftSection={<IconSearch size={16} />} placeholder={t('lists.search')} aria-label={t('common.search')} value={value} onChange={(e) => onChange(e.currentTarget.value)} size="sm" data-testid="list-search" />;
}

export function EmptyState({ text }: { text: string }) {
  return (
    <Card p="xl">
      <Text c="dimmed" ta="center" data-testid="empty">
        {text}
      </Text>
    </Card>
  );
}

export function ListSkeleton() {
  return (
    <Stack gap="xs">
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} h={74} radius="md" />
      ))}
    </Stack>
  );
}

export function DocumentList({
  box,
  status,
  empty,
  renderExtra,
  renderActions,
  selection,
}: {
  box: DocBox;
  status?: DocumentStatus | undefined;
  empty: string;
  renderExtra?: (item: DocumentListItem) => ReactNode;
  /** Buttons beside the row's link (outside it: no control inside a link). */
  renderActions?: (item: DocumentListItem) => ReactNode;
  selection?: { selected: Map<string, DocumentListItem>; onChange: (m: Map<string, DocumentListItem>) => void; header?: (items: DocumentListItem[]) => ReactNode };
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const list = useDocumentList(box, { page, pageSize: PAGE_SIZE, q: q || undefined, status });
  const items = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  return (
    <Stack gap="sm">
      <SearchBox
        value={search}
        onChange={(v) => {
          setSearch(v);
          setPage(1);
        }}
      />
      {selection?.header?.(items)}
      {list.isPending ? (
        <ListSkeleton />
      ) : items.length === 0 ? (
        <EmptyState text={empty} />
      ) : (
        <Stack gap="xs" data-testid={`list-${box}`}>
          {items.map((item) => (
            <DocumentRow
              key={item.id}
              item={item}
              actions={renderActions?.(item)}
              selectable={Boolean(selection)}
              selected={selection?.selected.has(item.id)}
              onSelect={(v) => {
                if (!selection) return;
                const m = new Map(selection.selected);
                if (v) m.set(item.id, item);
                else m.delete(item.id);
                selection.onChange(m);
              }}
            >
              {renderExtra?.(item)}
            </DocumentRow>
          ))}
        </Stack>
      )}
      {pages > 1 ? (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} size="sm" />
        </Group>
      ) : null}
    </Stack>
  );
}
