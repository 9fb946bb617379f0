import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSetLanguage } from '../auth/session';
import type { Lang } from '../i18n';

/** ID | EN: applies at once, remembered on this device and in the user's preferences. */
export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' | 'md' }) {
  const { i18n, t } = useTranslation();
  const setLanguage = useSetLanguage();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.label')}
      value={i18n.language === 'en' ? 'en' : 'id'}
      onChange={(v) => void setLanguage(v as Lang)}
      data={[
        { value: 'id', label: 'ID' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
