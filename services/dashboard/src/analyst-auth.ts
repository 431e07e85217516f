import type { FastifyReply, FastifyRequest } from 'fastify';
import { NATIONAL_ROLES, type Analyst, type AnalystDirectory, type AnalystRole } from '@waspada/analysts';
import { bearerToken } from '@waspada/common';

/**
 * The analyst pages' and APIs' door: the Bearer token checked against the analysts file
 * (`@waspada/analysts`), then the route's roles.
 */

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by analystGuard once the Bearer token and the role are checked. */
    analyst?: Analyst;
  }
}

/**
 * A fastify preHandler for analyst routes: 401 without a valid `Authorization: Bearer <token>`,
 * 403 when none of the analyst's roles is in `allowed` (the national roles when omitted: a regency
 * account reaches only the routes that name it); otherwise the
 * analyst is on `request.analyst` for the handler and the access trail.
 */
export function analystGuard(analysts: AnalystDirectory, allowed: readonly AnalystRole[] = NATIONAL_ROLES) {
  return async function guardAnalyst(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const analyst = analysts.authenticate(bearerToken(request));
    if (!analyst) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: 'an analyst token is required: Authorization: Bearer <token>' });
      return;
    }
    if (!analyst.roles.some((role) => allowed.includes(role))) {
      await reply.code(403).send({
        error: `${analyst.id} may not do this: it needs the role ${allowed.join(' or ')}`,
      });
      return;
    }
    request.analyst = analyst;
  };
}

/** The analyst the guard let through; a route without the guard is a programming error. */
export function requireAnalyst(request: FastifyRequest): Analyst {
  if (!request.analyst) throw new Error(`${request.url} is served without analystGuard`);
  return request.analyst;
}
