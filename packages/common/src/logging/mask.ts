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

/** Replaces every 16-digit run in free text (error messages, payload excerpts) by its masked form. */
export function maskNiksInText(text: string): string {
  return text.replace(/(?<!\d)\d{16}(?!\d)/g, (nik) => maskNik(nik));
}
