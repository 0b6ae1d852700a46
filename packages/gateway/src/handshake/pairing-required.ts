import { ConnectErrorDetailCodes, type PairingReason } from '@rusty-claw/protocol';

const REQUIREMENT: Record<PairingReason, string> = {
  'not-paired': 'device is not approved yet',
  'role-upgrade': 'device is asking for a higher role than currently approved',
  'scope-upgrade': 'device is asking for more scopes than currently approved',
  'metadata-upgrade': 'device identity changed and must be re-approved',
};

const REMEDIATION: Record<PairingReason, string> = {
  'not-paired': 'Approve this device from the pending pairing requests.',
  'role-upgrade': 'Review the requested role upgrade, then approve the pending request.',
  'scope-upgrade': 'Review the requested scopes, then approve the pending upgrade.',
  'metadata-upgrade': 'Review the refreshed device details, then approve the pending request.',
};

/** "pairing required: device is not approved yet" and its siblings (OpenClaw's wording). */
export function pairingRequiredMessage(reason: PairingReason): string {
  return `pairing required: ${REQUIREMENT[reason]}`;
}

/** The close reason names the request so an operator can approve it from the log line. */
export function pairingRequiredCloseReason(reason: PairingReason, requestId: string): string {
  return `${pairingRequiredMessage(reason)} (requestId: ${requestId})`;
}

/** `details` of a NOT_PAIRED answer: `{code:"PAIRING_REQUIRED", reason, requestId, …}`. */
export function pairingRequiredDetails(params: {
  reason: PairingReason;
  requestId: string;
  deviceId: string;
  requestedRole: string;
  requestedScopes: readonly string[];
  approvedRoles?: readonly string[] | undefined;
  approvedScopes?: readonly string[] | undefined;
}): Record<string, unknown> {
  return {
    code: ConnectErrorDetailCodes.PAIRING_REQUIRED,
    reason: params.reason,
    requestId: params.requestId,
    remediationHint: REMEDIATION[params.reason],
    deviceId: params.deviceId,
    requestedRole: params.requestedRole,
    requestedScopes: [...params.requestedScopes],
    ...(params.approvedRoles && params.approvedRoles.length > 0 ? { approvedRoles: [...params.approvedRoles] } : {}),
    ...(params.approvedScopes && params.approvedScopes.length > 0 ? { approvedScopes: [...params.approvedScopes] } : {}),
  };
}
