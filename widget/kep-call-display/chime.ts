/**
 * The display's chime: two soft tones (a falling major third, as station announcements use) made
 * with the Web Audio API, so no sound file is shipped or fetched. Browsers start an AudioContext
 * suspended until the page has had a user gesture (Chrome's autoplay policy), so {@link Chime.ready}
 * says whether a button to turn the sound on is needed; a kiosk browser started with autoplay
 * allowed needs none.
 */
export class Chime {
  #context: AudioContext | null = null;

  /** Whether the sound can play now (created lazily; false where Web Audio is missing). */
  get ready(): boolean {
    return this.#audio()?.state === 'running';
  }

  /** Resumes the audio after a user gesture (the «turn sound on» button). */
  async unlock(): Promise<void> {
    await this.#audio()?.resume();
  }

  /** Plays the two tones; silently nothing when the audio is still locked. */
  play(): void {
    const audio = this.#audio();
    if (!audio || audio.state !== 'running') return;
    const start = audio.currentTime + 0.05;
    tone(audio, 659.25, start, 0.45);
    tone(audio, 523.25, start + 0.5, 0.7);
  }

  close(): void {
    void this.#context?.close();
    this.#context = null;
  }

  #audio(): AudioContext | null {
    if (this.#context === null && typeof AudioContext === 'function') this.#context = new AudioContext();
    return this.#context;
  }
}

function tone(audio: AudioContext, frequency: number, at: number, seconds: number): void {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.4, at + 0.03);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(at);
  oscillator.stop(at + seconds + 0.05);
}
