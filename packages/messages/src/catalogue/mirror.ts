/** The other language of a catalogue part: the same keys, each a text (the test checks the placeholders). */
export type Mirror<T> = { readonly [K in keyof T]: string };
