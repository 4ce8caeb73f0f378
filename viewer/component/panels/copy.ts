// Copying a text to the clipboard for the cite and share panels, and saying how it went through the
// shell's live region (copying can be refused, e.g. without a secure context).
import { emit } from '../events.ts';
import { type Lang, t } from '../i18n.ts';

/** Copies `text`; true when it worked. Announces success or the way to copy by hand. */
export async function copyText(from: HTMLElement, text: string, lang: Lang): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    emit(from, 'announce', { message: t(lang, 'cite.copied') });
    return true;
  } catch {
    emit(from, 'announce', { message: t(lang, 'cite.copyFailed') });
    return false;
  }
}
