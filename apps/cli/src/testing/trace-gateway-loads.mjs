// `node --import <this file> dist/main.js …` prints one stderr line per module of the gateway
// package that gets loaded, so a test can prove non-gateway commands never load the server.
import { registerHooks } from 'node:module';

registerHooks({
  load(url, context, nextLoad) {
    if (/\/packages\/gateway\/dist\//.test(url)) process.stderr.write(`[trace] loaded ${url}\n`);
    return nextLoad(url, context);
  },
});
