// Choose a position (jabatan) by typing its name or its unit's (searches the server), and see who
// holds it today, Plt./Plh. included: a signer or verifier is a position, not a person.
import { useState } from 'react';
import { Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { usePositionSearch, type Position } from '../api/org';
import { holderPrefix } from '../lib/format';

export type PositionWithUnit = Position & { unitName: string };

/** "Rina Marlina · Plt. Drs. Hendra Kusuma", or "kosong" for a vacant position. */
export function holdersText(holders: Position['holders'], vacant: string): string {
  const today = new Date().toISOString().slice(0, 10);
  const current = holders.filter((h) => h.startsOn <= today && (!h.endsOn || h.endsOn >= today));
  if (!current.length) return vacant;
  return current.map((h) => [holderPrefix(h.kind), h.name].filter(Boolean).join(' ')).join(' · ');
}

export function PositionSelect({
  value,
  onChange,
  label,
  placeholder,
  error,
  required,
  exclude = [],
  description,
  clearAfterPick,
  testId,
}: {
  value: string | null;
  onChange: (id: string | null, position: PositionWithUnit | null) => void;
  label: string;
  placeholder?: string;
  error?: string | undefined;
  required?: boolean;
  exclude?: string[];
  description?: string;
  /** For "add" pickers: empty again after a pick. */
  clearAfterPick?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [picked, setPicked] = useState<PositionWithUnit | null>(null);
  const found = usePositionSearch(debounced);
  const list: PositionWithUnit[] = (found.data ?? []).filter((p) => !exclude.includes(p.id));
  if (picked && picked.id === value && !list.some((p) => p.id === picked.id)) list.unshift(picked);
  const byId = new Map(list.map((p) => [p.id, p]));
  const vacant = t('compose.vacant');

  return (
    <Select
      label={label}
      description={description}
      required={required}
      searchable
      clearable={!clearAfterPick}
      data={list.map((p) => ({ value: p.id, label: p.name }))}
      value={clearAfterPick ? null : value}
      onChange={(id) => {
        const p = id ? (byId.get(id) ?? null) : null;
        setPicked(p);
        onChange(id, p);
        if (clearAfterPick) setSearch('');
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      renderOption={({ option }) => {
        const p = byId.get(option.value);
        return (
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {option.label}
            </Text>
            {p ? (
              <Text size="xs" c="dimmed">
                {p.unitName} · {holdersText(p.holders, vacant)}
              </Text>
            ) : null}
          </Stack>
        );
      }}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('compose.noPosition')}
      placeholder={placeholder ?? t('compose.searchPosition')}
      error={error}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={320}
      data-testid={testId}
    />
  );
}

/** One line under a chosen position: who holds it. */
export function HolderLine({ position }: { position: PositionWithUnit | undefined }) {
  const { t } = useTranslation();
  if (!position) return null;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="xs" c="dimmed" truncate>
        {position.unitName} · {holdersText(position.holders, t('compose.vacant'))}
      </Text>
    </Group>
  );
}
