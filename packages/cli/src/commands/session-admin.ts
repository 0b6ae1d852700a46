import { RuntimeMethodNames, type SessionsPatchParams, type SessionsResetParams } from '@rusty-claw/protocol';
import { callGateway } from '../connection/call-gateway.js';
import type { GatewayConnection } from '../connection/resolve-gateway-connection.js';
import { modelRef } from '../render/format-session-list.js';
import { asRecord, asString } from '../render/read-fields.js';

// Session administration needs operator.admin (OpenClaw classifies sessions.patch/reset/delete so).
// Each call is a short connection of its own with exactly that scope, so the long-lived chat
// connection of `agent` keeps operator.write only.

/**
 * `sessions.patch {key, model}`: the session's model override, as OpenClaw's TUI `/model` sets it
 * (`chat.send` has no per-message model). Resolves with the model the gateway resolved it to.
 */
export async function setSessionModel(connection: GatewayConnection, options: { key: string; model: string; version: string }): Promise<string> {
  const params: SessionsPatchParams = { key: options.key, model: options.model };
  const result = await callGateway(connection, { method: RuntimeMethodNames.SessionsPatch, params, version: options.version });
  const resolved = asRecord(asRecord(result.payload)?.resolved);
  return modelRef(asString(resolved?.modelProvider), asString(resolved?.model)) ?? options.model;
}

/** `sessions.reset {key, reason}`: a fresh transcript (the old one is archived). Resolves with the new session id. */
export async function resetSession(
  connection: GatewayConnection,
  options: { key: string; reason: 'new' | 'reset'; version: string },
): Promise<{ payload: unknown; sessionId: string | undefined }> {
  const params: SessionsResetParams = { key: options.key, reason: options.reason };
  const result = await callGateway(connection, { method: RuntimeMethodNames.SessionsReset, params, version: options.version });
  return { payload: result.payload, sessionId: asString(asRecord(asRecord(result.payload)?.entry)?.sessionId) };
}
