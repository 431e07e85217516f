import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { maskNiksInText } from '../logging/mask';

/** Keys that would carry a name or a document number: never put on a span, whatever the caller passed. */
const PERSONAL_KEY = /name|birth|passport|document|phone|address|token|secret|password/i;

/**
 * Span attributes as they may leave the process: a collector is outside Waspada's redaction, so
 * every NIK is masked here (`3201**********01`, as in the logs) and personal or secret keys are
 * dropped before the SDK sees them.
 */
export function safeAttributes(attributes: Readonly<Record<string, AttributeValue | undefined>>): Attributes {
  const safe: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || PERSONAL_KEY.test(key)) continue;
    safe[key] = maskValue(value);
  }
  return safe;
}

function maskValue(value: AttributeValue): AttributeValue {
  if (typeof value === 'string') return maskNiksInText(value);
  // A NIK given as a number is still a NIK.
  if (typeof value === 'number')
    return /^\d{16}$/.test(String(value)) ? maskNiksInText(String(value)) : value;
  if (Array.isArray(value))
    return value.map((item) => (typeof item === 'string' ? maskNiksInText(item) : item)) as AttributeValue;
  return value;
}
