/**
 * The rule for URLs of services the console talks to (the backend, the update feed) that
 * come from files or the environment a user can change: https anywhere, http only to this
 * computer, never a user name or password in the URL.
 */

/** Host names that are this computer (URL's own spelling: IPv6 in brackets). */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Why `value` may not be used as a service URL (the backend or the update feed), or null
 * when it may: https anywhere, http only to this computer, never a user name or password.
 */
export function serviceUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'it is not text';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'it is not a URL';
  }
  if (url.username || url.password) return 'it carries a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return 'it must be https:// (http:// only to this computer: 127.0.0.1, localhost or [::1])';
}
