import { GatewayMethodNames, OperatorScopes, StatusParamsSchema } from '@rusty-claw/protocol';
import { buildStatusSummary } from '../health/build-status-summary.js';
import { defineMethod } from './method-definition.js';

/** `status`: the StatusSummary (paths only for `operator.admin`). */
export const statusMethod = defineMethod({
  name: GatewayMethodNames.Status,
  params: StatusParamsSchema,
  handle: ({ ctx, session }) =>
    buildStatusSummary({
      config: ctx.config,
      stateDir: ctx.stateDir,
      version: ctx.version,
      includeSensitive: session.scopes.includes(OperatorScopes.ADMIN),
      now: ctx.now,
    }),
});
