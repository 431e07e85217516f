import { CATALOGUES, type Language, type MessageKey, type ParamsOf } from './catalogue.js';
import { formatMessage, type Renderers } from './format.js';

/**
 * A text a server writes for a page (a timeline line, a review reason), as the page renders it: a
 * catalogue key and its values, each a string. Servers send these and the page reads them in the
 * reader's language; the server's own text is the same parts in Bahasa Indonesia.
 */
export interface MessagePart {
  readonly key: string;
  readonly params: Readonly<Record<string, string>>;
}

/** A part whose key the catalogue has and whose values are exactly the placeholders the key names. */
export function messagePart<K extends MessageKey>(key: K, params: ParamsOf<K>): MessagePart {
  return { key, params };
}

/**
 * Values as they are: country codes and YYYY-MM-DD days. For a server's text, so nothing of the
 * machine's locale enters what it writes.
 */
export const PLAIN_RENDERERS: Renderers = { country: (code) => code, date: (day) => day };

const englishCountries = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * For a server's text in English (a webhook to a subscriber that reads English): countries by
 * their English names, days as YYYY-MM-DD, as in the Bahasa Indonesia text the processor wrote.
 */
export const ENGLISH_RENDERERS: Renderers = {
  country: (code) => {
    try {
      return englishCountries.of(code) ?? code;
    } catch {
      return code;
    }
  },
  date: (day) => day,
};

/**
 * The parts in one language, joined by `, `; a key the catalogue lacks stays as the key (so a
 * test finds it).
 */
export function messageText(
  parts: readonly MessagePart[],
  language: Language = 'id',
  render: Renderers = PLAIN_RENDERERS,
): string {
  return parts
    .map((part) => formatMessage(CATALOGUES[language], part.key, part.params, render) ?? part.key)
    .join(', ');
}
