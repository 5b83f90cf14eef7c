// Serves the operator console (plain HTML, CSS and ES modules from ./public) at /console: public
// (the page signs in with an API token kept in sessionStorage) and never throttled. Its own CSP
// allows exactly what it uses: its scripts and styles, fetches to this origin, and blob: audio
// for recordings fetched with the token.
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { join } from 'node:path';
import { Public } from '../common/auth/auth.decorators';
import { ApiException } from '../common/errors/api.exception';

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ROOT = join(__dirname, 'public');
/** The console's own file names: nothing else is served from here. */
const ASSET = /^(?:[a-z0-9-]+\/)*[a-z0-9-]+\.(?:html|css|js)$/;

@ApiExcludeController()
@SkipThrottle()
@Controller('console')
export class ConsoleController {
  @Get()
  @Public()
  index(@Res() res: Response): Promise<void> {
    return send(res, 'index.html');
  }

  @Get('*path')
  @Public()
  asset(@Req() req: Request, @Res() res: Response): Promise<void> {
    const path = req.path.slice('/console/'.length) || 'index.html';
    if (!ASSET.test(path)) throw ApiException.notFound('No such console file');
    return send(res, path);
  }
}

function send(res: Response, path: string): Promise<void> {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Referrer-Policy', 'no-referrer');
  return new Promise((resolve, reject) =>
    res.sendFile(path, { root: ROOT, dotfiles: 'deny' }, (error) => {
      if (!error) return resolve();
      if (res.headersSent) return resolve();
      reject(ApiException.notFound('No such console file'));
    }),
  );
}
