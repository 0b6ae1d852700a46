import { enableCompileCache } from 'node:module';

// V8's on-disk compile cache (Node >= 22.1) makes every later start skip parsing and compiling our modules and
// zod; it must be on before they load, so everything else is a dynamic import below.
enableCompileCache();
await import('./gateway-main.js');
