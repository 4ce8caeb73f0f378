// The thin browser part of reading aloud: speaks one line at a time with the Web Speech API
// (speechSynthesis, on the device; nothing is sent anywhere) and reports when a line is done and,
// where the engine says so (a `boundary` event named "word"; many engines never send one), which
// word of it is being said.
// Cancelling ends the current utterance with an event of its own, so each utterance carries a
// token and only the latest one may report its end or its words; the sequencing is read-aloud.ts's.
// There is no pause here: the view pauses by cancelling and resumes by reading the line again (see
// there).

export class Speaker {
  private token = 0;
  private readonly onEnd: () => void;

  constructor(onEnd: () => void) {
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
    u.addEventListener('end', () => {
      if (mine === this.token) this.onEnd();
    });
    u.addEventListener('boundary', (e) => {
      // "sentence" boundaries would mark the whole line, which is already highlighted.
      if (mine === this.token && e.name === 'word') onWord(e.charIndex, e.charLength);
    });
    // An engine that fails on one line goes on with the next rather than stalling the reader.
    u.addEventListener('error', (e) => {
      if (mine === this.token && e.error !== 'interrupted' && e.error !== 'canceled') this.onEnd();
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
