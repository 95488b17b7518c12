import { KEP_POSITIONS, rolesFromAssignments, type KepAssignment, type KepPosition } from '../domain/roles.js';
import type { ClaimValue, RoleSource } from './role-source.js';

/** Which claims (OIDC) or attributes (SAML) carry the roles. */
export interface ClaimsRoleSettings {
  /** KEP assignments: values `"<kepCode>:<position>"`, or objects `{ kepCode, position }`. Default `kep_assignments`. */
  assignmentsClaim?: string;
  /** Membership of the directorate: `true`, `"true"` or `"1"`. Default `kep_directorate`. */
  directorateClaim?: string;
}

/**
 * A RoleSource that reads roles from what the identity provider asserted at sign-in (claims or
 * attributes), for an SSO that carries them itself. They change at the next sign-in.
 */
export function createClaimsRoleSource(settings: ClaimsRoleSettings = {}): RoleSource {
  const assignmentsClaim = settings.assignmentsClaim ?? 'kep_assignments';
  const directorateClaim = settings.directorateClaim ?? 'kep_directorate';
  return {
    async rolesFor(identity) {
      const claims = identity.claims ?? {};
      return rolesFromAssignments(assignmentsIn(claims[assignmentsClaim]), truthy(claims[directorateClaim]));
    },
  };
}

function assignmentsIn(value: ClaimValue | undefined): KepAssignment[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((v): KepAssignment[] => {
    let kepCode: unknown;
    let position: unknown;
    if (typeof v === 'string') [kepCode, position] = v.split(':');
    else if (v && typeof v === 'object') ({ kepCode, position } = v as Record<string, unknown>);
    const known = typeof kepCode === 'string' && kepCode.length > 0 && KEP_POSITIONS.includes(position as KepPosition);
    return known ? [{ kepCode: kepCode as string, position: position as KepPosition }] : [];
  });
}

function truthy(value: ClaimValue | undefined): boolean {
  const v = Array.isArray(value) ? value[0] : value;
  return v === true || v === 'true' || v === '1';
}
