// `node --experimental-transform-types --conditions=@rusty-claw/source --import <this file> child.ts` runs a test child
// from the TypeScript sources: workspace packages resolve to their src/ (the source condition), Node compiles the
// types away, and this hook maps our `./x.js` import specifiers to the `./x.ts` files on disk.
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
