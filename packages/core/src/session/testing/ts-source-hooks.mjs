// `node --conditions=@rusty-claw/source --import <this file> child.ts` runs a test child straight from the
// TypeScript sources: Node strips the types, and this hook maps our `./x.js` import specifiers to `./x.ts`.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (specifier.startsWith('.') && specifier.endsWith('.js')) return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      throw error;
    }
  },
});
