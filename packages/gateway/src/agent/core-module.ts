import type * as CoreModule from '@rusty-claw/core';

/** `@rusty-claw/core` as a module value: the gateway imports it lazily (`import('@rusty-claw/core')`). */
export type Core = typeof CoreModule;
