// Status, sifat and urgensi of a document as small coloured badges.
import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { statusColor } from '../lib/documents';

export function StatusBadge({ status, size = 'sm' }: { status: string; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor(status)} variant="light" size={size} style={{ flexShrink: 0 }} data-testid="status-badge">
      {t(`status.${status}`)}
    </Badge>
  );
}

/** Sifat and urgensi when they are not "biasa" (nothing to say otherwise). */
export function UrgencyBadges({ sifat, urgensi }: { sifat: string; urgensi: string }) {
  const { t } = useTranslation();
  if (sifat === 'biasa' && urgensi === 'biasa') return null;
  return (
    <Group gap={4} wrap="nowrap">
      {urgensi !== 'biasa' ? (
        <Badge color={urgensi === 'sangat_segera' ? 'red' : 'orange'} variant="outline" size="xs">
          {t(`urgensi.${urgensi}`)}
        </Badge>
      ) : null}
      {sifat !== 'biasa' ? (
        <Badge color="dark" variant="outline" size="xs">
          {t(`sifat.${sifat}`)}
        </Badge>
      ) : null}
    </Group>
  );
}
