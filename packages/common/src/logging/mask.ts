/**
 * The NIK is personal data (UU PDP 27/2022) and must never reach a log in full. The masked form
 * keeps the province and regency code (useful to an operator, shared by a million people) and the
 * last two digits (enough to tell two records apart in one incident), and hides birth date, sex
 * and the rest of the serial.
 */
export function maskNik(nik: string): string {
  if (!/^\d{16}$/.test(nik)) return nik.length === 0 ? '' : '*'.repeat(Math.min(nik.length, 16));
  return `${nik.slice(0, 4)}**********${nik.slice(14)}`;
}

/**
 * A W3C trace id: 32 lowercase hex characters standing alone. About one in 700 holds a run of 16
 * decimal digits between two letters, which is no NIK and must stay whole to find its trace.
 */
const TRACE_ID = '(?<![0-9A-Za-z])[0-9a-f]{32}(?![0-9A-Za-z])';
const NIK_OR_TRACE_ID = new RegExp(`${TRACE_ID}|(?<!\\d)\\d{16}(?!\\d)`, 'g');

/** Replaces every 16-digit run in free text (error messages, payload excerpts) by its masked form. */
export function maskNiksInText(text: string): string {
  return text.replace(NIK_OR_TRACE_ID, (found) => (found.length === 16 ? maskNik(found) : found));
}
