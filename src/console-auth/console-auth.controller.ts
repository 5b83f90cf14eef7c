// Console sign-in through the company's identity provider (docs/console-sign-in.md): login sends
// the browser to the provider, the callback creates a server-side session, logout ends it. Thin:
// the flow lives in ConsoleAuthService.
import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/auth/auth.decorators';
import { ConsoleAuthService } from './console-auth.service';

@ApiExcludeController()
@Controller('console/auth')
export class ConsoleAuthController {
  constructor(private readonly auth: ConsoleAuthService) {}

  /** Whether the identity provider is configured (the console's button) and who is signed in. */
  @Get('session')
  @Public()
  session(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    return this.auth.describe(req);
  }

  @Get('login')
  @Public()
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, await this.auth.startSignIn(req, res));
  }

  @Get('callback')
  @Public()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, await this.auth.finishSignIn(req, res));
  }

  /** Ends the session server-side. Needs its CSRF token like every state-changing call. */
  @Post('logout')
  @Public()
  @HttpCode(200)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.auth.signOut(req, res);
    return { status: 'success', message: 'Signed out' };
  }
}
