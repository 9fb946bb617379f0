// The verifier chain (paraf) in order, ending with the signer. Suggested from the position
// hierarchy when the signer is chosen; the drafter may add, remove and reorder.
import { ActionIcon, Badge, Group, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAllPositions } from '../../../api/org';
import { holdersText, PositionSelect, type PositionWithUnit } from '../../../components/PositionSelect';
import { moveItem } from '../../../lib/documents';

export function ChainEditor({ verifiers, onChange, signerId, onBehalfOfId, error }: { verifiers: string[]; onChange: (ids: string[]) => void; signerId: string | null; onBehalfOfId: string | null; error?: string | undefined }) {
  const { t } = useTranslation();
  const all = useAllPositions();
  const byId = new Map<string, PositionWithUnit>((all.data ?? []).map((p) => [p.id, p]));
  const vacant = t('compose.vacant');
  const signer = signerId ? byId.get(signerId) : undefined;

  return (
    <Stack gap="xs" data-testid="chain">
      <Text fw={600}>{t('compose.chain')}</Text>
      <Text size="xs" c="dimmed">
        {t('compose.chainHint')}
      </Text>
      {verifiers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('compose.chainEmpty')}
        </Text>
      ) : null}
      <Stack gap={4}>
        {verifiers.map((id, i) => {
          const p = byId.get(id);
          return (
            <Group key={id} gap="xs" wrap="nowrap" justify="space-between" px="sm" py={6} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }} data-testid="chain-step">
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <Badge variant="light" circle>
                  {i + 1}
                </Badge>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} truncate>
                    {p?.name ?? '…'}
                  </Text>
                  {p ? (
                    <Text size="xs" c="dimmed" truncate>
                      {holdersText(p.holders, vacant)}
                    </Text>
                  ) : null}
                </Stack>
              </Group>
              <Group gap={2} wrap="nowrap">
                <ActionIcon variant="subtle" disabled={i === 0} aria-label={t('compose.moveUp', { name: p?.name ?? '' })} onClick={() => onChange(moveItem(verifiers, i, i - 1))}>
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon variant="subtle" disabled={i === verifiers.length - 1} aria-label={t('compose.moveDown', { name: p?.name ?? '' })} onClick={() => onChange(moveItem(verifiers, i, i + 1))}>
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon variant="subtle" color="red" aria-label={t('compose.removeVerifier', { name: p?.name ?? '' })} onClick={() => onChange(verifiers.filter((x) => x !== id))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
          );
        })}
        {signer ? (
          <Group gap="xs" wrap="nowrap" px="sm" py={6} style={{ border: '1px dashed var(--mantine-color-red-3)', borderRadius: 8 }} data-testid="chain-signer">
            <Badge variant="light" color="red">
              {t('compose.signerShort')}
            </Badge>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={500} truncate>
                {signer.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {holdersText(signer.holders, vacant)}
              </Text>
            </Stack>
          </Group>
        ) : null}
      </Stack>
      <PositionSelect
        label={t('compose.addVerifier')}
        value={null}
        clearAfterPick
        exclude={[...verifiers, ...(signerId ? [signerId] : []), ...(onBehalfOfId ? [onBehalfOfId] : [])]}
        onChange={(id) => id && onChange([...verifiers, id])}
        testId="add-verifier"
      />
      {error ? (
        <Text c="red" size="sm">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
