import { createHmac, randomBytes } from 'node:crypto';

/**
 * Stand-ins for NIKs in the network graph, so a browser can ask for a person's network without
 * ever holding the NIK: a ref is HMAC-SHA256 of the NIK under a key drawn when the process starts
 * (base64url, 43 characters). Nobody without the key can test a guessed NIK against a ref, and a
 * ref means nothing to another process or after a restart. The process remembers the NIK of each
 * ref it handed out, up to `limit` (the least recently used are forgotten first), because an HMAC
 * cannot be turned back: a forgotten ref is answered as unknown and the page starts again from an
 * alert or an entity.
 */
export interface PersonRefs {
  /** The ref of a NIK, remembered so nikOf can answer it. */
  readonly refOf: (nik: string) => string;
  /** The NIK behind a ref this process handed out and still remembers. */
  readonly nikOf: (ref: string) => string | undefined;
}

export const PERSON_REF_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function createPersonRefs(
  options: { readonly key?: Buffer; readonly limit?: number } = {},
): PersonRefs {
  const key = options.key ?? randomBytes(32);
  const limit = options.limit ?? 50_000;
  const niks = new Map<string, string>();
  const remember = (ref: string, nik: string) => {
    // A Map keeps insertion order: deleting and setting again moves the ref to the newest end.
    niks.delete(ref);
    niks.set(ref, nik);
    if (niks.size > limit) {
      const oldest = niks.keys().next();
      if (!oldest.done) niks.delete(oldest.value);
    }
  };
  return {
    refOf(nik) {
      const ref = createHmac('sha256', key).update(nik).digest('base64url');
      remember(ref, nik);
      return ref;
    },
    nikOf(ref) {
      const nik = niks.get(ref);
      if (nik !== undefined) remember(ref, nik);
      return nik;
    },
  };
}
