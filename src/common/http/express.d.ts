// Fields the HTTP pipeline adds to every request.
import 'express';
import 'http';

declare module 'http' {
  interface IncomingMessage {
    /** Exact bytes of the body, kept for signature checks. */
    rawBody?: Buffer;
    id: string | number | object;
  }
}
