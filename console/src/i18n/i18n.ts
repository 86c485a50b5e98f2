import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, storedLanguage, storeLanguage, type Language } from './languages';

// Each area brings its own namespace as locales/<language>/<namespace>.json: nothing here lists them.
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

const resources: Resource = {};
for (const [path, translations] of Object.entries(files)) {
  const [, language, namespace] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  resources[language] = { ...resources[language], [namespace]: translations };
}
const namespaces = [...new Set(Object.values(resources).flatMap((byNamespace) => Object.keys(byNamespace)))];

const DAYJS_LOCALE: Record<Language, string> = { 'zh-CN': 'zh-cn', en: 'en' };

function follow(language: Language): void {
  document.documentElement.lang = language;
  dayjs.locale(DAYJS_LOCALE[language]);
}

const initial = storedLanguage();
void i18next.use(initReactI18next).init({
  resources,
  lng: initial,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: namespaces,
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
});
follow(initial);

/** Switches the console's language: texts, antd's and dayjs's locales, <html lang>; remembered in localStorage. */
export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  follow(language);
  await i18next.changeLanguage(language);
}

export { i18next };
