import type { Api } from 'grammy';

/** grammY's type declarations name the `abort-controller` polyfill's AbortSignal; at run time it takes Node's own. */
export type GrammySignal = NonNullable<Parameters<Api['getMe']>[0]>;

export function grammySignal(signal: AbortSignal): GrammySignal;
export function grammySignal(signal: AbortSignal | undefined): GrammySignal | undefined;
export function grammySignal(signal: AbortSignal | undefined): GrammySignal | undefined {
  return signal as unknown as GrammySignal | undefined;
}
