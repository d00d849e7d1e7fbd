import { googleError, openAiError, type Dialect, type Reply } from './replies';

/**
 * Key checks for both dialects. DMXAPI answers a bad key with 401 on both routes (Google itself says 400
 * API_KEY_INVALID), and a client must treat either as "fix your key", so the fake uses 401 throughout.
 */

const masked = (key: string): string => `${key.slice(0, 6)}***${key.slice(-4)}`;

export function checkAuth(dialect: Dialect, headers: Readonly<Record<string, string>>, validKey: string | undefined): Reply | undefined {
  if (dialect === 'openai') {
    const key = /^Bearer\s+(\S.*)$/i.exec(headers['authorization'] ?? '')?.[1]?.trim();
    if (!key) {
      const message =
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";
      return openAiError(401, { message, code: 'missing_api_key' });
    }
    if (validKey !== undefined && key !== validKey) {
      return openAiError(401, { message: `Incorrect API key provided: ${masked(key)}.`, code: 'invalid_api_key' });
    }
    return undefined;
  }
  const key = (headers['x-goog-api-key'] ?? '').trim();
  if (!key) {
    return googleError(401, 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.');
  }
  if (validKey !== undefined && key !== validKey) return googleError(401, 'API key not valid. Please pass a valid API key.');
  return undefined;
}
