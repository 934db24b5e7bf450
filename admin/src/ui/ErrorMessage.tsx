/** Shows an error from the API (or the network) in the UI's language, as an alert. */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/** The text for an error thrown by an API call. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (error instanceof ApiError) {
      if (error.status === 429) return t('common.errors.rateLimited', { seconds: error.retryAfterSeconds ?? 60 });
      return error.message;
    }
    if (error instanceof TypeError) return t('common.errors.network');
    return t('common.errors.unexpected', { message: error instanceof Error ? error.message : String(error) });
  };
}

/** An alert box with the error's text; nothing when `error` is null. */
export function ErrorMessage({ error }: { error: unknown }) {
  const text = useErrorText();
  if (error === null || error === undefined) return null;
  return (
    <div className="alert alert-error" role="alert">
      {text(error)}
    </div>
  );
}
