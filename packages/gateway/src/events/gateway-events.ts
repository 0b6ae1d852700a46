/**
 * The events this gateway emits, advertised in `hello-ok.features.events`. Only what is really sent:
 * clients use the list for discovery, and advertising an event that never comes misleads them.
 */
export const EMITTED_EVENTS: readonly string[] = Object.freeze([
  'connect.challenge',
  'agent',
  'chat',
  'presence',
  'tick',
  'shutdown',
  'health',
  'device.pair.requested',
  'device.pair.resolved',
]);
