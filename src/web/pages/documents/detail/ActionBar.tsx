// The buttons the server says this user may press now (me.actions), each with its dialog:
// Kirim, Setujui (optional note), Perbaiki & Setujui (upload the edited .docx), Kembalikan
// (reason required; to the drafter or an earlier verifier), Tandatangani (TTE passphrase),
// Batalkan (reason). On a phone the bar sits at the bottom, above the navigation, in thumb reach.
import { useState } from 'react';
import { ActionIcon, Alert, Anchor, Button, FileInput, Group, Menu, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowBackUp, IconCheck, IconDots, IconEdit, IconFileTypeDocx, IconPencil, IconSend, IconSignature, IconX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { editAndApprove, fileUrl, useDocumentAction, useInvalidateDocuments, type DocumentAction, type DocumentDetail } from '../../../api/documents';
import { PassphraseDialog } from '../../../components/PassphraseDialog';
import { orderActions, returnTargets } from '../../../lib/documents';
import { notifySuccess } from '../../../lib/errors';

type Dialog = DocumentAction | 'edit' | null;

const ICONS = {
  submit: IconSend,
  approve: IconCheck,
  edit_and_approve: IconPencil,
  return: IconArrowBackUp,
  sign: IconSignature,
  cancel: IconX,
  deliver: IconSend,
} as const;

const COLORS: Partial<Record<DocumentAction, string>> = { return: 'orange', cancel: 'red', sign: 'red' };

export function ActionBar({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const [dialog, setDialog] = useState<Dialog>(null);
  const actions = orderActions(doc.me.actions.filter((a) => a !== 'deliver'));
  if (!actions.length && !doc.me.canEdit) return null;

  const primary = actions.at(-1);
  // On a phone: the forward action big on the right, "Kembalikan" beside it, the rest in a menu.
  const inBar = phone ? actions.filter((a) => a === primary || a === 'return') : actions;
  const inMenu = phone ? actions.filter((a) => !inBar.includes(a)) : [];
  const close = () => setDialog(null);

  const button = (a: DocumentAction) => {
    const Icon = ICONS[a];
    const isPrimary = a === primary && a !== 'cancel';
    return (
      <Button
        key={a}
        onClick={() => setDialog(a)}
        color={COLORS[a]}
        variant={isPrimary ? 'filled' : 'light'}
        leftSection={<Icon size={18} />}
        size={phone ? 'md' : 'sm'}
        fullWidth={!phone}
        style={phone ? { flex: '1 1 auto', paddingInline: 12 } : undefined}
        data-testid={`action-${a}`}
      >
        {t(`doc.actions.${a}`)}
      </Button>
    );
  };

  return (
    <>
      <div className={phone ? 'doc-actions doc-actions-phone' : 'doc-actions'} data-testid="action-bar">
        {phone ? (
          <Group gap="xs" wrap="nowrap">
            {inMenu.length || doc.me.canEdit ? (
              <Menu position="top-start" withinPortal>
                <Menu.Target>
                  <ActionIcon size={42} variant="default" aria-label={t('doc.actions.more')}>
                    <IconDots size={20} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  {doc.me.canEdit ? (
                    <Menu.Item component={Link} to={`/konsep/${doc.id}/ubah`} leftSection={<IconEdit size={16} />}>
                      {t('doc.actions.edit')}
                    </Menu.Item>
                  ) : null}
                  {inMenu.map((a) => {
                    const Icon = ICONS[a];
                    return (
                      <Menu.Item key={a} color={COLORS[a]} leftSection={<Icon size={16} />} onClick={() => setDialog(a)}>
                        {t(`doc.actions.${a}`)}
                      </Menu.Item>
                    );
                  })}
                </Menu.Dropdown>
              </Menu>
            ) : null}
            {inBar.map(button)}
          </Group>
        ) : (
          <Stack gap="xs">
            {[...actions].reverse().map(button)}
            {doc.me.canEdit ? (
              <Button component={Link} to={`/konsep/${doc.id}/ubah`} variant="default" leftSection={<IconEdit size={18} />} size="sm" fullWidth data-testid="action-edit">
                {t('doc.actions.edit')}
              </Button>
            ) : null}
          </Stack>
        )}
      </div>

      <SimpleActionDialog doc={doc} action={dialog === 'submit' || dialog === 'approve' ? dialog : null} onClose={close} />
      <ReasonDialog doc={doc} action={dialog === 'return' || dialog === 'cancel' ? dialog : null} onClose={close} />
      <EditApproveDialog doc={doc} opened={dialog === 'edit_and_approve'} onClose={close} />
      <SignDialog doc={doc} opened={dialog === 'sign'} onClose={close} />
    </>
  );
}

/** Kirim / Setujui: who gets it next, and an optional note. */
function SimpleActionDialog({ doc, action, onClose }: { doc: DocumentDetail; action: 'submit' | 'approve' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const act = useDocumentAction(doc.id);
  const nextOrder = action === 'submit' ? 1 : (doc.currentStepOrder ?? 0) + 1;
  const next = doc.steps.find((s) => s.order === nextOrder);
  const run = () =>
    act.mutate(
      { action: action!, version: doc.version, note: note.trim() || null },
      {
        onSuccess: () => {
          notifySuccess(t(`doc.done.${action!}`, { to: next?.positionName ?? '' }));
          setNote('');
          onClose();
        },
        // The notification says why; what to fix is on the page (marks, PDF, recipients).
        onError: onClose,
      },
    );
  return (
    <Modal opened={action !== null} onClose={onClose} title={<Text fw={700}>{action ? t(`doc.actions.${action}`) : ''}</Text>} centered>
      <Stack gap="sm">
        {next ? (
          <Text size="sm">
            {t(next.kind === 'sign' ? 'doc.dialog.nextSigner' : 'doc.dialog.nextVerifier', { position: next.positionName })}
          </Text>
        ) : null}
        {action === 'submit' ? (
          <Text size="sm" c="dimmed">
            {t('doc.dialog.submitHint')}
          </Text>
        ) : null}
        <Textarea label={t('doc.dialog.note')} placeholder={t('common.optional')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} data-testid="action-note" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={run} loading={act.isPending} data-testid="confirm-action">
            {action ? t(`doc.actions.${action}`) : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Kembalikan (reason + target) and Batalkan (reason). */
function ReasonDialog({ doc, action, onClose }: { doc: DocumentDetail; action: 'return' | 'cancel' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [to, setTo] = useState<string>('drafter');
  const act = useDocumentAction(doc.id);
  const targets = returnTargets(doc.steps, doc.currentStepOrder);
  const tooShort = reason.trim().length < 3;
  const [tried, setTried] = useState(false);
  const run = () => {
    setTried(true);
    if (tooShort || !action) return;
    const body = action === 'return' ? { action, reason: reason.trim(), to: to === 'drafter' ? ('drafter' as const) : Number(to), version: doc.version } : { action, reason: reason.trim(), version: doc.version };
    act.mutate(body, {
      onSuccess: () => {
        notifySuccess(t(`doc.done.${action}`));
        setReason('');
        setTried(false);
        onClose();
      },
    });
  };
  return (
    <Modal opened={action !== null} onClose={onClose} title={<Text fw={700}>{action ? t(`doc.actions.${action}`) : ''}</Text>} centered>
      <Stack gap="sm">
        {action === 'return' && targets.length > 1 ? (
          <Radio.Group label={t('doc.dialog.returnTo')} value={to} onChange={setTo}>
            <Stack gap={6} mt={6}>
              {targets.map((x) => (
                <Radio key={String(x.to)} value={String(x.to)} label={x.to === 'drafter' ? t('doc.dialog.toDrafter', { name: doc.drafter.name }) : t('doc.dialog.toVerifier', { n: x.to, position: x.positionName })} />
              ))}
            </Stack>
          </Radio.Group>
        ) : action === 'return' ? (
          <Text size="sm">{t('doc.dialog.toDrafter', { name: doc.drafter.name })}</Text>
        ) : (
          <Text size="sm">{t('doc.dialog.cancelExplain')}</Text>
        )}
        <Textarea
          label={t(action === 'cancel' ? 'doc.dialog.cancelReason' : 'doc.dialog.returnReason')}
          required
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={tried && tooShort ? t('doc.dialog.reasonRequired') : undefined}
          data-testid="reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.back')}
          </Button>
          <Button color={action === 'cancel' ? 'red' : 'orange'} onClick={run} loading={act.isPending} data-testid="confirm-reason">
            {action ? t(`doc.actions.${action}`) : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Perbaiki & Setujui: download the current .docx, edit it, upload it back; approved in one go. */
function EditApproveDialog({ doc, opened, onClose }: { doc: DocumentDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateDocuments();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const current = doc.versions.find((v) => v.current);
  const run = useMutation({
    meta: { inlineErrors: true },
    mutationFn: () => editAndApprove(doc.id, doc.version, file!, note.trim() || undefined),
    onSuccess: () => {
      notifySuccess(t('doc.done.edit_and_approve'));
      setFile(null);
      setNote('');
      onClose();
    },
    onSettled: invalidate,
  });
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{t('doc.actions.edit_and_approve')}</Text>} centered>
      <Stack gap="sm">
        <Text size="sm">{t('doc.dialog.editExplain')}</Text>
        {current ? (
          <Anchor href={fileUrl(doc.id, current.sourceFileId, true)} size="sm" data-testid="edit-download">
            <Group gap={4}>
              <IconFileTypeDocx size={16} />
              {current.sourceName}
            </Group>
          </Anchor>
        ) : null}
        <FileInput label={t('doc.dialog.editedFile')} accept=".docx" required value={file} onChange={setFile} clearable placeholder={t('compose.chooseFile')} data-testid="edited-file" />
        <Textarea label={t('doc.dialog.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {run.error ? <Alert color="red">{run.error.message}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => run.mutate()} disabled={!file} loading={run.isPending} data-testid="confirm-edit">
            {t('doc.actions.edit_and_approve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SignDialog({ doc, opened, onClose }: { doc: DocumentDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const act = useDocumentAction(doc.id, { inlineErrors: true });
  const close = () => {
    act.reset();
    onClose();
  };
  return (
    <PassphraseDialog
      opened={opened}
      onClose={close}
      title={t('doc.actions.sign')}
      confirmLabel={t('doc.actions.sign')}
      pending={act.isPending}
      error={act.error}
      onSubmit={(passphrase) =>
        act.mutate(
          { action: 'sign', passphrase, version: doc.version },
          {
            onSuccess: (r) => {
              notifySuccess(t('doc.done.sign', { number: r.number ?? '' }));
              close();
            },
          },
        )
      }
    >
      <Text size="sm">{t('doc.dialog.signExplain', { hal: doc.hal })}</Text>
      {doc.onBehalfOfPosition ? (
        <Text size="sm" c="dimmed">
          {t('doc.dialog.onBehalfOf', { position: doc.onBehalfOfPosition.name })}
        </Text>
      ) : null}
    </PassphraseDialog>
  );
}
