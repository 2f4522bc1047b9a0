/**
 * What the writer tells the room: the scene they are on, and whether they
 * are typing (from the first key until a pause of TYPING_MS).
 */

/** A pause this long, in ms, ends "typing". */
export const TYPING_MS = 2000;

/** Sends (scene heading, typing) whenever either changes. */
export class TypingPresence {
  #typing = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #send: (scene: string, typing: boolean) => void;
  readonly #scene: () => string;

  /** `scene` gives the heading of the cursor's scene ('' before the first) when something is sent. */
  constructor(send: (scene: string, typing: boolean) => void, scene: () => string) {
    this.#send = send;
    this.#scene = scene;
  }

  /** Whether the writer is typing now. */
  get typing(): boolean {
    return this.#typing;
  }

  /** A key changed the text. */
  typed(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#typing = false;
      this.#emit();
    }, TYPING_MS);
    if (!this.#typing) {
      this.#typing = true;
      this.#emit();
    }
  }

  /** The cursor moved to another scene. */
  moved(): void {
    this.#emit();
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  #emit(): void {
    this.#send(this.#scene(), this.#typing);
  }
}
