/** The Vietnamese / English switch: a labelled group of toggle buttons (aria-pressed). */
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n/i18n.ts';

/** The language switch, on the sign-in screen and in the signed-in header. */
export function LanguageSwitch({ className = 'language-switch' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-label={t('common.language.label')} className={className}>
      {LANGUAGES.map((lang: Language) => (
        <button key={lang} type="button" lang={lang} aria-pressed={i18n.language === lang} onClick={() => setLanguage(lang)}>
          {t(`common.language.${lang}`)}
        </button>
      ))}
    </div>
  );
}
