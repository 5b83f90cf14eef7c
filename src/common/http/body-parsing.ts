// JSON body parsing with the raw bytes kept (signatures are over them), a limit per route (its
// `@BodyRules`), and
// 415 for a body that is not JSON. Runs before Nest's router; its errors use the error shape.
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { ApiException } from '../errors/api.exception';
import { sendError } from '../errors/all-exceptions.filter';
import { assertJsonShape } from './json-shape';
import type { BodyLimits, BodyRule } from './body-rules';
import { collectRawBody } from './raw-body';
import { assertUtf8 } from './utf8-body';

const JSON_TYPES = ['application/json', 'application/*+json'];

/** Keeps the bytes for signatures; refuses invalid UTF-8 and bounds depth and key count before JSON.parse runs. */
const keepRawBody = (req: Request, _res: Response, buf: Buffer) => {
  req.rawBody = buf;
  assertUtf8(buf);
  assertJsonShape(buf);
};

/** The raw collector, then the same shape bound for a JSON body the route decodes itself. */
const rawJson =
  (collect: RequestHandler): RequestHandler =>
  (req, res, next) =>
    collect(req, res, (error?: unknown) => {
      if (error) return next(error);
      try {
        if (req.rawBody) {
          assertUtf8(req.rawBody);
          assertJsonShape(req.rawBody);
        }
      } catch (shapeError) {
        return next(shapeError);
      }
      next();
    });

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function unsupportedMediaType(req: Request, multipart: boolean): ApiException {
  const accepted = multipart ? 'application/json or multipart/form-data' : 'application/json';
  return new ApiException({
    status: 415,
    code: 'unsupported_media_type',
    error: 'Unsupported media type',
    message: `Content-Type ${req.headers['content-type'] ?? '(none)'} is not accepted; send ${accepted}`,
    details: { accepted: accepted.split(' or ') },
  });
}

/** `rules`: the routes' own `@BodyRules` (routeBodyRules), by path. */
export function bodyParsingMiddleware(
  limits: BodyLimits,
  rules: ReadonlyMap<string, BodyRule>,
): RequestHandler[] {
  const makeParsers = (limit: string) => ({
    json: express.json({
      limit,
      type: JSON_TYPES,
      verify: keepRawBody,
      strict: false,
    }) as RequestHandler,
    // Multipart is kept as bytes: the signature covers them; the route parses the parts.
    raw: collectRawBody(limit) as RequestHandler,
  });
  const parsers: Record<keyof BodyLimits, ReturnType<typeof makeParsers>> = {
    json: makeParsers(limits.json),
    audio: makeParsers(limits.audio),
    sync: makeParsers(limits.sync),
  };

  const parse: RequestHandler = (req, res, next) => {
    const rule = rules.get(req.path);
    const parser = parsers[rule?.limit ?? 'json'];
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) || !hasBody(req)) return next();
    if (req.is(JSON_TYPES))
      return (rule?.rawOnly ? rawJson(parser.raw) : parser.json)(req, res, next);
    if (rule?.multipart && req.is('multipart/form-data')) return parser.raw(req, res, next);
    // Drain the unread body before answering so the connection stays usable.
    req.resume();
    return next(unsupportedMediaType(req, rule?.multipart ?? false));
  };

  // These requests end before Nest's router; the access line (set up earlier) still logs them.
  const errors = (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    sendError(error, req, res);
  };
  return [parse, errors as unknown as RequestHandler];
}
