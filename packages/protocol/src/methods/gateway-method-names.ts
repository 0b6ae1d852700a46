/**
 * Names of the methods Rusty Claw's protocol package has schemas for (params + result). The
 * gateway advertises what it actually implements in `hello-ok.features.methods`; this object is the
 * single spelling of each name for both sides.
 */
export const GatewayMethodNames = {
  Connect: 'connect',
  Health: 'health',
  Status: 'status',
  SystemPresence: 'system-presence',
  ConfigGet: 'config.get',
  ConfigSet: 'config.set',
  ConfigPatch: 'config.patch',
  ConfigSchema: 'config.schema',
  LastHeartbeat: 'last-heartbeat',
  DevicePairList: 'device.pair.list',
  DevicePairApprove: 'device.pair.approve',
  DevicePairReject: 'device.pair.reject',
  DevicePairRemove: 'device.pair.remove',
  DeviceTokenRevoke: 'device.token.revoke',
  DeviceTokenRotate: 'device.token.rotate',
} as const;
export type GatewayMethodName = (typeof GatewayMethodNames)[keyof typeof GatewayMethodNames];
