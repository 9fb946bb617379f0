// Buat Naskah (seed 000 steps 1–3, seed 002 step 3, seed 003 step 2): type and KOP, the template
// to download, the draft (.docx, in-app form, or finished PDF), metadata, recipients, chain and
// signer, a reserved number where the office numbers before drafting, and PDF lampiran.
// The same sections edit a draft's data later (EditDraftPage).
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Anchor, Button, Card, FileInput, Group, Loader, Radio, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileTypeDocx, IconFileTypePdf, IconForms, IconPaperclip } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, isApiError, unwrap } from '../../../api/client';
import {
  fetchDocument,
  templateUrl,
  uploadAttachment,
  uploadVersion,
  useDocument,
  useDocumentTypes,
  useInvalidateDocuments,
  useLetterheads,
  useNumberingSettings,
  useReservedNumbers,
  type DocumentDetail,
  type DraftKind,
  type RegisterBody,
  type Sifat,
  type Urgensi,
} from '../../../api/documents';
import { useAllPositions, useUnits } from '../../../api/org';
import { useSignedInUser } from '../../../auth/session';
import { ClassificationSelect } from '../../../components/ClassificationSelect';
import { HolderLine, PositionSelect, type PositionWithUnit } from '../../../components/PositionSelect';
import { cleanChain, defaultIssuingUnitId } from '../../../lib/documents';
import { fieldErrorsOf } from '../../../lib/forms';
import { notifySuccess } from '../../../lib/errors';
import { positionTitle } from '../../../lib/format';
import { ChainEditor } from './ChainEditor';
import { FormFields, formPayload, type FormKind, type FormValues } from './FormFields';
import { linkReplyTo, useReplyPrefill } from '../../incoming/replyPrefill';
import { RecipientsEditor, recipientKey, type RecipientDraft } from './RecipientsEditor';

const SIFAT: Sifat[] = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'];
const URGENSI: Urgensi[] = ['biasa', 'segera', 'sangat_segera'];

interface Meta {
  hal: string;
  sifat: Sifat;
  urgensi: Urgensi;
  classificationCode: string | null;
  lampiran: string;
}

interface Routing {
  signerId: string | null;
  onBehalfOfId: string | null;
  verifiers: string[];
  visibility: 'visible' | 'invisible';
}

/** What the registration refused, mapped onto the fields of this page. */
function errorsOf(err: unknown): Record<string, string> {
  const out = fieldErrorsOf(err, {
    DOCUMENT_NUMBER_REQUIRED: 'numberEntryId',
    NUMBER_ENTRY_USED: 'numberEntryId',
    NUMBER_ENTRY_CANCELLED: 'numberEntryId',
    NUMBER_ENTRY_OTHER_UNIT: 'numberEntryId',
    NUMBER_ENTRY_NOT_FOUND: 'numberEntryId',
    DOCUMENT_CHAIN_INVALID: 'chain',
    DOCUMENT_SIGNER_INVALID: 'signer',
    CLASSIFICATION_UNKNOWN: 'classificationCode',
    CLASSIFICATION_INACTIVE: 'classificationCode',
    CLASSIFICATION_CODE_INVALID: 'classificationCode',
    DOCUMENT_LETTERHEAD_NOT_ALLOWED: 'letterheadId',
    TEMPLATE_MISSING_FIELDS: 'form',
    DOCUMENT_NO_RECIPIENT: 'recipients',
  });
  // FORM_INVALID lists the form's fields by name ("hari_tanggal").
  if (isApiError(err, 'FORM_INVALID')) {
    const fields = err.details.fields;
    if (Array.isArray(fields)) for (const f of fields as Array<{ path: string; message: string }>) out[f.path] ??= f.message;
  }
  return out;
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card data-testid={testId}>
      <Stack gap="md">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function MetaFields({ value, onChange, errors }: { value: Meta; onChange: (m: Meta) => void; errors: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <TextInput label={t('compose.hal')} size="sm" required value={value.hal} onChange={(e) => onChange({ ...value, hal: e.currentTarget.value })} error={errors.hal} data-testid="hal" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select label={t('compose.sifat')} data={SIFAT.map((s) => ({ value: s, label: t(`sifat.${s}`) }))} value={value.sifat} onChange={(v) => v && onChange({ ...value, sifat: v as Sifat })} allowDeselect={false} comboboxProps={{ withinPortal: true }} />
        <Select label={t('compose.urgensi')} data={URGENSI.map((s) => ({ value: s, label: t(`urgensi.${s}`) }))} value={value.urgensi} onChange={(v) => v && onChange({ ...value, urgensi: v as Urgensi })} allowDeselect={false} comboboxProps={{ withinPortal: true }} data-testid="urgensi" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <ClassificationSelect required value={value.classificationCode} onChange={(c) => onChange({ ...value, classificationCode: c })} error={errors.classificationCode} />
        <TextInput label={t('compose.lampiran')} description={t('compose.lampiranHint')} inputWrapperOrder={['label', 'input', 'description', 'error']} size="sm" placeholder="-" value={value.lampiran} onChange={(e) => onChange({ ...value, lampiran: e.currentTarget.value })} error={errors.lampiran} />
      </SimpleGrid>
    </Stack>
  );
}

function RoutingFields({ value, onChange, errors, drafterPositionId }: { value: Routing; onChange: (r: Routing) => void; errors: Record<string, string>; drafterPositionId: string | undefined }) {
  const { t } = useTranslation();
  const all = useAllPositions();
  const byId = new Map<string, PositionWithUnit>((all.data ?? []).map((p) => [p.id, p]));
  const [suggesting, setSuggesting] = useState(false);

  const pickSigner = async (id: string | null) => {
    onChange({ ...value, signerId: id, verifiers: cleanChain(value.verifiers, id, value.onBehalfOfId) });
    if (!id) return;
    setSuggesting(true);
    try {
      const s = await unwrap(api.GET('/api/v1/workflow/suggest-chain', { params: { query: { signerPositionId: id, drafterPositionId } } }));
      onChange({ ...value, signerId: id, verifiers: cleanChain(s.verifierPositionIds, id, value.onBehalfOfId) });
    } finally {
      setSuggesting(false);
    }
  };

  return (
    <Stack gap="md">
      <div>
        <PositionSelect label={t('compose.signer')} required value={value.signerId} onChange={(id) => void pickSigner(id)} error={errors.signer ?? errors.signerPositionId} testId="signer" description={t('compose.signerHint')} />
        <HolderLine position={value.signerId ? byId.get(value.signerId) : undefined} />
      </div>
      <div>
        <PositionSelect
          label={t('compose.onBehalfOf')}
          description={t('compose.onBehalfOfHint')}
          value={value.onBehalfOfId}
          onChange={(id) => onChange({ ...value, onBehalfOfId: id, verifiers: cleanChain(value.verifiers, value.signerId, id) })}
          exclude={value.signerId ? [value.signerId] : []}
          testId="on-behalf-of"
        />
      </div>
      {suggesting ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('compose.suggesting')}
          </Text>
        </Group>
      ) : null}
      <ChainEditor verifiers={value.verifiers} onChange={(verifiers) => onChange({ ...value, verifiers })} signerId={value.signerId} onBehalfOfId={value.onBehalfOfId} error={errors.chain ?? errors.verifierPositionIds} />
      <Radio.Group label={t('compose.visibility')} value={value.visibility} onChange={(v) => onChange({ ...value, visibility: v as Routing['visibility'] })} description={t(`compose.visibilityHint.${value.visibility}`)} inputWrapperOrder={['label', 'input', 'description']}>
        <Group gap="lg" mt={6} mb={4}>
          <Radio value="visible" label={t('compose.visible')} />
          <Radio value="invisible" label={t('compose.invisible')} />
        </Group>
      </Radio.Group>
    </Stack>
  );
}

function toRecipientBody(list: RecipientDraft[]): RegisterBody['recipients'] {
  return list.map((r) => ({
    role: r.role,
    kind: r.kind,
    positionId: r.positionId ?? null,
    unitId: r.unitId ?? null,
    groupId: r.groupId ?? null,
    externalName: r.externalName ?? null,
    externalAddress: r.externalAddress ?? null,
    externalEmail: r.externalEmail ?? null,
  }));
}

export function ComposePage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const navigate = useNavigate();
  const invalidate = useInvalidateDocuments();
  const [drafterPositionId, setDrafterPositionId] = useState<string | undefined>(me.positions[0]?.positionId);
  const drafterPos = me.positions.find((p) => p.positionId === drafterPositionId);
  const types = useDocumentTypes();
  const letterheads = useLetterheads(drafterPos?.unitId);
  const units = useUnits();
  const issuingUnitId = drafterPos && units.data ? (defaultIssuingUnitId(units.data, drafterPos.unitId) ?? undefined) : undefined;
  const issuingUnit = units.data?.find((u) => u.id === issuingUnitId);
  const settings = useNumberingSettings(issuingUnitId);

  const [typeId, setTypeId] = useState<string | null>(null);
  const [letterheadId, setLetterheadId] = useState<string | null>(null);
  const [paper, setPaper] = useState<'A4' | 'F4'>('A4');
  const [draftKind, setDraftKind] = useState<DraftKind>('docx');
  const [file, setFile] = useState<File | null>(null);
  const [form, setForm] = useState<FormValues>({});
  const [meta, setMeta] = useState<Meta>({ hal: '', sifat: 'biasa', urgensi: 'biasa', classificationCode: null, lampiran: '' });
  const [recipients, setRecipients] = useState<RecipientDraft[]>([]);
  const [routing, setRouting] = useState<Routing>({ signerId: null, onBehalfOfId: null, verifiers: [], visibility: 'visible' });
  const [numberEntryId, setNumberEntryId] = useState<string | null>(null);
  const [numberRequired, setNumberRequired] = useState(false);
  const [attachments, setAttachments] = useState<File[]>([]);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const replyTo = useReplyPrefill(setMeta, setRecipients);

  const type = types.data?.find((x) => x.id === typeId);
  const formKind = (type?.formKind ?? null) as FormKind | null;
  const beforeDrafting = numberRequired || settings.data?.effective.mode === 'before_drafting';
  const reserved = useReservedNumbers(beforeDrafting ? issuingUnitId : undefined);

  // The KOP list depends on the drafter's unit: choose the only one, or keep the choice if it is still offered.
  useEffect(() => {
    const list = letterheads.data ?? [];
    if (letterheadId && !list.some((l) => l.id === letterheadId)) setLetterheadId(null);
    else if (!letterheadId && list.length === 1) setLetterheadId(list[0]!.id);
  }, [letterheads.data, letterheadId]);

  // A type without a form cannot be drafted with one.
  useEffect(() => {
    if (draftKind === 'form' && type && !type.formKind) setDraftKind('docx');
  }, [type, draftKind]);

  const register = useMutation({
    meta: { inlineErrors: true },
    mutationFn: async () => {
      const body: RegisterBody = {
        documentTypeId: typeId!,
        letterheadId: draftKind === 'pdf' ? (letterheadId ?? null) : letterheadId,
        paper,
        drafterPositionId: drafterPositionId ?? null,
        draftKind,
        hal: meta.hal,
        sifat: meta.sifat,
        urgensi: meta.urgensi,
        classificationCode: meta.classificationCode ?? '',
        lampiran: meta.lampiran,
        recipients: toRecipientBody(recipients),
        verifierPositionIds: routing.verifiers,
        signerPositionId: routing.signerId!,
        onBehalfOfPositionId: routing.onBehalfOfId,
        signatureVisibility: routing.visibility,
        numberEntryId: beforeDrafting ? numberEntryId : null,
        ...(draftKind === 'form' && formKind ? { form: formPayload(formKind, form) } : {}),
      };
      const { id } = await unwrap(api.POST('/api/v1/documents', { body }));
      if (replyTo) await linkReplyTo(replyTo, id).catch(() => {});
      // The document exists from here on; later failures are shown on its page.
      const problems: Array<{ name: string; message: string }> = [];
      let uploadError: string | null = null;
      // Each upload answers with the document's new version: no refetch between them (the
      // reply link above may have moved it, so the first version is read once).
      let version = (await fetchDocument(id)).version;
      if (draftKind !== 'form' && file) {
        try {
          version = (await uploadVersion(id, version, file)).version;
        } catch (e) {
          uploadError = e instanceof Error ? e.message : String(e);
        }
      }
      for (const a of attachments) {
        try {
          version = (await uploadAttachment(id, version, a)).version;
        } catch (e) {
          problems.push({ name: a.name, message: e instanceof Error ? e.message : String(e) });
        }
      }
      return { id, problems, uploadError };
    },
    onSuccess: ({ id, problems, uploadError }) => {
      invalidate();
      notifySuccess(t('compose.registered'));
      void navigate(`/naskah/${id}`, { state: { attachmentProblems: problems, uploadError } });
    },
    onError: (err) => {
      if (isApiError(err, 'DOCUMENT_NUMBER_REQUIRED')) setNumberRequired(true);
    },
  });

  const errors = { ...errorsOf(register.error), ...localErrors };
  const generalError = register.error && !Object.keys(errorsOf(register.error)).length ? register.error : null;

  const submit = () => {
    const e: Record<string, string> = {};
    if (!typeId) e.documentTypeId = t('compose.required.type');
    if (draftKind !== 'pdf' && !letterheadId) e.letterheadId = t('compose.required.letterhead');
    if (draftKind !== 'form' && !file) e.file = t(draftKind === 'pdf' ? 'compose.required.pdf' : 'compose.required.docx');
    if (meta.hal.trim().length < 3) e.hal = t('compose.required.hal');
    if (!meta.classificationCode) e.classificationCode = t('compose.required.classification');
    if (!recipients.some((r) => r.role === 'to')) e.recipients = t('compose.required.recipient');
    if (!routing.signerId) e.signer = t('compose.required.signer');
    if (beforeDrafting && !numberEntryId) e.numberEntryId = t('compose.required.number');
    setLocalErrors(e);
    if (Object.keys(e).length) return;
    register.mutate();
  };

  if (!me.positions.length) {
    return (
      <Alert color="orange" icon={<IconAlertTriangle />}>
        {t('compose.noDrafterPosition')}
      </Alert>
    );
  }

  const kindOptions = [
    { value: 'docx', label: t('compose.draftKind.docx') },
    ...(formKind ? [{ value: 'form', label: t('compose.draftKind.form') }] : []),
    { value: 'pdf', label: t('compose.draftKind.pdf') },
  ];

  return (
    <Stack gap="lg" pb={80}>
      <div>
        <Anchor component={Link} to="/konsep" size="sm">
          ← {t('nav.drafts')}
        </Anchor>
        <Title order={1} size="h2">
          {t('compose.title')}
        </Title>
      </div>

      <Section title={t('compose.step1')} testId="compose-type">
        {me.positions.length > 1 ? (
          <Select
            label={t('compose.asPosition')}
            data={me.positions.map((p) => ({ value: p.positionId, label: `${positionTitle(p.kind, p.positionName)} · ${p.unitName}` }))}
            value={drafterPositionId ?? null}
            onChange={(v) => v && setDrafterPositionId(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('compose.type')}
            required
            searchable
            data={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={typeId}
            onChange={(v) => {
              setTypeId(v);
              const nt = types.data?.find((x) => x.id === v);
              if (nt?.defaultClassificationCode && !meta.classificationCode) setMeta((m) => ({ ...m, classificationCode: nt.defaultClassificationCode }));
            }}
            error={errors.documentTypeId}
            comboboxProps={{ withinPortal: true }}
            data-testid="doc-type"
          />
          <Select
            label={t('compose.letterhead')}
            required={draftKind !== 'pdf'}
            description={t('compose.letterheadHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            data={(letterheads.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
            value={letterheadId}
            onChange={setLetterheadId}
            error={errors.letterheadId}
            comboboxProps={{ withinPortal: true }}
            data-testid="letterhead"
          />
        </SimpleGrid>
        <Group gap="md" align="flex-end" wrap="wrap">
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('compose.paper')}
            </Text>
            <SegmentedControl value={paper} onChange={(v) => setPaper(v as 'A4' | 'F4')} data={['A4', 'F4']} />
          </div>
          {typeId && letterheadId ? (
            <Button component="a" href={templateUrl(typeId, letterheadId, paper)} download variant="light" leftSection={<IconDownload size={18} />} data-testid="download-template">
              {t('compose.downloadTemplate')}
            </Button>
          ) : (
            // A real disabled button until type and KOP are chosen (a link cannot be disabled).
            <Button variant="light" leftSection={<IconDownload size={18} />} disabled data-testid="download-template">
              {t('compose.downloadTemplate')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('compose.templateHint')}
        </Text>
      </Section>

      <Section title={t('compose.step2')} testId="compose-draft">
        <SegmentedControl value={draftKind} onChange={(v) => setDraftKind(v as DraftKind)} data={kindOptions} fullWidth data-testid="draft-kind" />
        {draftKind === 'form' && formKind ? (
          <FormFields kind={formKind} value={form} onChange={setForm} errors={errors} />
        ) : (
          <FileInput
            label={t(draftKind === 'pdf' ? 'compose.pdfFile' : 'compose.docxFile')}
            description={t(draftKind === 'pdf' ? 'compose.pdfFileHint' : 'compose.docxFileHint')}
            required
            clearable
            accept={draftKind === 'pdf' ? 'application/pdf,.pdf' : '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document'}
            leftSection={draftKind === 'pdf' ? <IconFileTypePdf size={18} /> : <IconFileTypeDocx size={18} />}
            value={file}
            onChange={setFile}
            error={errors.file}
            placeholder={t('compose.chooseFile')}
            data-testid="draft-file"
          />
        )}
        {draftKind === 'form' ? (
          <Group gap={6}>
            <IconForms size={16} />
            <Text size="xs" c="dimmed">
              {t('compose.formHint')}
            </Text>
          </Group>
        ) : null}
        {errors.form ? (
          <Text c="red" size="sm">
            {errors.form}
          </Text>
        ) : null}
      </Section>

      {beforeDrafting ? (
        <Section title={t('compose.numberTitle')} testId="compose-number">
          <Text size="sm">{t('compose.numberExplain', { unit: issuingUnit?.name ?? '' })}</Text>
          <Select
            label={t('compose.reservedNumber')}
            required
            data={(reserved.data ?? []).map((e) => ({ value: e.id, label: `${e.number} · ${e.hal}` }))}
            value={numberEntryId}
            onChange={(v) => {
              setNumberEntryId(v);
              const e = reserved.data?.find((x) => x.id === v);
              if (e) setMeta((m) => ({ ...m, hal: m.hal || e.hal, classificationCode: e.classificationCode }));
            }}
            nothingFoundMessage={t('compose.noReserved')}
            placeholder={reserved.data?.length ? t('compose.pickNumber') : t('compose.noReserved')}
            error={errors.numberEntryId}
            comboboxProps={{ withinPortal: true }}
            data-testid="reserved-number"
          />
        </Section>
      ) : null}

      <Section title={t('compose.step3')} testId="compose-meta">
        <MetaFields value={meta} onChange={setMeta} errors={errors} />
      </Section>

      <RecipientsEditor value={recipients} onChange={setRecipients} errors={errors} />

      <Section title={t('compose.step4')} testId="compose-routing">
        <RoutingFields value={routing} onChange={setRouting} errors={errors} drafterPositionId={drafterPositionId} />
      </Section>

      <Section title={t('compose.attachments')} testId="compose-attachments">
        <FileInput
          label={t('compose.attachmentFiles')}
          description={t('compose.attachmentHint')}
          multiple
          clearable
          accept="application/pdf,.pdf"
          leftSection={<IconPaperclip size={18} />}
          value={attachments}
          onChange={setAttachments}
          placeholder={t('compose.chooseFiles')}
          data-testid="attachment-files"
        />
      </Section>

      {generalError ? (
        <Alert color="red" icon={<IconAlertTriangle />} data-testid="compose-error">
          {generalError.message}
        </Alert>
      ) : null}
      {Object.keys(errors).length && !generalError ? (
        <Alert color="red" icon={<IconAlertTriangle />} data-testid="compose-error">
          {t('compose.fixErrors')}
        </Alert>
      ) : null}

      <Group justify="flex-end" gap="sm" className="form-actions">
        <Button variant="default" component={Link} to="/konsep">
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} loading={register.isPending} data-testid="register">
          {t('compose.register')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Ubah data konsep: metadata, recipients, chain and signer of a draft or returned document. */
export function EditDraftPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const doc = useDocument(id);
  if (doc.isPending) return <Loader />;
  if (!doc.data) return null;
  return <EditDraftForm key={doc.data.id} doc={doc.data} />;
}

function recipientsFrom(d: DocumentDetail): RecipientDraft[] {
  return d.recipients.map((r) => {
    const draft: RecipientDraft = {
      key: '',
      role: r.role,
      kind: r.kind,
      positionId: r.positionId,
      unitId: r.unitId,
      groupId: r.groupId,
      externalName: r.externalName,
      externalAddress: r.externalAddress,
      externalEmail: r.externalEmail,
      label: r.label,
      sub: r.kind === 'external' ? [r.externalAddress, r.externalEmail].filter(Boolean).join(' · ') : undefined,
    };
    draft.key = recipientKey(draft);
    return draft;
  });
}

function EditDraftForm({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateDocuments();
  const initial = useMemo(
    () => ({
      meta: { hal: doc.hal, sifat: doc.sifat, urgensi: doc.urgensi, classificationCode: doc.classificationCode, lampiran: doc.lampiran === '-' ? '' : doc.lampiran },
      recipients: recipientsFrom(doc),
      routing: {
        signerId: doc.signerPosition.id,
        onBehalfOfId: doc.onBehalfOfPosition?.id ?? null,
        verifiers: doc.steps.filter((s) => s.kind === 'verify').map((s) => s.positionId),
        visibility: doc.signatureVisibility,
      } satisfies Routing,
    }),
    [doc],
  );
  const [meta, setMeta] = useState<Meta>(initial.meta);
  const [recipients, setRecipients] = useState<RecipientDraft[]>(initial.recipients);
  const [routing, setRouting] = useState<Routing>(initial.routing);
  // A form draft is revised by editing its form: the server renders a new version.
  const formKind = doc.draftKind === 'form' ? (doc.type.formKind as FormKind | null) : null;
  const initialForm = useMemo<FormValues>(
    () => Object.fromEntries(Object.entries(doc.formData ?? {}).filter(([k, v]) => k !== 'kind' && typeof v === 'string')) as FormValues,
    [doc],
  );
  const [form, setForm] = useState<FormValues>(initialForm);
  const formChanged = formKind !== null && JSON.stringify(formPayload(formKind, form)) !== JSON.stringify(formPayload(formKind, initialForm));

  const save = useMutation({
    meta: { inlineErrors: true },
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/documents/{id}', {
          params: { path: { id: doc.id } },
          body: {
            version: doc.version,
            hal: meta.hal,
            sifat: meta.sifat,
            urgensi: meta.urgensi,
            classificationCode: meta.classificationCode ?? '',
            lampiran: meta.lampiran,
            recipients: toRecipientBody(recipients),
            verifierPositionIds: routing.verifiers,
            signerPositionId: routing.signerId ?? undefined,
            onBehalfOfPositionId: routing.onBehalfOfId,
            signatureVisibility: routing.visibility,
            ...(formKind && formChanged ? { form: formPayload(formKind, form) } : {}),
          },
        }),
      ),
    onSuccess: () => {
      invalidate();
      notifySuccess(t('compose.saved'));
      void navigate(`/naskah/${doc.id}`);
    },
  });
  const errors = errorsOf(save.error);
  const generalError = save.error && !Object.keys(errors).length ? save.error : null;

  return (
    <Stack gap="lg" pb={80}>
      <div>
        <Anchor component={Link} to={`/naskah/${doc.id}`} size="sm">
          ← {doc.hal}
        </Anchor>
        <Title order={1} size="h2">
          {t('compose.editTitle')}
        </Title>
      </div>
      <Section title={t('compose.step3')}>
        <MetaFields value={meta} onChange={setMeta} errors={errors} />
      </Section>
      {formKind ? (
        <Section title={t('compose.draftKind.form')}>
          <FormFields kind={formKind} value={form} onChange={setForm} errors={errors} />
        </Section>
      ) : null}
      <RecipientsEditor value={recipients} onChange={setRecipients} errors={errors} />
      <Section title={t('compose.step4')}>
        <RoutingFields value={routing} onChange={setRouting} errors={errors} drafterPositionId={undefined} />
      </Section>
      {generalError ? (
        <Alert color="red" icon={<IconAlertTriangle />} data-testid="compose-error">
          {generalError.message}
        </Alert>
      ) : null}
      <Group justify="flex-end" gap="sm" className="form-actions">
        <Button variant="default" component={Link} to={`/naskah/${doc.id}`}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="save-draft">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
