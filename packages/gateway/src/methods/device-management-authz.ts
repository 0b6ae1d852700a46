import { OperatorScopes } from '@rusty-claw/protocol';
import type { ConnectionSession } from '../connection/connection-session.js';

/**
 * Who may manage which device (OpenClaw `devices.ts`): a socket authenticated by a device token and
 * without `operator.admin` manages only its own device; shared-secret and admin sockets manage all.
 */
export function deviceManagementAuthz(session: ConnectionSession): { ownDeviceOnly: string | undefined; isAdmin: boolean } {
  const isAdmin = session.scopes.includes(OperatorScopes.ADMIN);
  const ownDeviceOnly = session.authMethod === 'device-token' && !isAdmin ? session.deviceId : undefined;
  return { ownDeviceOnly, isAdmin };
}
