// What the archive pages share: the units a records officer keeps, the unit filter, the
// archive stage badge, a labelled value.
import { useEffect, type ReactNode } from 'react';
import { Badge, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUnits } from '../../api/org';
import { isSystemAdmin, useSignedInUser } from '../../auth/session';

/** Units whose records this user keeps (records-officer grants; every PD for instance-wide ones). */
export function useKeptUnits() {
  const me = useSignedInUser();
  const units = useUnits();
  const scoped = me.roles.filter((r) => r.role === 'records_officer' && r.unitId).map((r) => ({ value: r.unitId!, label: r.unitName ?? r.unitId! }));
  const wide = isSystemAdmin(me) || me.roles.some((r) => r.role === 'records_officer' && !r.unitId);
  const all = wide ? (units.data ?? []).filter((u) => u.active && u.code && u.depth === 1).map((u) => ({ value: u.id, label: u.name })) : [];
  const seen = new Set<string>();
  return [...scoped, ...all].filter((o) => (seen.has(o.value) ? false : (seen.add(o.value), true)));
}

export function UnitFilter({ value, onChange, required }: { value: string | null; onChange: (v: string | null) => void; required?: boolean }) {
  const { t } = useTranslation();
  const options = useKeptUnits();
  const first = options[0]?.value;
  useEffect(() => {
    if (required && !value && first) onChange(first);
  }, [required, value, first, onChange]);
  return (
    <Select
      label={t('archive.unit')}
      data={options}
      value={value}
      onChange={onChange}
      clearable={!required}
      allowDeselect={!required}
      placeholder={t('archive.allUnits')}
      size="sm"
      w={260}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

// Outline badges in shade 9: their text keeps a 4.5:1 contrast on white and striped rows.
const STATE_COLOR: Record<string, string> = { aktif: 'cyan.9', inaktif: 'grape.9', musnah: 'gray.8', statis: 'indigo.9' };

export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="outline" color={STATE_COLOR[state] ?? 'gray.8'} tt="none" data-testid="archive-state">
      {t(`archive.states.${state}`, { defaultValue: state })}
    </Badge>
  );
}

/** A small label over its value (record and proposal details). */
export function Info({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}
