import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/i18n';
import type { Language } from '../i18n/languages';

const NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

/** The language switch (中文 / English), remembered in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  return (
    <Select
      aria-label={t('shell.language')}
      value={i18n.resolvedLanguage as Language}
      onChange={(language: Language) => void changeLanguage(language)}
      options={Object.entries(NAMES).map(([value, label]) => ({ value, label }))}
      style={{ width: 110 }}
      data-testid="language-switch"
    />
  );
}
