import { nameUuid } from '@waspada/common';
import { v4 as uuidv4 } from 'uuid';
import { z } from 'zod';
import type { Desk } from '@waspada/delivery';
import type { AlertAction, RiskAlert } from '@waspada/schemas';

const ACTION_NAMESPACE = '6f7d1e0a-3c55-4c1b-8f0e-2a9d4b7c1e33';
const actionUuid = nameUuid(ACTION_NAMESPACE);

const ACTIONS = { ACKNOWLEDGE: 'ACKNOWLEDGED', REFER: 'REFERRED', DISMISS: 'DISMISSED' } as const;
const actionBody = z
  .object({
    action: z.enum(['ACKNOWLEDGE', 'REFER', 'DISMISS']),
    officerId: z.string().trim().min(1).max(64),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((body) => body.action !== 'DISMISS' || body.reason !== undefined, {
    message: 'a dismissal needs a reason',
    path: ['reason'],
  });

export type DeskActionRequest = z.infer<typeof actionBody>;

/** An officer's action as posted by the desk page, or each field refused with its reason. */
export function parseDeskAction(
  body: unknown,
):
  | { readonly ok: true; readonly request: DeskActionRequest }
  | { readonly ok: false; readonly fields: readonly { field: string; reason: string }[] } {
  const parsed = actionBody.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  return {
    ok: false,
    fields: parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      reason: issue.message,
    })),
  };
}

/**
 * The alert-action record of an officer's action. With an Idempotency-Key the action id is derived
 * from desk, alert and key, so a page that retries a click records one action, not two.
 */
export function deskActionOf(input: {
  readonly desk: Desk;
  readonly checkpoint: string;
  readonly alertId: string;
  readonly alert: RiskAlert;
  readonly request: DeskActionRequest;
  readonly idempotencyKey: string | undefined;
  readonly now: number;
}): AlertAction {
  const { desk, alertId, alert, request } = input;
  return {
    actionId: input.idempotencyKey
      ? actionUuid(`${desk.deskId}|${alertId}|${input.idempotencyKey}`)
      : uuidv4(),
    alertId,
    firstAlertId: alert.firstAlertId,
    nik: alert.person.nik,
    checkpointCode: input.checkpoint,
    deskId: desk.deskId,
    officerId: request.officerId,
    action: ACTIONS[request.action],
    reason: request.reason ?? null,
    ruleIds: alert.rules.map((rule) => rule.ruleId),
    ruleSetVersion: alert.ruleSetVersion,
    severity: alert.severity,
    actionTime: input.now,
  };
}

/** What the access trail says the officer did it for. */
export function actionPurpose(action: AlertAction): string {
  return `${action.action.toLowerCase()} alert at ${action.checkpointCode}${action.reason ? `: ${action.reason}` : ''}`;
}
