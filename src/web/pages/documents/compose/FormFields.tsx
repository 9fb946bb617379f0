// The in-app form of a letter (seed 002: "mengentri lewat aplikasi esurat berupa undangan"):
// the fields of FormDraftSchema (src/server/templates/renderFormDraft.ts) per form kind.
import { SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type FormKind = 'surat' | 'nota_dinas' | 'undangan';
export type FormValues = Record<string, string>;

/** The fields a form kind sends (empty optional fields are left out: the server fills defaults). */
export function formPayload(kind: FormKind, v: FormValues): Record<string, string> {
  const keys = kind === 'undangan' ? ['pembuka', 'hari_tanggal', 'waktu', 'tempat', 'acara', 'penutup'] : ['isi'];
  const out: Record<string, string> = {};
  for (const k of keys) {
    const val = (v[k] ?? '').trim();
    if (val) out[k] = val;
  }
  return out;
}

export function FormFields({ kind, value, onChange, errors }: { kind: FormKind; value: FormValues; onChange: (v: FormValues) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const set = (k: string) => (e: { currentTarget: { value: string } }) => onChange({ ...value, [k]: e.currentTarget.value });
  if (kind !== 'undangan') {
    return <Textarea label={t(`compose.form.isi_${kind}`)} required autosize minRows={8} maxRows={24} value={value.isi ?? ''} onChange={set('isi')} error={errors.isi} data-testid="form-isi" />;
  }
  return (
    <Stack gap="sm">
      <Textarea label={t('compose.form.pembuka')} description={t('compose.form.pembukaHint')} autosize minRows={2} value={value.pembuka ?? ''} onChange={set('pembuka')} error={errors.pembuka} placeholder="Bersama ini kami mengundang Saudara untuk hadir pada:" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('compose.form.hari_tanggal')} required placeholder="Senin, 7 Desember 2026" value={value.hari_tanggal ?? ''} onChange={set('hari_tanggal')} error={errors.hari_tanggal} data-testid="form-hari_tanggal" />
        <TextInput label={t('compose.form.waktu')} required placeholder="09.00 WIB – selesai" value={value.waktu ?? ''} onChange={set('waktu')} error={errors.waktu} data-testid="form-waktu" />
      </SimpleGrid>
      <TextInput label={t('compose.form.tempat')} required value={value.tempat ?? ''} onChange={set('tempat')} error={errors.tempat} data-testid="form-tempat" />
      <Textarea label={t('compose.form.acara')} required autosize minRows={2} value={value.acara ?? ''} onChange={set('acara')} error={errors.acara} data-testid="form-acara" />
      <Textarea label={t('compose.form.penutup')} description={t('compose.form.penutupHint')} autosize minRows={2} value={value.penutup ?? ''} onChange={set('penutup')} error={errors.penutup} />
    </Stack>
  );
}
