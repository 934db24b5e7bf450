/**
 * Message catalogues of the newsroom UI (Vietnamese first, English second) through i18next.
 * Every string a screen shows comes from the catalogues in `messages/` (one per feature); the language
 * choice is kept in localStorage and mirrored in <html lang>.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, vi } from './messages/index.ts';

/** The languages of the UI, Vietnamese first. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'cong.admin.language';

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'vi') return stored;
  } catch {
    // storage unavailable (private mode): Vietnamese
  }
  return 'vi';
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** Switches the UI language and remembers it. */
export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered; still switched
  }
}

export default i18n;
