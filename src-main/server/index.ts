// Browser-mode server: public entry points.
export { startServer, LOOPBACK, type ServerOptions, type RunningServer } from './server';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './headers';
export { resolveStaticPath, locateStaticFile, contentTypeFor } from './staticPath';
