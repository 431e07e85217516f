import { NIK_SHAPE } from '@waspada/domain';
import { maskNik } from '@waspada/common';
import { CATALOGUES, ENGLISH_RENDERERS, formatMessage, type Language } from '@waspada/messages';
import { alertHeadline, type AlertHeadline, type RiskAlert } from '@waspada/schemas';
import type { FieldProfile } from './delivery-config';

/**
 * What recipients receive: JSON with ISO times. The desk (enforcement, at the counter) sees the
 * whole alert; a subscriber sees what its profile allows, and personal data it may not see is left
 * out of the reason texts as well, not only out of the person fields.
 */
export type AlertView = Omit<RiskAlert, 'eventTime' | 'alertTime'> & {
  readonly eventTime: string;
  readonly alertTime: string;
};

export function deskView(alert: RiskAlert): AlertView {
  return { ...alert, eventTime: iso(alert.eventTime), alertTime: iso(alert.alertTime) };
}

export interface SubscriberView extends AlertHeadline {
  readonly person: Partial<Record<keyof RiskAlert['person'], unknown>>;
  readonly target: Partial<RiskAlert['target']>;
  readonly rules: readonly {
    ruleId: string;
    /** The rule's title from the catalogue in the subscriber's language, or the rule set's own title for a rule the catalogue does not know. */
    title: string;
    /** The catalogue key of the title (`rule.R02.title`), null for a rule the catalogue does not know. */
    titleKey: string | null;
    severity: string;
    score: number;
    reasons?: readonly {
      text: string;
      messageKey: string | null;
      params: Readonly<Record<string, string>>;
      evidence?: readonly string[];
    }[];
  }[];
  readonly recommendedActions: readonly string[];
  /** Rules that fired and were not counted under an approved exemption of the person (no reason: it may hold personal data). */
  readonly exemptedRules: readonly { ruleId: string; exemptionId: string; validUntil: string }[];
  readonly ruleSetVersion: string;
  /** The event that raised it (an event id, no personal data), to correlate with the agency's own records. */
  readonly triggerEventId: string;
  readonly eventTime: string;
  readonly alertTime: string;
}

/**
 * The alert as a subscriber's profile allows, in the subscriber's language: Bahasa Indonesia (the
 * alert's own reason texts) unless its subscription says `"language": "en"`. Either way each title
 * and reason carries its message key and values, for a receiver that renders them itself.
 */
export function subscriberView(
  alert: RiskAlert,
  profile: FieldProfile,
  language: Language = 'id',
): SubscriberView {
  const catalogue: Readonly<Record<string, string>> = CATALOGUES[language];
  const { person } = alert;
  const shown: Partial<Record<keyof RiskAlert['person'], unknown>> = {};
  if (profile.nik === 'full') shown.nik = person.nik;
  if (profile.nik === 'masked') shown.nik = maskNik(person.nik);
  if (profile.name) shown.fullName = person.fullName;
  if (profile.birthDate) shown.birthDate = person.birthDate;
  if (profile.sexAndAge) {
    shown.sex = person.sex;
    shown.ageYears = person.ageYears;
  }
  if (profile.origin) {
    shown.originRegencyCode = person.originRegencyCode;
    shown.originRegencyName = person.originRegencyName;
  }
  const redact = redactor(alert, profile);
  // A parameter is a field of its own: withheld by its name, not only by what its value looks like
  // (an age or a sex is no pattern a text redactor can find).
  const redactParam = (name: string, value: string) => {
    if (!profile.sexAndAge && (name === 'age' || /sex$/i.test(name))) return '[withheld]';
    if (!profile.birthDate && /birthdate$/i.test(name)) return '[birth date]';
    return redact(value);
  };
  return {
    ...alertHeadline(alert),
    person: shown,
    target: {
      checkpointCode: alert.target.checkpointCode,
      regencyCode: alert.target.regencyCode,
      ...(profile.counter && { counterId: alert.target.counterId }),
    },
    rules: alert.rules.map((rule) => {
      const titleKey = `rule.${rule.ruleId}.title`;
      const title = catalogue[titleKey];
      return {
        ruleId: rule.ruleId,
        title: title ?? rule.title,
        titleKey: title === undefined ? null : titleKey,
        severity: rule.severity,
        score: rule.score,
        ...(profile.reasons && {
          reasons: rule.reasons.map((reason) => {
            const params = Object.fromEntries(
              Object.entries(reason.params).map(([name, value]) => [name, redactParam(name, value)]),
            );
            // English is built from the key and the values already cut to the profile; an alert
            // written before keys existed keeps its own text.
            const english =
              language === 'en' && reason.messageKey
                ? formatMessage(CATALOGUES.en, reason.messageKey, params, ENGLISH_RENDERERS)
                : undefined;
            return {
              text: redact(english ?? reason.text),
              messageKey: reason.messageKey,
              params,
              ...(profile.evidence && { evidence: reason.evidence }),
            };
          }),
        }),
      };
    }),
    recommendedActions: alert.recommendedActions,
    exemptedRules: alert.exemptedRules.map((rule) => ({ ...rule, validUntil: iso(rule.validUntil) })),
    ruleSetVersion: alert.ruleSetVersion,
    triggerEventId: alert.triggerEventId,
    eventTime: iso(alert.eventTime),
    alertTime: iso(alert.alertTime),
  };
}

/**
 * Reason texts quote what the rule compared: a NIK, a birth date on a document, a name. Whatever
 * the profile withholds from the person fields is cut from the texts too, and from the values of
 * their message keys, which carry the same facts.
 */
function redactor(alert: RiskAlert, profile: FieldProfile): (text: string) => string {
  const { person } = alert;
  // Each NIK by its own masked form: a reason may quote another person's NIK (a shared passport).
  const nik = profile.nik === 'full' ? undefined : profile.nik === 'masked' ? maskNik : () => '[NIK]';
  // Any date on the person's birthday: Dukcapil's, the NIK's or a document's, whichever the year.
  const birthdays = profile.birthDate
    ? undefined
    : new Set([person.birthDate?.slice(5), nikBirthday(person.nik)].filter(Boolean));
  const name =
    profile.name || !person.fullName ? undefined : new RegExp(escapeRegExp(person.fullName.trim()), 'gi');
  return (text) => {
    let result = text;
    if (nik) result = result.replace(/(?<!\d)\d{16}(?!\d)/g, nik);
    if (birthdays)
      result = result.replace(/(?<!\d)\d{4}-(\d{2})-(\d{2})(?!\d)/g, (date, month: string, day: string) =>
        birthdays.has(`${month}-${day}`) ? '[birth date]' : date,
      );
    if (name) result = result.replace(name, '[name]');
    return result;
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** MM-DD encoded in a NIK (digits 7-10; women's day plus 40). */
function nikBirthday(nik: string): string | undefined {
  if (!NIK_SHAPE.test(nik)) return undefined;
  const day = Number(nik.slice(6, 8));
  const month = nik.slice(8, 10);
  return `${month}-${String(day > 40 ? day - 40 : day).padStart(2, '0')}`;
}

const iso = (millis: number) => new Date(millis).toISOString();
