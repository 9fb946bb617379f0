// Pencarian: the one search over naskah and archive records for every user (only what he may
// see), with highlighted snippets; the box in the header of every page opens it.
import { useState, type FormEvent } from 'react';
import { Anchor, Badge, Card, Group, Pagination, Select, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useSearch, type SearchHit } from '../../api/archive';
import { formatDate } from '../../lib/format';

/** Text with the matched words marked. */
export function Highlighted({ segments }: { segments: Array<{ text: string; hit: boolean }> }) {
  return (
    <>
      {segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}

/** Where a hit opens: the archive record when declared, else the live naskah. */
export function hitHref(h: SearchHit): string {
  if (h.recordId) return `/arsip/arsip/${h.recordId}`;
  if (h.kind === 'incoming') return `/surat-masuk/${h.sourceId}`;
  if (h.kind === 'service') return `/layanan/tiket/${h.sourceId}`;
  return `/naskah/${h.sourceId}`;
}

/** The search box in the app's header. */
export function GlobalSearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [value, setValue] = useState(params.get('q') ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = value.trim();
    if (q) void navigate(`/cari?q=${encodeURIComponent(q)}`);
  };
  return (
    <form role="search" onSubmit={submit} style={{ flex: '1 1 auto', maxWidth: 420, minWidth: 0 }}>
      <TextInput
        aria-label={t('search.boxLabel')}
        placeholder={t('search.boxPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        size="sm"
        name="q"
        data-testid="global-search"
      />
      <VisuallyHidden>
        <button type="submit">{t('common.search')}</button>
      </VisuallyHidden>
    </form>
  );
}

export function HitList({ items }: { items: SearchHit[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {items.map((h) => (
        <Card key={`${h.kind}:${h.sourceId}`} p="sm" withBorder data-testid="search-hit">
          <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Anchor component={Link} to={hitHref(h)} fw={600} size="sm">
                <Highlighted segments={h.titleSegments} />
              </Anchor>
              <Text size="xs" c="dimmed">
                {[h.number, h.classificationCode, formatDate(h.entryDate), h.parties].filter(Boolean).join(' · ')}
              </Text>
            </div>
            <Group gap={4} wrap="nowrap">
              <Badge size="sm" variant="outline" color={h.recordId ? 'cyan.9' : 'blue.9'}>
                {h.recordId ? t('search.record') : t(`search.kinds.${h.kind}`)}
              </Badge>
              {h.sifat && h.sifat !== 'biasa' ? (
                <Badge size="sm" variant="outline" color="red.9">
                  {t(`sifat.${h.sifat}`, { defaultValue: h.sifat })}
                </Badge>
              ) : null}
            </Group>
          </Group>
          {h.snippet.length ? (
            <Text size="sm" mt={4} c="gray.8" data-testid="search-snippet">
              <Highlighted segments={h.snippet} />
            </Text>
          ) : null}
        </Card>
      ))}
    </Stack>
  );
}

const PAGE = 20;

export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = (params.get('kind') ?? undefined) as SearchHit['kind'] | undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const result = useSearch({ q, kind, offset: (page - 1) * PAGE }, q.trim().length > 0);
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const total = result.data?.total ?? 0;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('search.title')}
      </Title>
      <Group gap="sm" align="flex-end">
        <TextInput label={t('search.query')} defaultValue={q} key={q} onKeyDown={(e) => e.key === 'Enter' && set('q', e.currentTarget.value.trim() || null)} leftSection={<IconSearch size={16} />} style={{ flex: '1 1 240px' }} data-testid="search-query" />
        <Select
          label={t('search.kind')}
          clearable
          placeholder={t('search.allKinds')}
          value={kind ?? null}
          onChange={(v) => set('kind', v)}
          data={(['outgoing', 'incoming', 'service'] as const).map((k) => ({ value: k, label: t(`search.kinds.${k}`) }))}
          w={200}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {q ? (
        <Text size="sm" c="dimmed" data-testid="search-total">
          {result.data?.fuzzy ? t('search.fuzzy') + ' ' : ''}
          {t('search.total', { count: total, more: result.data?.totalIsLowerBound ? '+' : '' })}
        </Text>
      ) : (
        <Text c="dimmed">{t('search.hint')}</Text>
      )}
      <HitList items={result.data?.items ?? []} />
      {total > PAGE ? (
        <Group justify="center">
          <Pagination total={Math.ceil(total / PAGE)} value={page} onChange={(p) => set('page', String(p))} size="sm" />
        </Group>
      ) : null}
    </Stack>
  );
}
