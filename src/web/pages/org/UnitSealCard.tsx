// The unit's office seal (cap dinas) for administrators: see it, upload or replace it, remove it.
// Letters the unit (or a subunit without its own seal) issues carry it beside the TTE stamp.
import { useRef } from 'react';
import { Button, Card, FileButton, Group, Image, Stack, Text, Title } from '@mantine/core';
import { IconTrash, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, postForm, unwrap } from '../../api/client';
import { orgKeys, type UnitWithPositions } from '../../api/org';
import { notifyError, notifySuccess } from '../../lib/errors';
import { formatDate } from '../../lib/format';

export function UnitSealCard({ unit }: { unit: UnitWithPositions }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const reset = useRef<() => void>(null);
  const seal = unit.seal;
  const refresh = () => void qc.invalidateQueries({ queryKey: orgKeys.unit(unit.id) });
  const upload = useMutation({
    mutationFn: (file: File) => postForm(`/api/v1/org/units/${unit.id}/seal`, {}, { blob: file, name: file.name }, undefined, 'PUT'),
    onSuccess: () => {
      refresh();
      notifySuccess(t('org.seal.saved'));
    },
    onError: notifyError,
    onSettled: () => reset.current?.(),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/org/units/{id}/seal', { params: { path: { id: unit.id } } })),
    onSuccess: () => {
      refresh();
      notifySuccess(t('org.seal.removed'));
    },
    onError: notifyError,
  });

  return (
    <Card data-testid="unit-seal">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={3} size="h5">
            {t('org.seal.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('org.seal.help')}
          </Text>
          {seal ? (
            <Text size="xs" c="dimmed">
              {t('org.seal.info', { width: seal.width, height: seal.height, date: formatDate(seal.updatedAt) })}
            </Text>
          ) : (
            <Text size="sm">{t('org.seal.none')}</Text>
          )}
        </Stack>
        {seal ? <Image src={`/api/v1/org/units/${unit.id}/seal?v=${encodeURIComponent(String(seal.updatedAt))}`} alt={t('org.seal.title')} w={96} h={96} fit="contain" style={{ flexShrink: 0 }} /> : null}
      </Group>
      <Group mt="sm" gap="xs">
        <FileButton resetRef={reset} accept="image/png,image/jpeg" onChange={(f) => f && upload.mutate(f)}>
          {(props) => (
            <Button {...props} size="sm" variant="light" leftSection={<IconUpload size={16} />} loading={upload.isPending}>
              {seal ? t('org.seal.replace') : t('org.seal.upload')}
            </Button>
          )}
        </FileButton>
        {seal ? (
          <Button size="sm" variant="subtle" color="red" leftSection={<IconTrash size={16} />} loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('org.seal.remove')}
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}
