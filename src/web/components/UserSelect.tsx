// Choose a user by typing a name, username or NIP (searches the server).
import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useUsers } from '../api/org';
import { formatNip } from '../lib/format';

export function UserSelect({ value, onChange, label, error, required, testId }: { value: string | null; onChange: (id: string | null, label?: string) => void; label: string; error?: string | undefined; required?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [selected, setSelected] = useState<{ value: string; label: string } | null>(null);
  const users = useUsers({ q: debounced, page: 1, pageSize: 20, status: 'active' });
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.nip ? `${u.name} · ${formatNip(u.nip)}` : u.name }));
  if (selected && !options.some((o) => o.value === selected.value)) options.unshift(selected);
  return (
    <Select
      label={label}
      required={required}
      searchable
      clearable
      data={options}
      value={value}
      onChange={(v, option) => {
        setSelected(v && option ? { value: v, label: option.label } : null);
        onChange(v, option?.label);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={users.isFetching ? t('common.loading') : t('org.users.none')}
      placeholder={t('org.users.searchPlaceholder')}
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
