// A button that asks before doing something that cannot be undone with one click.
import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ConfirmButton({ children, title, message, confirmLabel, onConfirm, loading, color, ...props }: ButtonProps & { children: ReactNode; title: string; message: ReactNode; confirmLabel?: string; onConfirm: () => void; loading?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button color={color} {...props} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={<Text fw={700}>{title}</Text>} centered>
        <Stack>
          <Text size="sm">{message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color={color}
              loading={loading}
              onClick={() => {
                onConfirm();
                setOpen(false);
              }}
            >
              {confirmLabel ?? title}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
