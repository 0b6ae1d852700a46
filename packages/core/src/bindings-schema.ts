import { z } from 'zod';

// OpenClaw 2026.5.7's `bindings` (src/config/zod-schema.agents.ts), same keys and value shapes: which agent answers
// a channel / account / peer / guild / team / role. The gateway's router reads route bindings; ACP bindings
// (`type: "acp"`) are accepted so an OpenClaw config loads, and validateConfig warns that they are ignored.

/** `session.dmScope` and a binding's `session.dmScope`: how direct messages map to sessions. */
export const DmScopeSchema = z.enum(['main', 'per-peer', 'per-channel-peer', 'per-account-channel-peer']);

const BindingMatchSchema = z.strictObject({
  channel: z.string(),
  accountId: z.string().optional(),
  // OpenClaw accepts "dm" as a spelling of "direct" (normalizeChatType).
  peer: z.strictObject({ kind: z.enum(['direct', 'group', 'channel', 'dm']), id: z.string() }).optional(),
  guildId: z.string().optional(),
  teamId: z.string().optional(),
  roles: z.array(z.string()).optional(),
});

const RouteBindingSchema = z.strictObject({
  type: z.literal('route').optional(),
  agentId: z.string(),
  comment: z.string().optional(),
  match: BindingMatchSchema,
  session: z.strictObject({ dmScope: DmScopeSchema.optional() }).optional(),
});

const AcpBindingSchema = z
  .strictObject({
    type: z.literal('acp'),
    agentId: z.string(),
    comment: z.string().optional(),
    match: BindingMatchSchema,
    acp: z
      .strictObject({
        mode: z.enum(['persistent', 'oneshot']).optional(),
        label: z.string().optional(),
        cwd: z.string().optional(),
        backend: z.string().optional(),
      })
      .optional(),
  })
  .superRefine((binding, ctx) => {
    if ((binding.match.peer?.id.trim() ?? '') === '') {
      ctx.addIssue({ code: 'custom', path: ['match', 'peer'], message: 'ACP bindings require match.peer.id to target a concrete conversation.' });
    }
  });

/**
 * One `bindings[]` entry. A discriminated union on `type` (absent means a route binding), so a bad entry gets the
 * issues of the shape it claims to be, each with its own path, instead of a union's "no option matched".
 */
export const BindingSchema = z.discriminatedUnion('type', [RouteBindingSchema, AcpBindingSchema]);
export const BindingsSchema = z.array(BindingSchema);

export type RouteBinding = z.output<typeof RouteBindingSchema>;
export type AcpBinding = z.output<typeof AcpBindingSchema>;
export type Binding = RouteBinding | AcpBinding;
export type BindingMatch = z.output<typeof BindingMatchSchema>;
