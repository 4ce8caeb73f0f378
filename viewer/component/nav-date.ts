// A IIIF `navDate` (an ISO 8601 date-time such as `1784-01-01T00:00:00Z`) as a reader reads it:
// the year alone when the date is only a year (1 January, which is how catalogues write "1784"),
// else the day in words in the reader's language. Read from the string itself, never through the
// browser's time zone, so 1 January never turns into 31 December.
import type { Lang } from './i18n.ts';

const NAV_DATE = /^(-?\d{1,4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The readable date of a navDate, or undefined when the value is not an ISO date. */
export function formatNavDate(navDate: string | undefined, lang: Lang): string | undefined {
  const m = NAV_DATE.exec(navDate?.trim() ?? '');
  if (!m) return undefined;
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if ((month === 1 && day === 1) || year < 1) return String(year);
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  const locale = lang === 'en' ? 'en-GB' : lang;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
