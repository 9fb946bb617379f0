// Catat surat masuk (records officer): the scan, the sender (from the address book), number,
// date, hal, sifat, urgensi, classification, lampiran and the addressed official; a possible
// duplicate is shown before a second registration. The scan is uploaded as soon as it is chosen
// (or the page opens a letter waiting from e-mail, ?menunggu=<id>): OCR reads it while the
// officer types, and its suggested number, date and hal fill the empty fields for him to check.
import { useEffect, useRef, useState } from 'react';
import { Alert, Autocomplete, Badge, Button, Card, Checkbox, FileInput, Grid, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { postMultipart, useIncomingLetter, useInvalidateIncoming, useSenders, type IncomingLetter, type IncomingListItem } from '../../api/incoming';
import { ClassificationSelect } from '../../components/ClassificationSelect';
import { PositionSelect } from '../../components/PositionSelect';
import { describeError } from '../../lib/errors';

interface Duplicate {
  id: string;
  agenda: string | null;
  senderInstansi: string | null;
  letterNumber: string | null;
  hal: string | null;
  reason: 'number' | 'file';
}

const OCR_BUSY = new Set(['pending', 'running']);

/** The OCR state of the uploaded scan and its suggestions, each with "Pakai". */
function OcrPanel({ letter, onUse }: { letter: IncomingLetter; onUse: (field: 'letterNumber' | 'letterDate' | 'hal', value: string) => void }) {
  const { t } = useTranslation();
  const s = letter.ocrSuggestions;
  const busy = OCR_BUSY.has(letter.ocrStatus);
  return (
    <Alert color={letter.ocrStatus === 'failed' ? 'orange' : busy ? 'blue' : 'teal'} data-testid="ocr-panel" data-ocr-status={letter.ocrStatus}>
      <Group gap="xs">
        {busy ? <Loader size="xs" /> : null}
        <Text size="sm" fw={600} data-testid="ocr-state">{t(`incoming.ocr.${letter.ocrStatus}`)}</Text>
      </Group>
      {letter.ocrError ? <Text size="sm" data-testid="ocr-error">{letter.ocrError}</Text> : null}
      {s && (s.letterNumber || s.letterDate || s.hal) ? (
        <Stack gap={2} mt={4}>
          <Text size="xs" c="dimmed">{t('incoming.ocr.suggestionsHelp')}</Text>
          {(['letterNumber', 'letterDate', 'hal'] as const).map((f) =>
            s[f] ? (
              <Group key={f} gap="xs" wrap="nowrap">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid={`ocr-suggestion-${f}`}>
                  {t(`incoming.ocr.field.${f}`)}: <b>{s[f]}</b>
                </Text>
                <Button size="compact-xs" variant="light" onClick={() => onUse(f, s[f]!)} data-testid={`ocr-use-${f}`}>{t('incoming.ocr.use')}</Button>
              </Group>
            ) : null,
          )}
        </Stack>
      ) : null}
    </Alert>
  );
}

export function RegisterIncomingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateIncoming();
  const [params] = useSearchParams();
  const [pendingId, setPendingId] = useState<string | null>(params.get('menunggu'));
  const [uploading, setUploading] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [instansi, setInstansi] = useState('');
  const [jabatan, setJabatan] = useState('');
  const [name, setName] = useState('');
  const [letterNumber, setLetterNumber] = useState('');
  const [letterDate, setLetterDate] = useState('');
  const [hal, setHal] = useState('');
  const [sifat, setSifat] = useState<string>('biasa');
  const [urgensi, setUrgensi] = useState<string>('biasa');
  const [code, setCode] = useState<string | null>(null);
  const [lampiran, setLampiran] = useState('');
  const [addressed, setAddressed] = useState<string | null>(null);
  const [send, setSend] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [duplicates, setDuplicates] = useState<Duplicate[] | null>(null);
  const senders = useSenders(instansi.length >= 2 ? instansi : '');
  const pending = useIncomingLetter(pendingId ?? undefined, { pollWhile: (l) => OCR_BUSY.has(l.ocrStatus) });
  const pendingLetter = pending.data?.status === 'pending' ? pending.data : undefined;
  const filled = useRef<string | null>(null);

  // The letter waiting (from e-mail, or the scan just uploaded): take over what is known and,
  // once OCR has read it, its suggestions for the fields still empty.
  useEffect(() => {
    const l = pendingLetter;
    if (!l) return;
    const key = `${l.id}:${l.ocrStatus}`;
    if (filled.current === key) return;
    filled.current = key;
    const s = l.ocrSuggestions ?? {};
    setInstansi((v) => v || l.senderInstansi || '');
    setName((v) => v || l.senderName || '');
    setLetterNumber((v) => v || s.letterNumber || l.letterNumber || '');
    setLetterDate((v) => v || s.letterDate || l.letterDate || '');
    setHal((v) => v || s.hal || l.hal || '');
  }, [pendingLetter]);

  async function uploadScan(next: File[]) {
    setFiles(next);
    setPendingId(null);
    filled.current = null;
    if (!next.length) return;
    setUploading(true);
    setError(null);
    const form = new FormData();
    for (const f of next) form.append('scan', f, f.name);
    try {
      const row = await postMultipart<IncomingListItem>('/api/v1/incoming-letters/scans', form);
      setPendingId(row.id);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setUploading(false);
    }
  }

  function takeSuggestion(field: 'letterNumber' | 'letterDate' | 'hal', value: string) {
    if (field === 'letterNumber') setLetterNumber(value);
    else if (field === 'letterDate') setLetterDate(value);
    else setHal(value);
  }

  async function submit(confirmDuplicate: boolean) {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    const form = new FormData();
    form.append(
      'data',
      JSON.stringify({ sender: { instansi, jabatan: jabatan || null, name: name || null }, letterNumber, letterDate, hal, sifat, urgensi, classificationCode: code ?? '', lampiran: lampiran || null, addressedPositionId: addressed, send, confirmDuplicate }),
    );
    let url = '/api/v1/incoming-letters';
    if (pendingLetter) {
      url = `/api/v1/incoming-letters/${pendingLetter.id}/register`;
      form.append('version', String(pendingLetter.version));
    } else for (const f of files) form.append('scan', f, f.name);
    try {
      const row = await postMultipart<IncomingListItem>(url, form);
      invalidate();
      void navigate(`/surat-masuk/${row.id}`);
    } catch (e) {
      if (isApiError(e, 'INCOMING_DUPLICATE')) setDuplicates((e.details.duplicates as Duplicate[]) ?? []);
      else {
        setError(describeError(e));
        if (isApiError(e)) setFieldErrors(e.fieldErrors);
      }
    } finally {
      setBusy(false);
    }
  }

  const options = (senders.data ?? []).map((s) => ({ value: s.instansi, label: [s.instansi, s.jabatan, s.name].filter(Boolean).join(' · ') }));
  return (
    <Stack gap="md" maw={900}>
      <Title order={1} size="h2">{t('incoming.registerTitle')}</Title>
      <Text size="sm" c="dimmed">{t('incoming.registerHelp')}</Text>
      {error ? <Alert color="red" data-testid="register-error">{error}</Alert> : null}
      {duplicates ? (
        <Alert color="orange" title={t('incoming.duplicateTitle')} data-testid="duplicate-warning">
          {duplicates.map((d) => (
            <Text size="sm" key={d.id}>
              {d.agenda} · {d.senderInstansi} · {d.letterNumber} · {d.hal} ({t(`incoming.duplicateReason.${d.reason}`)})
            </Text>
          ))}
          <Button mt="xs" size="xs" color="orange" onClick={() => void submit(true)} loading={busy} data-testid="register-anyway">
            {t('incoming.registerAnyway')}
          </Button>
        </Alert>
      ) : null}
      <Card withBorder>
        <Stack gap="sm">
          <FileInput multiple required={!pendingLetter} label={t('incoming.scan')} value={files} onChange={(f) => void uploadScan(f)} accept="application/pdf,image/jpeg,image/png,image/tiff" data-testid="scan-input" clearable />
          {uploading ? <Group gap="xs"><Loader size="xs" /><Text size="sm">{t('incoming.ocr.uploading')}</Text></Group> : null}
          {pendingLetter ? (
            <Group gap="xs">
              <Badge variant="light" tt="none">{t(`incoming.source.${pendingLetter.source}`)}</Badge>
              {pendingLetter.fileId ? <Button component="a" size="compact-sm" variant="subtle" href={`/api/v1/incoming-letters/${pendingLetter.id}/file`} target="_blank">{t('incoming.ocr.openScan', { pages: pendingLetter.pages ?? 0 })}</Button> : null}
            </Group>
          ) : null}
          {pendingLetter && pendingLetter.ocrStatus !== 'none' ? <OcrPanel letter={pendingLetter} onUse={takeSuggestion} /> : null}
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Autocomplete
                required
                label={t('incoming.senderInstansi')}
                value={instansi}
                onChange={setInstansi}
                data={options}
                onOptionSubmit={(v) => {
                  const s = senders.data?.find((x) => x.instansi === v);
                  if (s) {
                    setJabatan(s.jabatan ?? '');
                    setName(s.name ?? '');
                  }
                }}
                error={fieldErrors['sender.instansi']}
                data-testid="sender-instansi"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('incoming.senderJabatan')} value={jabatan} onChange={(e) => setJabatan(e.currentTarget.value)} data-testid="sender-jabatan" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('incoming.senderName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput required label={t('incoming.letterNumber')} value={letterNumber} onChange={(e) => setLetterNumber(e.currentTarget.value)} error={fieldErrors.letterNumber} data-testid="letter-number" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput required type="date" label={t('incoming.letterDate')} value={letterDate} onChange={(e) => setLetterDate(e.currentTarget.value)} error={fieldErrors.letterDate} data-testid="letter-date" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput label={t('incoming.lampiran')} value={lampiran} onChange={(e) => setLampiran(e.currentTarget.value)} />
            </Grid.Col>
          </Grid>
          <TextInput required label={t('incoming.hal')} value={hal} onChange={(e) => setHal(e.currentTarget.value)} error={fieldErrors.hal} data-testid="letter-hal" />
          <Group grow>
            <Select label={t('incoming.sifat')} value={sifat} onChange={(v) => setSifat(v ?? 'biasa')} data={[{ value: 'biasa', label: 'Biasa' }, { value: 'terbatas', label: 'Terbatas' }, { value: 'rahasia', label: 'Rahasia' }, { value: 'sangat_rahasia', label: 'Sangat Rahasia' }]} allowDeselect={false} />
            <Select label={t('incoming.urgensi')} value={urgensi} onChange={(v) => setUrgensi(v ?? 'biasa')} data={[{ value: 'biasa', label: 'Biasa' }, { value: 'segera', label: 'Segera' }, { value: 'sangat_segera', label: 'Sangat Segera' }]} allowDeselect={false} />
          </Group>
          <ClassificationSelect required value={code} onChange={setCode} error={fieldErrors.classificationCode} label={t('incoming.classification')} />
          <PositionSelect required label={t('incoming.addressed')} value={addressed} onChange={(v) => setAddressed(v)} error={fieldErrors.addressedPositionId} testId="addressed-position" />
          <Checkbox label={t('incoming.sendNow')} checked={send} onChange={(e) => setSend(e.currentTarget.checked)} data-testid="send-now" />
          <Group justify="flex-end">
            <Button onClick={() => void submit(false)} loading={busy} disabled={uploading || (!files.length && !pendingLetter) || !addressed} data-testid="register-submit">
              {t('incoming.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
