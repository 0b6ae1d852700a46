import { OperatorScopes, type OperatorScope } from './operator-scopes.js';

/** What calling a method takes: an operator scope, nothing (`'none'`), or the `node` role. */
export type MethodRequirement = OperatorScope | 'none' | 'node';

const R = OperatorScopes.READ;
const W = OperatorScopes.WRITE;
const A = OperatorScopes.ADMIN;
const AP = OperatorScopes.APPROVALS;
const P = OperatorScopes.PAIRING;

/**
 * THE method table (OpenClaw 2026.5.7 `method-scopes.ts` + `role-policy.ts`, spec §3.6/§5). A method
 * missing here is unclassified and needs `operator.admin` — fail closed, so a new method is never
 * accidentally readable. `health` needs nothing: it is the probe every client may call.
 */
export const METHOD_SCOPES: Readonly<Record<string, MethodRequirement>> = Object.freeze({
  // no scope
  health: 'none',
  // node role only
  'node.invoke.result': 'node',
  'node.event': 'node',
  'node.pending.drain': 'node',
  'node.canvas.capability.refresh': 'node',
  'node.pending.pull': 'node',
  'node.pending.ack': 'node',
  'skills.bins': 'node',
  // operator.approvals
  'exec.approval.get': AP,
  'exec.approval.list': AP,
  'exec.approval.request': AP,
  'exec.approval.waitDecision': AP,
  'exec.approval.resolve': AP,
  'plugin.approval.list': AP,
  'plugin.approval.request': AP,
  'plugin.approval.waitDecision': AP,
  'plugin.approval.resolve': AP,
  // operator.pairing
  'node.pair.request': P,
  'node.pair.list': P,
  'node.pair.reject': P,
  'node.pair.remove': P,
  'node.pair.verify': P,
  'node.pair.approve': P,
  'device.pair.list': P,
  'device.pair.approve': P,
  'device.pair.reject': P,
  'device.pair.remove': P,
  'device.token.rotate': P,
  'device.token.revoke': P,
  'node.rename': P,
  // DM pairing of chat channels (OpenClaw 2026.9.6)
  'channels.pairing.list': P,
  'channels.pairing.approve': P,
  'channels.pairing.dismiss': P,
  // operator.read (operator.write satisfies it too)
  'assistant.media.get': R,
  'diagnostics.stability': R,
  'doctor.memory.status': R,
  'doctor.memory.dreamDiary': R,
  'doctor.memory.remHarness': R,
  'logs.tail': R,
  'channels.status': R,
  status: R,
  'usage.status': R,
  'usage.cost': R,
  'tts.status': R,
  'tts.providers': R,
  'tts.personas': R,
  'commands.list': R,
  'models.list': R,
  'models.authStatus': R,
  'tools.catalog': R,
  'tools.effective': R,
  'plugins.uiDescriptors': R,
  'agents.list': R,
  'agent.identity.get': R,
  'skills.status': R,
  'skills.search': R,
  'skills.detail': R,
  'voicewake.get': R,
  'voicewake.routing.get': R,
  'sessions.list': R,
  'sessions.get': R,
  'sessions.preview': R,
  'sessions.describe': R,
  'sessions.resolve': R,
  'sessions.compaction.list': R,
  'sessions.compaction.get': R,
  'sessions.subscribe': R,
  'sessions.unsubscribe': R,
  'sessions.messages.subscribe': R,
  'sessions.messages.unsubscribe': R,
  'sessions.usage': R,
  'sessions.usage.timeseries': R,
  'sessions.usage.logs': R,
  'cron.list': R,
  'cron.status': R,
  'cron.runs': R,
  'gateway.identity.get': R,
  'gateway.restart.preflight': R,
  'system-presence': R,
  'last-heartbeat': R,
  'node.list': R,
  'node.describe': R,
  'chat.history': R,
  'config.get': R,
  'config.schema.lookup': R,
  'talk.config': R,
  'agents.files.list': R,
  'agents.files.get': R,
  'artifacts.list': R,
  'artifacts.get': R,
  'artifacts.download': R,
  // operator.write
  'message.action': W,
  send: W,
  poll: W,
  agent: W,
  'agent.wait': W,
  wake: W,
  'talk.mode': W,
  'talk.realtime.session': W,
  'talk.realtime.relayAudio': W,
  'talk.realtime.relayMark': W,
  'talk.realtime.relayStop': W,
  'talk.realtime.relayToolResult': W,
  'talk.speak': W,
  'tts.enable': W,
  'tts.disable': W,
  'tts.convert': W,
  'tts.setProvider': W,
  'tts.setPersona': W,
  'voicewake.set': W,
  'voicewake.routing.set': W,
  'node.invoke': W,
  'tools.invoke': W,
  'chat.send': W,
  'chat.abort': W,
  'sessions.create': W,
  'sessions.send': W,
  'sessions.steer': W,
  'sessions.abort': W,
  'sessions.compaction.branch': W,
  'doctor.memory.backfillDreamDiary': W,
  'doctor.memory.resetDreamDiary': W,
  'doctor.memory.resetGroundedShortTerm': W,
  'doctor.memory.repairDreamingArtifacts': W,
  'doctor.memory.dedupeDreamDiary': W,
  'push.test': W,
  'push.web.vapidPublicKey': W,
  'push.web.subscribe': W,
  'push.web.unsubscribe': W,
  'push.web.test': W,
  'node.pending.enqueue': W,
  // operator.admin (listed explicitly; unlisted methods end up here anyway)
  'channels.start': A,
  'channels.stop': A,
  'channels.logout': A,
  'channels.login': A,
  'agents.create': A,
  'agents.update': A,
  'agents.delete': A,
  'skills.install': A,
  'skills.update': A,
  'secrets.reload': A,
  'secrets.resolve': A,
  'cron.add': A,
  'cron.update': A,
  'cron.remove': A,
  'cron.run': A,
  'sessions.patch': A,
  'sessions.pluginPatch': A,
  'sessions.cleanup': A,
  'sessions.reset': A,
  'sessions.delete': A,
  'sessions.compact': A,
  'sessions.compaction.restore': A,
  connect: A,
  'chat.inject': A,
  'nativeHook.invoke': A,
  'web.login.start': A,
  'web.login.wait': A,
  'set-heartbeats': A,
  'system-event': A,
  'agents.files.set': A,
  'update.status': A,
  'gateway.restart.request': A,
});

/**
 * Method-name prefixes that always need `operator.admin` unless the table above says otherwise
 * (`config.get` and `config.schema.lookup` are read). A plugin cannot lower them.
 */
export const RESERVED_ADMIN_METHOD_PREFIXES: readonly string[] = Object.freeze(['config.', 'exec.approvals.', 'wizard.', 'update.']);

/**
 * What calling `method` takes: the table entry, else `operator.admin` (reserved prefix or simply
 * unclassified).
 */
export function requiredScopeForMethod(method: string): MethodRequirement {
  if (Object.hasOwn(METHOD_SCOPES, method)) return METHOD_SCOPES[method] as MethodRequirement;
  return OperatorScopes.ADMIN;
}

/** `true` when the method is in the table or under a reserved admin prefix. */
export function isMethodClassified(method: string): boolean {
  return Object.hasOwn(METHOD_SCOPES, method) || RESERVED_ADMIN_METHOD_PREFIXES.some((prefix) => method.startsWith(prefix));
}

/**
 * The scopes a client should request to call just `method` (what OpenClaw's CLI sends): the one
 * scope it needs; `operator.read` for `health` (the CLI asks for read even though health is free);
 * all operator scopes for an unclassified method; none for node-role methods.
 */
export function leastPrivilegeScopesForMethod(method: string): OperatorScope[] {
  const required = requiredScopeForMethod(method);
  if (required === 'node') return [];
  if (required === 'none') return [OperatorScopes.READ];
  if (!isMethodClassified(method)) return [
    OperatorScopes.ADMIN,
    OperatorScopes.READ,
    OperatorScopes.WRITE,
    OperatorScopes.APPROVALS,
    OperatorScopes.PAIRING,
    OperatorScopes.TALK_SECRETS,
  ];
  return [required];
}
