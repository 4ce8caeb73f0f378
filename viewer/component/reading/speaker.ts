// The thin browser part of reading aloud: speaks one line at a time with the Web Speech API
// (speechSynthesis, on the device; nothing is sent anywhere) and reports when a line is done (and
// how: whether the engine said it started, how long it took, whether it failed; read-aloud.ts
// judges from that whether it was heard) and, where the engine says so (a `boundary` event named "word"; many engines never send one), which
// word of it is being said.
// Cancelling ends the current utterance with an event of its own, so each utterance carries a
// token and only the latest one may report its end or its words; the sequencing is read-aloud.ts's.
// There is no pause here: the view pauses by cancelling and resumes by reading the line again (see
// there).

import type { Ending } from './read-aloud.ts';

export class Speaker {
  private token = 0;
  private readonly onEnd: (ending: Ending) => void;

  constructor(onEnd: (ending: Ending) => void) {
    this.onEnd = onEnd;
  }

  static get supported(): boolean {
    return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
  }

  /** Resolves when the device has had its one chance to fill its voice list (see voices()). */
  private static listed: Promise<void> | undefined;

  /**
   * The device's voices. Some browsers fill the list only after `voiceschanged`, so the first call
   * waits a little for it; that wait is made once a session: a device with no voices at all would
   * otherwise hold back every line by as long.
   */
  static async voices(): Promise<SpeechSynthesisVoice[]> {
    if (!Speaker.supported) return [];
    const now = speechSynthesis.getVoices();
    if (now.length > 0) return now;
    Speaker.listed ??= new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        speechSynthesis.removeEventListener('voiceschanged', done);
        resolve();
      };
      const timer = setTimeout(done, 3000);
      speechSynthesis.addEventListener('voiceschanged', done);
    });
    await Speaker.listed;
    return speechSynthesis.getVoices();
  }

  /** Speaks `text`; `onWord` hears each word boundary the engine reports (offsets into `text`). */
  speak(
    text: string,
    lang: string | undefined,
    voice: SpeechSynthesisVoice | undefined,
    rate: number,
    onWord: (charIndex: number, charLength: number) => void,
  ): void {
    const mine = ++this.token;
    const u = new SpeechSynthesisUtterance(text);
    if (lang) u.lang = lang;
    if (voice) u.voice = voice;
    u.rate = rate;
    const handed = performance.now();
    let started = false;
    // Some engines send `end` after `error`: the token is spent on the first, so the line is reported once.
    const end = (error: boolean) => {
      if (mine !== this.token) return;
      this.token++;
      this.onEnd({ started, ms: performance.now() - handed, error });
    };
    u.addEventListener('start', () => {
      started = true;
    });
    u.addEventListener('end', () => end(false));
    u.addEventListener('boundary', (e) => {
      // "sentence" boundaries would mark the whole line, which is already highlighted.
      if (mine === this.token && e.name === 'word') onWord(e.charIndex, e.charLength);
    });
    // An engine that fails on one line goes on with the next rather than stalling the reader (a run
    // of failures stops reading: read-aloud.ts).
    u.addEventListener('error', (e) => {
      if (e.error !== 'interrupted' && e.error !== 'canceled') end(true);
    });
    speechSynthesis.speak(u);
  }

  cancel(): void {
    this.token++;
    if (!Speaker.supported) return;
    speechSynthesis.cancel();
    // A paused engine stays paused after cancel and would hold back the next line.
    if (speechSynthesis.paused) speechSynthesis.resume();
  }
}
