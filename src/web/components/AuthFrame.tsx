// The calm frame around the screens before the app: login, forced password change, 2FA enrolment.
import type { ReactNode } from 'react';
import { Box, Center, Container, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

export function AuthFrame({ title, subtitle, children, width = 440, instanceName }: { title: string; subtitle?: ReactNode; children: ReactNode; width?: number; instanceName?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Box className="auth-page" py={{ base: 'md', sm: 48 }}>
      <Container size={width} px="sm">
        <Group justify="space-between" mb="lg" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={44} radius="md" variant="filled">
              <IconFileText size={26} stroke={1.6} />
            </ThemeIcon>
            <Box>
              <Text fw={700} size="lg" lh={1.2}>
                Naskah
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {instanceName ?? t('app.tagline')}
              </Text>
            </Box>
          </Group>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }}>
          <Stack gap="md">
            <div>
              <Title order={2} size="h3">
                {title}
              </Title>
              {subtitle ? (
                <Text c="dimmed" size="sm" mt={4}>
                  {subtitle}
                </Text>
              ) : null}
            </div>
            {children}
          </Stack>
        </Paper>
        <Center mt="lg">
          <Text size="xs" c="dimmed" ta="center">
            {t('app.footer')}
          </Text>
        </Center>
      </Container>
    </Box>
  );
}
