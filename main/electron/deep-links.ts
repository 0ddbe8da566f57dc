/**
 * Deep links: `supervisor-console://enquiry/<id>` opens that enquiry's room. Links arrive
 * as `open-url` (macOS) or in a second instance's argv (Windows, Linux).
 */
export const DEEP_LINK_SCHEME = 'supervisor-console';

const ENQUIRY_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The enquiry id a deep link names, or null when it is not one of ours. */
export function parseDeepLink(link: string): { enquiryId: string } | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  // supervisor-console://enquiry/<id>: host "enquiry", path "/<id>"
  const parts = [url.hostname, ...url.pathname.split('/')].filter((part) => part.length > 0);
  if (parts.length !== 2 || parts[0] !== 'enquiry') return null;
  // Ids never contain '%': the raw segment is checked as it is, never decoded (a malformed
  // escape in a hostile link must not throw before any window exists).
  const enquiryId = parts[1] ?? '';
  return ENQUIRY_ID.test(enquiryId) ? { enquiryId } : null;
}

/** The first deep link in a command line (second-instance argv). */
export function findDeepLink(argv: readonly string[]): { enquiryId: string } | null {
  for (const arg of argv) {
    if (arg.startsWith(`${DEEP_LINK_SCHEME}:`)) {
      const link = parseDeepLink(arg);
      if (link) return link;
    }
  }
  return null;
}
