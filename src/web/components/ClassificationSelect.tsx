// Choose an archive classification code (Permendagri 83/2022) by typing a code prefix or a word.
import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useClassifications } from '../api/documents';

export function ClassificationSelect({ value, onChange, error, required, label }: { value: string | null; onChange: (code: string | null) => void; error?: string | undefined; required?: boolean; label?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  // While the field shows the chosen "code — name", search by the code only.
  const q = value && search.startsWith(`${value} — `) ? value : debounced.split(' — ')[0]!.trim();
  const found = useClassifications(q);
  const options = (found.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      label={label ?? t('compose.classification')}
      required={required}
      searchable
      clearable
      allowDeselect={false}
      data={options}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('compose.noClassification')}
      placeholder={t('compose.classificationPlaceholder')}
      error={error}
      comboboxProps={{ withinPortal: true }}
      maxDropdownHeight={320}
      data-testid="classification"
    />
  );
}
