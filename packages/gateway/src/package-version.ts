/** This package's version: the default `hello-ok.server.version`. */
export const PACKAGE_VERSION = '0.1.0';
