import type { CommandContext } from '../cli-deps.js';
import { callGateway } from '../connection/call-gateway.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { ExitCodes } from '../exit-codes.js';
import { formatDeviceList } from '../render/format-devices.js';
import { asNumber, asRecord, asString } from '../render/read-fields.js';
import { scopesToApprove, scopesToRevoke } from './device-management-scopes.js';
import { runRpcCommand, writeJson, writeLines } from './run-rpc-command.js';

/** `devices list`: RPC `device.pair.list` (scope operator.pairing). */
export async function devicesListCommand(options: ConnectionOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const result = await callGateway(connection, { method: 'device.pair.list', params: {}, version: context.version });
    if (options.json === true) writeJson(context, result.payload);
    else writeLines(context, formatDeviceList(result.payload));
    return ExitCodes.ok;
  });
}

export interface DevicesResolveOptions extends ConnectionOptions {
  requestId: string;
  decision: 'approve' | 'reject';
}

/** `devices approve|reject <requestId>`: RPC `device.pair.approve` / `device.pair.reject`. */
export async function devicesResolveCommand(options: DevicesResolveOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const method = options.decision === 'approve' ? 'device.pair.approve' : 'device.pair.reject';
    // Approving grants the requested scopes, and a gateway only lets an operator grant scopes it
    // holds: look the request up first and ask for exactly those (never more).
    let scopes: string[] | undefined;
    if (options.decision === 'approve') {
      const list = await callGateway(connection, { method: 'device.pair.list', params: {}, version: context.version });
      scopes = scopesToApprove(list.payload, options.requestId);
    }
    const result = await callGateway(connection, {
      method,
      params: { requestId: options.requestId },
      version: context.version,
      ...(scopes !== undefined ? { scopes } : {}),
    });
    if (options.json === true) {
      writeJson(context, result.payload);
      return ExitCodes.ok;
    }
    const payload = asRecord(result.payload);
    const deviceId = asString(asRecord(payload?.device)?.deviceId) ?? asString(payload?.deviceId);
    const verb = options.decision === 'approve' ? 'Approved' : 'Rejected';
    context.stdout.write(`${verb} pairing request ${options.requestId}${deviceId ? ` (device ${deviceId})` : ''}\n`);
    return ExitCodes.ok;
  });
}

export interface DevicesRevokeOptions extends ConnectionOptions {
  deviceId: string;
  role: string;
}

/** `devices revoke <deviceId> [--role]`: RPC `device.token.revoke`. */
export async function devicesRevokeCommand(options: DevicesRevokeOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const params = { deviceId: options.deviceId, role: options.role };
    // Revoking needs the scopes of the token being revoked (as granting does): look them up first.
    const list = await callGateway(connection, { method: 'device.pair.list', params: {}, version: context.version });
    const scopes = scopesToRevoke(list.payload, options.deviceId, options.role);
    const result = await callGateway(connection, { method: 'device.token.revoke', params, version: context.version, scopes });
    if (options.json === true) {
      writeJson(context, result.payload);
      return ExitCodes.ok;
    }
    const revokedAt = asNumber(asRecord(result.payload)?.revokedAtMs);
    context.stdout.write(
      `Revoked the ${options.role} token of device ${options.deviceId}${revokedAt !== undefined ? ` at ${new Date(revokedAt).toISOString()}` : ''}\n`,
    );
    return ExitCodes.ok;
  });
}

export interface DevicesRemoveOptions extends ConnectionOptions {
  deviceId: string;
}

/** `devices remove <deviceId>`: RPC `device.pair.remove` (unpairs and disconnects it). */
export async function devicesRemoveCommand(options: DevicesRemoveOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const result = await callGateway(connection, { method: 'device.pair.remove', params: { deviceId: options.deviceId }, version: context.version });
    if (options.json === true) writeJson(context, result.payload);
    else context.stdout.write(`Removed device ${options.deviceId}\n`);
    return ExitCodes.ok;
  });
}
