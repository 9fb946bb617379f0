// Admin forms of the organisation: units, positions, holders (definitif, Plt, Plh, Pj).
import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Autocomplete, Input } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isPhone } from '../../lib/viewport';
import { api, unwrap } from '../../api/client';
import { buildUnitTree, flattenUnitTree, orgKeys, useAllPositions, useUnits, type Holder, type Position, type Unit } from '../../api/org';
import { UserSelect } from '../../components/UserSelect';
import { HOLDER_KINDS, POSITION_LEVELS, UNIT_KINDS, type HolderKindValue, type UnitKind } from '../../lib/constants';
import { notifySuccess } from '../../lib/errors';
import { fieldErrorsOf, orNull, todayIso } from '../../lib/forms';
import { positionTitle } from '../../lib/format';

function FormButtons({ onCancel, loading, label }: { onCancel: () => void; loading: boolean; label?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {label ?? t('common.save')}
      </Button>
    </Group>
  );
}

/** Ids of a unit and everything under it (cannot become its own parent). */
function subtreeIds(units: Unit[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

export function UnitFormModal({ opened, onClose, unit, parentId, onSaved }: { opened: boolean; onClose: () => void; unit?: Unit | undefined; parentId?: string | null | undefined; onSaved?: (u: Unit) => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={<UnitFormTitle edit={Boolean(unit)} />} size="lg" centered fullScreen={isPhone()}>
      {opened ? <UnitForm unit={unit} parentId={parentId} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function UnitFormTitle({ edit }: { edit: boolean }) {
  const { t } = useTranslation();
  return <Text fw={700}>{edit ? t('org.unit.edit') : t('org.unit.add')}</Text>;
}

function UnitForm({ unit, parentId, onClose, onSaved }: { unit?: Unit | undefined; parentId?: string | null | undefined; onClose: () => void; onSaved?: ((u: Unit) => void) | undefined }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const units = useUnits(true);
  const [v, setV] = useState({
    parentId: unit ? unit.parentId : (parentId ?? null),
    name: unit?.name ?? '',
    shortName: unit?.shortName ?? '',
    kind: (unit?.kind ?? 'bidang') as UnitKind,
    code: unit?.code ?? '',
    sortOrder: unit?.sortOrder ?? 0,
    address: unit?.address ?? '',
    phone: unit?.phone ?? '',
    email: unit?.email ?? '',
    website: unit?.website ?? '',
    active: unit?.active ?? true,
  });
  const set = <K extends keyof typeof v>(k: K, val: (typeof v)[K]) => setV((s) => ({ ...s, [k]: val }));

  const save = useMutation({
    mutationFn: async () => {
      const body = {
        parentId: v.parentId,
        name: v.name.trim(),
        shortName: orNull(v.shortName),
        kind: v.kind,
        code: orNull(v.code),
        sortOrder: v.sortOrder,
        address: orNull(v.address),
        phone: orNull(v.phone),
        email: orNull(v.email),
        website: orNull(v.website),
      };
      if (unit) return unwrap(api.PATCH('/api/v1/org/units/{id}', { params: { path: { id: unit.id } }, body: { ...body, active: v.active, version: unit.version } }));
      return unwrap(api.POST('/api/v1/org/units', { body }));
    },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      notifySuccess(t('org.saved'));
      onSaved?.(saved);
      onClose();
    },
  });
  const fe = fieldErrorsOf(save.error, { UNIT_CODE_TAKEN: 'code', UNIT_CYCLE: 'parentId' });
  const excluded = unit ? subtreeIds(units.data ?? [], unit.id) : new Set<string>();
  const parentOptions = flattenUnitTree(buildUnitTree(units.data ?? []))
    .filter((x) => !excluded.has(x.unit.id))
    .map((x) => ({ value: x.unit.id, label: `${'— '.repeat(x.depth)}${x.unit.name}` }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select label={t('org.unit.parent')} data={parentOptions} value={v.parentId} onChange={(x) => set('parentId', x)} searchable clearable placeholder={t('org.unit.noParent')} error={fe.parentId} comboboxProps={{ withinPortal: true }} />
        <TextInput label={t('org.unit.name')} required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={fe.name} data-autofocus />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label={t('org.unit.shortName')} value={v.shortName} onChange={(e) => set('shortName', e.currentTarget.value)} error={fe.shortName} />
          <Select label={t('org.unit.kind')} required data={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} value={v.kind} onChange={(x) => x && set('kind', x as UnitKind)} error={fe.kind} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
          <TextInput label={t('org.unit.code')} description={t('org.unit.codeHelp')} value={v.code} onChange={(e) => set('code', e.currentTarget.value)} error={fe.code} />
          <NumberInput label={t('org.sortOrder')} value={v.sortOrder} onChange={(x) => set('sortOrder', typeof x === 'number' ? x : 0)} error={fe.sortOrder} allowDecimal={false} />
        </SimpleGrid>
        <TextInput label={t('org.unit.address')} value={v.address} onChange={(e) => set('address', e.currentTarget.value)} error={fe.address} />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <TextInput label={t('org.unit.phone')} value={v.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={fe.phone} />
          <TextInput label={t('profile.email')} type="email" value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={fe.email} />
          <TextInput label={t('org.unit.website')} value={v.website} onChange={(e) => set('website', e.currentTarget.value)} error={fe.website} />
        </SimpleGrid>
        {unit ? <Switch label={t('org.active')} checked={v.active} onChange={(e) => set('active', e.currentTarget.checked)} /> : null}
        <FormButtons onCancel={onClose} loading={save.isPending} />
      </Stack>
    </form>
  );
}

export function PositionFormModal({ opened, onClose, unitId, position }: { opened: boolean; onClose: () => void; unitId: string; position?: Position | undefined }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{position ? t('org.position.edit') : t('org.position.add')}</Text>} size="lg" centered fullScreen={isPhone()}>
      {opened ? <PositionForm unitId={unitId} position={position} onClose={onClose} /> : null}
    </Modal>
  );
}

function PositionForm({ unitId, position, onClose }: { unitId: string; position?: Position | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const all = useAllPositions();
  const [v, setV] = useState({
    name: position?.name ?? '',
    level: position?.level ?? '',
    parentPositionId: position?.parentPositionId ?? null,
    isUnitHead: position?.isUnitHead ?? false,
    sortOrder: position?.sortOrder ?? 0,
    active: position?.active ?? true,
  });
  const set = <K extends keyof typeof v>(k: K, val: (typeof v)[K]) => setV((s) => ({ ...s, [k]: val }));
  const save = useMutation({
    mutationFn: async () => {
      const body = { name: v.name.trim(), level: v.level.trim(), parentPositionId: v.parentPositionId, isUnitHead: v.isUnitHead, sortOrder: v.sortOrder };
      if (position) return unwrap(api.PATCH('/api/v1/org/positions/{id}', { params: { path: { id: position.id } }, body: { ...body, active: v.active, version: position.version } }));
      return unwrap(api.POST('/api/v1/org/positions', { body: { ...body, unitId } }));
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      notifySuccess(t('org.saved'));
      onClose();
    },
  });
  const fe = fieldErrorsOf(save.error);
  const parentOptions = (all.data ?? [])
    .filter((p) => p.id !== position?.id)
    .map((p) => ({ value: p.id, label: `${p.name} · ${p.unitName}` }));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        <TextInput label={t('org.position.name')} required value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={fe.name} data-autofocus />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Autocomplete label={t('org.position.level')} description={t('org.position.levelHelp')} required data={POSITION_LEVELS} value={v.level} onChange={(x) => set('level', x)} error={fe.level} comboboxProps={{ withinPortal: true }} />
          <NumberInput label={t('org.sortOrder')} value={v.sortOrder} onChange={(x) => set('sortOrder', typeof x === 'number' ? x : 0)} allowDecimal={false} error={fe.sortOrder} />
        </SimpleGrid>
        <Select label={t('org.position.parent')} description={t('org.position.parentHelp')} data={parentOptions} value={v.parentPositionId} onChange={(x) => set('parentPositionId', x)} searchable clearable error={fe.parentPositionId} comboboxProps={{ withinPortal: true }} />
        <Switch label={t('org.position.isHead')} checked={v.isUnitHead} onChange={(e) => set('isUnitHead', e.currentTarget.checked)} />
        {position ? <Switch label={t('org.active')} checked={v.active} onChange={(e) => set('active', e.currentTarget.checked)} /> : null}
        <FormButtons onCancel={onClose} loading={save.isPending} />
      </Stack>
    </form>
  );
}

export function HolderFormModal({ opened, onClose, position }: { opened: boolean; onClose: () => void; position: Position | null }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{t('org.holder.assign')}</Text>} size="lg" centered fullScreen={isPhone()}>
      {opened && position ? <HolderForm position={position} onClose={onClose} /> : null}
    </Modal>
  );
}

function HolderForm({ position, onClose }: { position: Position; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [userId, setUserId] = useState<string | null>(null);
  const [kind, setKind] = useState<HolderKindValue>('definitif');
  const [startsOn, setStartsOn] = useState(todayIso());
  const [endsOn, setEndsOn] = useState('');
  const [decree, setDecree] = useState('');
  const [missingUser, setMissingUser] = useState(false);
  const save = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/org/positions/{id}/holders', { params: { path: { id: position.id } }, body: { userId: userId!, kind, startsOn, endsOn: orNull(endsOn), decree: orNull(decree) } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      notifySuccess(t('org.holder.assigned'));
      onClose();
    },
  });
  const fe = fieldErrorsOf(save.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!userId) {
          setMissingUser(true);
          return;
        }
        save.mutate();
      }}
      noValidate
    >
      <Stack gap="sm">
        <Text size="sm">
          {t('org.position.label')}: <b>{position.name}</b>
        </Text>
        <UserSelect label={t('org.holder.user')} required value={userId} onChange={(id) => { setUserId(id); setMissingUser(false); }} error={missingUser ? t('org.holder.userRequired') : fe.userId} />
        <Input.Wrapper label={t('org.holder.kind')} description={t(`org.holder.kindHelp.${kind}`)}>
          <SegmentedControl fullWidth mt={4} value={kind} onChange={(x) => setKind(x as HolderKindValue)} data={HOLDER_KINDS.map((k) => ({ value: k, label: t(`holderKind.${k}`) }))} />
        </Input.Wrapper>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput type="date" label={t('org.holder.startsOn')} required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={fe.startsOn} />
          <TextInput type="date" label={t('org.holder.endsOn')} description={kind === 'plh' ? t('org.holder.endsOnPlh') : t('common.optional')} value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={fe.endsOn} />
        </SimpleGrid>
        <TextInput label={t('org.holder.decree')} description={t('org.holder.decreeHelp')} value={decree} onChange={(e) => setDecree(e.currentTarget.value)} error={fe.decree} />
        <Text size="sm" c="dimmed">
          {t('org.holder.preview')}: <b>{positionTitle(kind, position.name)}</b>
        </Text>
        <FormButtons onCancel={onClose} loading={save.isPending} label={t('org.holder.assign')} />
      </Stack>
    </form>
  );
}

export function EndHolderModal({ holder, positionName, onClose }: { holder: Holder | null; positionName: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [endsOn, setEndsOn] = useState(todayIso());
  const end = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/org/holders/{id}', { params: { path: { id: holder!.holderId }, query: { endsOn } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      notifySuccess(t('org.holder.ended'));
      onClose();
    },
  });
  return (
    <Modal opened={Boolean(holder)} onClose={onClose} title={<Text fw={700}>{t('org.holder.end')}</Text>} centered>
      {holder ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            end.mutate();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t('org.holder.endExplain', { name: holder.name, position: positionTitle(holder.kind, positionName) })}</Text>
            <TextInput type="date" label={t('org.holder.lastDay')} value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={fieldErrorsOf(end.error).endsOn} />
            <FormButtons onCancel={onClose} loading={end.isPending} label={t('org.holder.end')} />
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
