// A section that exists in the navigation but whose page is built in a later issue.
import { Button, Card, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconHourglassHigh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Section } from '../sectionTypes';

export function ComingSoonPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  const Icon = section.icon;
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t(`nav.${section.key}`)}
      </Title>
      <Card p="xl">
        <Center>
          <Stack align="center" gap="sm" maw={520} ta="center">
            <ThemeIcon size={64} radius="xl" variant="light">
              <Icon size={34} stroke={1.5} />
            </ThemeIcon>
            <Title order={2} size="h4" data-testid="coming-soon">
              <IconHourglassHigh size={18} style={{ verticalAlign: -2, marginRight: 6 }} />
              {t('soon.title')}
            </Title>
            <Text c="dimmed">{t(`soon.${section.key}`)}</Text>
            <Button component={Link} to="/" variant="light" mt="sm">
              {t('soon.backHome')}
            </Button>
          </Stack>
        </Center>
      </Card>
    </Stack>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Card p="xl">
      <Stack align="center" ta="center" gap="sm">
        <Title order={1} size="h3">
          {t('notFound.title')}
        </Title>
        <Text c="dimmed">{t('notFound.text')}</Text>
        <Button component={Link} to="/" variant="light">
          {t('soon.backHome')}
        </Button>
      </Stack>
    </Card>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Card p="xl">
      <Stack align="center" ta="center" gap="sm">
        <Title order={1} size="h3">
          {t('forbidden.title')}
        </Title>
        <Text c="dimmed">{t('forbidden.text')}</Text>
        <Button component={Link} to="/" variant="light">
          {t('soon.backHome')}
        </Button>
      </Stack>
    </Card>
  );
}
