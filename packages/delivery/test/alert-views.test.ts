import { decodeNik, referenceData } from '@waspada/domain';
import type { RiskAlert } from '@waspada/schemas';
import { deskView, subscriberView } from '../src/alert-views';
import type { FieldProfile } from '../src/delivery-config';
import {
  alertWithReasons,
  BIRTH_DATE,
  EVENT_IDS,
  MASKED_NIK,
  NIK,
  PROFILES,
  profileWith,
  REASONS,
  riskAlert,
  SCAN_TIME,
} from './fixtures';

type Person = Partial<RiskAlert['person']>;

const reasonTexts = (view: ReturnType<typeof subscriberView>) =>
  view.rules.flatMap((rule) => (rule.reasons ?? []).map((reason) => reason.text));

/** Text of the only reason of an alert built by alertWithReasons, as a profile shows it. */
const shownText = (text: string, profile: FieldProfile = PROFILES.regionalAgency, person: Person = {}) =>
  reasonTexts(subscriberView(alertWithReasons([text], { person }), profile))[0];

describe('the fixture', () => {
  it('carries a NIK Dukcapil would issue, encoding the person’s birth date and sex', () => {
    const decoded = decodeNik(NIK, {
      regencies: referenceData().regencies,
      today: new Date(SCAN_TIME),
    });
    expect(decoded.ok && decoded.value).toMatchObject({ birthDate: BIRTH_DATE, sex: 'FEMALE' });
  });
});

describe('deskView', () => {
  it('shows the desk the whole alert, with ISO times', () => {
    const alert = riskAlert();
    const view = deskView(alert);
    expect(view).toEqual({
      ...alert,
      eventTime: '2026-11-20T01:12:00.000Z',
      alertTime: '2026-11-20T01:12:01.480Z',
    });
    expect(JSON.stringify(view)).toContain(NIK);
    expect(view.rules.flatMap((rule) => rule.reasons.map((reason) => reason.text))).toContain(
      REASONS.documentBirthDate,
    );
  });

  it('leaves the alert it was given unchanged', () => {
    const alert = riskAlert();
    deskView(alert);
    expect(alert).toEqual(riskAlert());
  });
});

describe('subscriberView', () => {
  it('shows an enforcement profile every person field, the counter, reasons and evidence as they are', () => {
    const alert = riskAlert();
    const view = subscriberView(alert, PROFILES.enforcement);
    expect(view.person).toEqual(alert.person);
    expect(view.target).toEqual({
      checkpointCode: 'PLBN-ENTIKONG',
      regencyCode: '3201',
      counterId: 'ENT-DEP-03',
    });
    // Reasons as they are; titles from the catalogue (below).
    expect(view.rules).toEqual(
      alert.rules.map(({ ruleId, severity, score, reasons }) => ({
        ruleId,
        title: expect.any(String),
        titleKey: `rule.${ruleId}.title`,
        severity,
        score,
        reasons,
      })),
    );
  });

  it('carries the alert’s identity, trigger event, times and recommendations whatever the profile', () => {
    const view = subscriberView(riskAlert({ kind: 'ESCALATED', revision: 2 }), PROFILES.statistics);
    expect(view).toMatchObject({
      alertId: riskAlert().alertId,
      firstAlertId: riskAlert().firstAlertId,
      revision: 2,
      kind: 'ESCALATED',
      situation: 'departure:PLBN-ENTIKONG:2026-11-20',
      severity: 'CRITICAL',
      score: 85,
      recommendedActions: ['REFER_SECONDARY_INSPECTION', 'INTERVIEW', 'NOTIFY_ORIGIN_REGENCY'],
      ruleSetVersion: '2026.11.1',
      triggerEventId: EVENT_IDS.crossing,
      eventTime: '2026-11-20T01:12:00.000Z',
      alertTime: '2026-11-20T01:12:01.480Z',
    });
  });

  it('names the rules left out under an exemption, with ISO times, whatever the profile', () => {
    const exemptionId = '5f0c2a1e-7d1b-4c8e-9b3a-2e6f1d4c8a90';
    const alert = riskAlert({
      exemptedRules: [{ ruleId: 'R05', exemptionId, validUntil: Date.parse('2027-01-31T17:00:00Z') }],
    });
    expect(subscriberView(alert, PROFILES.statistics).exemptedRules).toEqual([
      { ruleId: 'R05', exemptionId, validUntil: '2027-01-31T17:00:00.000Z' },
    ]);
    expect(subscriberView(riskAlert(), PROFILES.statistics).exemptedRules).toEqual([]);
  });

  it('masks the NIK, keeps name, sex, age and origin, and leaves out birth date and counter for a regional agency', () => {
    const view = subscriberView(riskAlert(), PROFILES.regionalAgency);
    expect(view.person).toEqual({
      nik: MASKED_NIK,
      fullName: 'SITI AMINAH',
      sex: 'FEMALE',
      ageYears: 28,
      originRegencyCode: '3201',
      originRegencyName: 'Kabupaten Bogor',
    });
    expect(view.target).toEqual({ checkpointCode: 'PLBN-ENTIKONG', regencyCode: '3201' });
  });

  it('gives a statistics profile only the origin and the rule headlines', () => {
    const view = subscriberView(riskAlert(), PROFILES.statistics);
    expect(view.person).toEqual({ originRegencyCode: '3201', originRegencyName: 'Kabupaten Bogor' });
    // Titles from the catalogue in Bahasa Indonesia, with their keys.
    expect(view.rules).toEqual([
      {
        ruleId: 'R10',
        title: 'Keluar lewat darat tanpa kembali',
        titleKey: 'rule.R10.title',
        severity: 'HIGH',
        score: 30,
      },
      {
        ruleId: 'R04',
        title: 'Identitas tidak cocok',
        titleKey: 'rule.R04.title',
        severity: 'MEDIUM',
        score: 15,
      },
      {
        ruleId: 'R01',
        title: 'Pekerja berangkat sebagai wisatawan atau jemaah',
        titleKey: 'rule.R01.title',
        severity: 'MEDIUM',
        score: 20,
      },
      {
        ruleId: 'R09',
        title: 'Sponsor, perekrut atau perusahaan dalam daftar pantauan',
        titleKey: 'rule.R09.title',
        severity: 'CRITICAL',
        score: 20,
      },
    ]);
    expect(JSON.stringify(view)).not.toMatch(/SITI|1998|3201126/);
  });

  it("keeps the rule set's own title, with no key, for a rule the catalogue does not know", () => {
    const alert = riskAlert({
      rules: [{ ruleId: 'R99', title: 'A rule added later', severity: 'LOW', score: 5, reasons: [] }],
    });
    expect(subscriberView(alert, PROFILES.statistics).rules).toEqual([
      { ruleId: 'R99', title: 'A rule added later', titleKey: null, severity: 'LOW', score: 5 },
    ]);
  });

  describe('for a subscriber that reads English', () => {
    it('gives the titles and the reasons in English, from the keys and the values', () => {
      const view = subscriberView(riskAlert(), PROFILES.regionalAgency, 'en');
      expect(view.rules.map((rule) => [rule.title, rule.titleKey])).toEqual([
        ['Land departure without return', 'rule.R10.title'],
        ['Identity mismatch', 'rule.R04.title'],
        ['Worker leaving as a tourist or pilgrim', 'rule.R01.title'],
        ['Watchlisted sponsor, recruiter or company', 'rule.R09.title'],
      ]);
      const texts = reasonTexts(view);
      expect(texts).toContain('one-way to Malaysia: no return booking shown');
      expect(texts).toContain(
        'border pass (PLB) used at PLBN-ENTIKONG by a resident of 3201, outside the border that post serves',
      );
    });

    it('cuts from the English text what the profile withholds, as from the Bahasa Indonesia one', () => {
      const view = subscriberView(riskAlert(), PROFILES.regionalAgency, 'en');
      const json = JSON.stringify(view);
      expect(json).not.toContain(BIRTH_DATE);
      expect(json).not.toMatch(/\d{16}/);
      expect(reasonTexts(view).join('\n')).toContain(MASKED_NIK);
      expect(reasonTexts(view).join('\n')).toContain('[birth date]');
    });

    it('keeps the own text of a reason written before keys existed', () => {
      const view = subscriberView(alertWithReasons(['an older reason']), PROFILES.regionalAgency, 'en');
      expect(reasonTexts(view)).toEqual(['an older reason']);
    });
  });

  it.each([
    ['name', { name: false }, ['fullName']],
    ['birthDate', { birthDate: true }, ['birthDate']],
    ['sexAndAge', { sexAndAge: false }, ['sex', 'ageYears']],
    ['origin', { origin: false }, ['originRegencyCode', 'originRegencyName']],
  ] as const)('shows or withholds the person fields of the %s flag alone', (_flag, change, fields) => {
    const withFlag = subscriberView(riskAlert(), profileWith(change)).person;
    const base = subscriberView(riskAlert(), PROFILES.regionalAgency).person;
    const differing = Object.keys({ ...withFlag, ...base }).filter(
      (key) => (withFlag as Record<string, unknown>)[key] !== (base as Record<string, unknown>)[key],
    );
    expect(differing.sort()).toEqual([...fields].sort());
  });

  it('shows evidence only when the profile allows it, and reasons only with reasons allowed', () => {
    const withEvidence = subscriberView(riskAlert(), profileWith({ evidence: true }));
    const keyed = {
      text: REASONS.borderPass,
      messageKey: 'R10.borderPassOutsideBorder',
      params: { checkpoint: 'PLBN-ENTIKONG', regency: '3201' },
    };
    expect(withEvidence.rules[0]?.reasons).toEqual([{ ...keyed, evidence: [EVENT_IDS.crossing] }]);
    const withoutEvidence = subscriberView(riskAlert(), PROFILES.regionalAgency);
    expect(withoutEvidence.rules[0]?.reasons).toEqual([keyed]);
    const noReasons = subscriberView(riskAlert(), profileWith({ reasons: false, evidence: true }));
    expect(noReasons.rules.every((rule) => !('reasons' in rule))).toBe(true);
  });

  it('gives the counter only to a profile with counter allowed', () => {
    expect(subscriberView(riskAlert(), profileWith({ counter: true })).target.counterId).toBe('ENT-DEP-03');
    expect(subscriberView(riskAlert(), profileWith({ counter: false })).target).not.toHaveProperty(
      'counterId',
    );
  });

  it('leaves the alert it was given unchanged', () => {
    const alert = riskAlert();
    subscriberView(alert, PROFILES.regionalAgency);
    expect(alert).toEqual(riskAlert());
  });

  describe('reason texts', () => {
    it('quote the full NIK only to a profile that shows the full NIK', () => {
      expect(shownText(`recruiter of ${NIK}`, profileWith({ nik: 'full' }))).toBe(`recruiter of ${NIK}`);
    });

    it('mask the NIK for a masked profile, wherever it stands in the text', () => {
      expect(shownText(`NIK:${NIK}, also (${NIK}).`, profileWith({ nik: 'masked' }))).toBe(
        `NIK:${MASKED_NIK}, also (${MASKED_NIK}).`,
      );
    });

    it('mask another person’s NIK as that NIK, not as the subject’s', () => {
      expect(shownText(`shares passport with 3174015501850007`, profileWith({ nik: 'masked' }))).toBe(
        'shares passport with 3174**********07',
      );
    });

    it('hide a birthday date even when a time or a letter follows it', () => {
      const birthDate = '1998-07-24';
      const profile = profileWith({ birthDate: false });
      expect(shownText(`born ${birthDate}T03:00:00Z`, profile, { birthDate })).toBe(
        'born [birth date]T03:00:00Z',
      );
      expect(shownText(`dated 2026-07-24_x`, profile, { birthDate })).toBe('dated [birth date]_x');
      expect(shownText(`issued 2026-07-25`, profile, { birthDate })).toBe('issued 2026-07-25');
    });

    it('cut the person’s name from reason texts when the profile withholds names', () => {
      const person = { fullName: 'Siti Aminah' };
      expect(shownText('sponsor is SITI AMINAH herself', profileWith({ name: false }), person)).toBe(
        'sponsor is [name] herself',
      );
      expect(shownText('sponsor is SITI AMINAH herself', profileWith({ name: true }), person)).toBe(
        'sponsor is SITI AMINAH herself',
      );
    });

    it('replace the NIK by [NIK] for a profile that omits it', () => {
      expect(shownText(`recruiter of ${NIK}`, profileWith({ nik: 'omit' }))).toBe('recruiter of [NIK]');
    });

    it('leave digit runs that are not 16 long alone', () => {
      const text = 'application 20261111000123 and account 12345678901234567';
      expect(shownText(text, profileWith({ nik: 'omit' }))).toBe(text);
    });

    it('replace a date on the person’s birthday by [birth date] whatever its year', () => {
      expect(shownText(REASONS.documentBirthDate)).toBe(
        'the travel document gives birth date [birth date], Dukcapil [birth date]',
      );
      expect(shownText('born 2001-07-24?')).toBe('born [birth date]?');
    });

    it('keep the other dates', () => {
      expect(shownText(REASONS.freshPassport)).toBe(REASONS.freshPassport);
      expect(shownText('returned 1998-08-24, left 1998-07-25')).toBe('returned 1998-08-24, left 1998-07-25');
    });

    it('keep birth dates for a profile that shows the birth date', () => {
      expect(shownText(REASONS.documentBirthDate, profileWith({ birthDate: true }))).toBe(
        REASONS.documentBirthDate,
      );
    });

    it('hide the birthday the NIK encodes when Dukcapil records another (women’s day minus 40)', () => {
      const person = { birthDate: '1998-08-02' };
      expect(
        shownText('the NIK encodes birth date 1998-07-24, Dukcapil records 1998-08-02', undefined, person),
      ).toBe('the NIK encodes birth date [birth date], Dukcapil records [birth date]');
    });

    it('hide the birthday a man’s NIK encodes when no birth date is recorded', () => {
      const person = { nik: '3201120503870001', birthDate: null, sex: 'MALE' as const };
      expect(shownText('document gives 1987-03-05, not 1987-05-03', undefined, person)).toBe(
        'document gives [birth date], not 1987-05-03',
      );
    });

    it('mask the NIK and hide the birth date in the same text, keeping the rest', () => {
      expect(shownText(`${NIK} born ${BIRTH_DATE}, issued 2026-11-11`)).toBe(
        `${MASKED_NIK} born [birth date], issued 2026-11-11`,
      );
    });

    it('redact every reason of every rule', () => {
      const texts = reasonTexts(subscriberView(riskAlert(), PROFILES.regionalAgency));
      expect(texts).toEqual([
        REASONS.borderPass,
        'the travel document gives birth date [birth date], Dukcapil [birth date]',
        REASONS.freshPassport,
        REASONS.oneWay,
        REASONS.watchlist.replace(NIK, MASKED_NIK),
      ]);
    });

    it('redact the values of the message keys as the texts, so a page rendering the key shows no more', () => {
      const view = subscriberView(riskAlert(), PROFILES.regionalAgency);
      const params = view.rules.flatMap((rule) => (rule.reasons ?? []).map((reason) => reason.params));
      expect(params).toContainEqual(
        expect.objectContaining({ documentBirthDate: '[birth date]', recordBirthDate: '[birth date]' }),
      );
      expect(params).toContainEqual(
        expect.objectContaining({
          listReason: `named in Polri report LP/B/311/XI/2026 as recruiter of ${MASKED_NIK}`,
        }),
      );
      expect(JSON.stringify(view)).not.toContain(BIRTH_DATE);
    });
  });

  it('withholds an age, a sex and any birth date by the name of the value, whatever the value looks like', () => {
    const alert = riskAlert({
      rules: [
        {
          ruleId: 'R04',
          title: 'Documents disagree',
          severity: 'HIGH',
          score: 20,
          reasons: [
            {
              text: 'the travel document says male, the NIK female; born 1999-07-24',
              evidence: [],
              messageKey: 'R04.documentSex',
              params: { documentSex: 'MALE', nikSex: 'FEMALE', age: '17', documentBirthDate: '1999-07-24' },
            },
          ],
        },
      ],
    });
    const withheld = subscriberView(alert, profileWith({ sexAndAge: false, birthDate: false }));
    expect(withheld.rules[0]?.reasons?.[0]?.params).toEqual({
      documentSex: '[withheld]',
      nikSex: '[withheld]',
      age: '[withheld]',
      documentBirthDate: '[birth date]',
    });
    const shown = subscriberView(alert, profileWith({ sexAndAge: true, birthDate: true }));
    expect(shown.rules[0]?.reasons?.[0]?.params).toEqual({
      documentSex: 'MALE',
      nikSex: 'FEMALE',
      age: '17',
      documentBirthDate: '1999-07-24',
    });
  });

  it('serialises under a masked profile to JSON with no 16-digit run anywhere', () => {
    const alert = alertWithReasons([
      `recruiter of ${NIK}`,
      `NIK ${NIK} (${NIK}); document ${NIK}.`,
      REASONS.watchlist,
    ]);
    for (const profile of [PROFILES.regionalAgency, profileWith({ evidence: true, counter: true })]) {
      const json = JSON.stringify(subscriberView(alert, profile));
      expect(json).not.toMatch(/\d{16}/);
      expect(json).toContain(MASKED_NIK);
    }
  });
});
