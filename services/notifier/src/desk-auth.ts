import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken } from '@waspada/common';
import { hashToken, type Desk } from '@waspada/delivery';

/** The desk holding this token; every desk is compared, in constant time each, so timing tells nothing. */
export function deskOfToken(desks: readonly Desk[], token: string | undefined): Desk | undefined {
  const hash = token ? hashToken(token) : undefined;
  let match: Desk | undefined;
  for (const desk of desks) if (hash && timingSafeEqual(hash, desk.tokenHash) && !match) match = desk;
  return match;
}

export type DeskAccess =
  | { readonly ok: true; readonly desk: Desk }
  | { readonly ok: false; readonly status: 401 | 403; readonly error: string };

/** Whether a token may act for a checkpoint: each desk's token is valid for its own checkpoint only. */
export function deskAccess(
  desks: readonly Desk[],
  token: string | undefined,
  checkpoint: string,
): DeskAccess {
  const desk = deskOfToken(desks, token);
  if (!desk) return { ok: false, status: 401, error: 'a valid desk token is required' };
  if (desk.checkpointCode !== checkpoint)
    return {
      ok: false,
      status: 403,
      error: `this token is for checkpoint ${desk.checkpointCode}, not ${checkpoint}`,
    };
  return { ok: true, desk };
}

/** The desk of the request if it may act for the checkpoint; otherwise replies 401 or 403 and counts it. */
export function authenticateDesk(
  desks: readonly Desk[],
  request: FastifyRequest,
  reply: FastifyReply,
  checkpoint: string,
  onRefused: () => void,
): Desk | undefined {
  const access = deskAccess(desks, bearerToken(request), checkpoint);
  if (access.ok) return access.desk;
  onRefused();
  if (access.status === 401) void reply.header('www-authenticate', 'Bearer');
  void reply.code(access.status).send({ error: access.error });
  return undefined;
}
