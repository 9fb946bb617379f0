// The chain as a vertical stepper: drafter, each verifier (paraf) and the signer (TTE) with who
// holds the position (Plt./Plh.), who acted and when, and the time taken against the SOP's
// standard (red when over).
import { Badge, Card, Group, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { IconCheck, IconClock, IconPencil, IconSend, IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DocumentDetail } from '../../../api/documents';
import { formatMinutes } from '../../../lib/documents';
import { formatDateTime, holderPrefix } from '../../../lib/format';

type Timing = DocumentDetail['timings'][number];

function TimingLine({ timing }: { timing: Timing | undefined }) {
  const { t } = useTranslation();
  if (!timing || (timing.elapsedMinutes === null && timing.standardMinutes === null)) return null;
  const units = { m: t('time.min'), h: t('time.hour'), d: t('time.day') };
  return (
    <Group gap={6} wrap="wrap">
      <IconClock size={14} color={timing.overdue ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-gray-6)'} />
      <Text size="xs" c={timing.overdue ? 'red.7' : 'dimmed'} fw={timing.overdue ? 700 : 400} data-testid="timing" data-overdue={timing.overdue || undefined}>
        {[
          timing.elapsedMinutes !== null ? t(timing.completedAt ? 'doc.chain.took' : 'doc.chain.running', { time: formatMinutes(timing.elapsedMinutes, units) }) : null,
          timing.standardMinutes !== null ? t('doc.chain.standard', { time: formatMinutes(timing.standardMinutes, units) }) : null,
          timing.overdue ? t('doc.chain.overdue') : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Group>
  );
}

export function ChainStepper({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation();
  const timing = (label: Timing['label'], stepOrder: number | null) => doc.timings.find((x) => x.label === label && (stepOrder === null || x.stepOrder === stepOrder));
  const done = (s: DocumentDetail['steps'][number]) => s.status === 'approved' || s.status === 'signed';
  const submitted = doc.status !== 'draft' && doc.status !== 'cancelled';
  const lastDone = doc.steps.filter(done).length;
  const active = submitted ? lastDone + (doc.status === 'signed' || doc.status === 'delivered' ? 1 : 0) : 0;
  const sent = doc.status === 'delivered' || doc.dispatches.some((d) => d.status === 'sent');

  return (
    <Card data-testid="chain-stepper">
      <Title order={2} size="h4" mb="md">
        {t('doc.chain.title')}
      </Title>
      <Timeline active={active} bulletSize={28} lineWidth={2}>
        <Timeline.Item
          bullet={
            <ThemeIcon size={28} radius="xl" variant={submitted ? 'filled' : 'light'}>
              <IconPencil size={16} />
            </ThemeIcon>
          }
          title={
            <Group gap={6}>
              <Text fw={600} size="sm">
                {t('doc.chain.drafter')}
              </Text>
              {doc.status === 'returned' ? (
                <Badge size="xs" color="orange">
                  {t('status.returned')}
                </Badge>
              ) : null}
            </Group>
          }
        >
          <Text size="sm">
            {doc.drafter.name}
            {doc.drafter.positionName ? ` · ${doc.drafter.positionName}` : ''}
          </Text>
          <TimingLine timing={timing('draft', null)} />
        </Timeline.Item>
        {doc.steps.map((s) => {
          const current = s.status === 'current' && (doc.status === 'in_verification' || doc.status === 'awaiting_signature');
          const Icon = s.kind === 'sign' ? IconSignature : done(s) ? IconCheck : null;
          return (
            <Timeline.Item
              key={s.order}
              data-testid="chain-item"
              data-status={s.status}
              bullet={
                <ThemeIcon size={28} radius="xl" color={current ? 'orange' : s.kind === 'sign' ? 'red' : 'pemda'} variant={done(s) || current ? 'filled' : 'light'}>
                  {Icon ? <Icon size={16} /> : <Text size="xs" fw={700}>{s.order}</Text>}
                </ThemeIcon>
              }
              title={
                <Group gap={6} wrap="wrap">
                  <Text fw={600} size="sm">
                    {s.positionName}
                  </Text>
                  <Badge size="xs" variant="outline" color={s.kind === 'sign' ? 'red' : 'gray'}>
                    {t(`doc.chain.kind.${s.kind}`)}
                  </Badge>
                  <Badge size="xs" variant="light" color={current ? 'orange' : done(s) ? 'teal' : 'gray'}>
                    {current ? t('doc.chain.current') : t(`doc.chain.status.${s.status}`)}
                  </Badge>
                </Group>
              }
            >
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  {s.unitName}
                </Text>
                <Text size="sm" data-testid="step-holders">
                  {s.holders.length ? s.holders.map((h) => [holderPrefix(h.kind), h.name].filter(Boolean).join(' ')).join(' · ') : t('compose.vacant')}
                </Text>
                {s.actedBy ? (
                  <Text size="xs" data-testid="step-acted">
                    {t(s.kind === 'sign' ? 'doc.chain.signedBy' : 'doc.chain.approvedBy', {
                      name: [s.actedBy.as && s.actedBy.as !== 'definitif' ? holderPrefix(s.actedBy.as) : '', s.actedBy.name].filter(Boolean).join(' '),
                      time: formatDateTime(s.completedAt),
                    })}
                  </Text>
                ) : null}
                {s.note ? (
                  <Text size="xs" fs="italic">
                    “{s.note}”
                  </Text>
                ) : null}
                <TimingLine timing={timing(s.kind, s.order)} />
              </Stack>
            </Timeline.Item>
          );
        })}
        {doc.status === 'signed' || doc.status === 'delivered' ? (
          <Timeline.Item
            bullet={
              <ThemeIcon size={28} radius="xl" color="green" variant={sent ? 'filled' : 'light'}>
                <IconSend size={16} />
              </ThemeIcon>
            }
            title={
              <Text fw={600} size="sm">
                {t('doc.chain.send')}
              </Text>
            }
          >
            <Text size="sm">{t(doc.status === 'delivered' ? 'doc.chain.delivered' : 'doc.chain.notDelivered')}</Text>
            <TimingLine timing={timing('send', null)} />
          </Timeline.Item>
        ) : null}
      </Timeline>
    </Card>
  );
}
