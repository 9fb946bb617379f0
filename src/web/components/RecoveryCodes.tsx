// The 10 recovery codes, shown once: copy, download, and "I have saved them" before continuing.
import { useState } from 'react';
import { Alert, Button, Checkbox, CopyButton, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function RecoveryCodes({ codes, username, instanceName, onContinue, continueLabel }: { codes: string[]; username: string; instanceName: string; onContinue: () => void; continueLabel?: string }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const text = [`Naskah – ${instanceName}`, t('recovery.fileHeading', { username }), '', ...codes, '', t('recovery.fileNote')].join('\n');

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `naskah-kode-pemulihan-${username}.txt`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" icon={<IconShieldLock size={18} />} title={t('recovery.title')}>
        {t('recovery.explain')}
      </Alert>
      <Paper withBorder p="md" bg="gray.0">
        <SimpleGrid cols={2} spacing="xs" data-testid="recovery-codes">
          {codes.map((c) => (
            <Text key={c} className="mono" fw={600} ta="center" data-testid="recovery-code">
              {c}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      <Group gap="sm" grow>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="light" leftSection={copied ? <IconCheck size={18} /> : <IconCopy size={18} />} onClick={copy} color={copied ? 'teal' : undefined}>
              {copied ? t('recovery.copied') : t('recovery.copy')}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" leftSection={<IconDownload size={18} />} onClick={download}>
          {t('recovery.download')}
        </Button>
      </Group>
      <Checkbox label={t('recovery.savedCheckbox')} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
      <Button disabled={!saved} onClick={onContinue}>
        {continueLabel ?? t('recovery.continue')}
      </Button>
    </Stack>
  );
}
