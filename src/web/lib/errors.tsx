// The one place API errors become something the user sees: a notification with the server's
// message (already in the user's language), plus what to do for a few codes.
import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import i18n from '../i18n';
import { ApiError } from '../api/client';
import { queryClient } from '../api/queryClient';

/** The message for an error, with the hint the code calls for. */
export function describeError(err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('errors.unexpected');
  if (err.code === 'RATE_LIMITED' && err.retryAfterSeconds) return `${err.message} ${i18n.t('errors.retryAfter', { seconds: err.retryAfterSeconds })}`;
  if (err.code === 'VALIDATION_FAILED') {
    const fields = Object.values(err.fieldErrors);
    if (fields.length === 1) return `${err.message} ${fields[0]}`;
  }
  const reason = err.details.reason;
  if (typeof reason === 'string' && reason && !err.message.includes(reason) && i18n.language === 'id') return `${err.message} ${reason}`;
  return err.message;
}

export function notifyError(err: unknown): void {
  if (err instanceof ApiError && err.code === 'STALE_VERSION') {
    notifications.show({
      id: 'stale-version',
      color: 'orange',
      title: i18n.t('errors.staleTitle'),
      autoClose: false,
      closeButtonProps: { 'aria-label': i18n.t('common.close') },
      message: (
        <>
          <Text size="sm">{err.message}</Text>
          <Button
            mt="xs"
            size="xs"
            variant="light"
            onClick={() => {
              notifications.hide('stale-version');
              void queryClient.invalidateQueries();
            }}
          >
            {i18n.t('errors.reload')}
          </Button>
        </>
      ),
    });
    return;
  }
  notifications.show({
    color: 'red',
    title: i18n.t('errors.title'),
    message: describeError(err),
    autoClose: 8000,
    withCloseButton: true,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
}
