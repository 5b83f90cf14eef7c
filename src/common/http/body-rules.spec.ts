// A route's `@BodyRules` is what the body parser (which runs before Nest's router) applies to it:
// its own limit and content types; every other route gets the JSON default.
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  controllerHarness,
  type ControllerHarness,
} from '../../../test/support/controller-harness';
import { Public } from '../auth/auth.decorators';
import { BodyRules, routeBodyRules } from './body-rules';

@Controller('rules')
@Public()
class RulesController {
  @Post('default')
  @HttpCode(200)
  plain(@Body() body: unknown) {
    return { parsed: typeof body };
  }

  @Post(['large', 'large-too'])
  @BodyRules({ limit: 'sync' })
  @HttpCode(200)
  large(@Body() body: unknown) {
    return { parsed: typeof body };
  }

  @Post('/upload/')
  @BodyRules({ limit: 'audio', multipart: true, rawOnly: true })
  @HttpCode(200)
  upload(@Req() req: Request) {
    return { raw: req.rawBody?.length ?? 0, parsed: req.body === undefined ? 'no' : 'yes' };
  }
}

describe('@BodyRules', () => {
  let harness: ControllerHarness;
  beforeAll(async () => {
    harness = await controllerHarness(RulesController, [], {
      BODY_LIMIT: '1kb',
      SYNC_BODY_LIMIT: '8kb',
      AUDIO_BODY_LIMIT: '64kb',
    });
  });
  afterAll(() => harness.close());

  const json = (bytes: number) => ({ padding: 'x'.repeat(bytes) });

  it('collects each declared rule by its full path, for every path of the handler', () => {
    expect(Object.fromEntries(routeBodyRules(harness.app))).toEqual({
      '/rules/large': { limit: 'sync' },
      '/rules/large-too': { limit: 'sync' },
      '/rules/upload': { limit: 'audio', multipart: true, rawOnly: true },
    });
  });

  it('a route without a rule takes JSON up to BODY_LIMIT only', async () => {
    await harness.http.post('/rules/default').send(json(100)).expect(200);
    const tooLarge = await harness.http.post('/rules/default').send(json(4000)).expect(413);
    expect(tooLarge.body.code).toBe('payload_too_large');
    await harness.http
      .post('/rules/default')
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .send('--x--')
      .expect(415);
  });

  it('a route with a rule takes its own limit', async () => {
    await harness.http.post('/rules/large').send(json(4000)).expect(200, { parsed: 'object' });
    await harness.http.post('/rules/large-too').send(json(4000)).expect(200);
    await harness.http.post('/rules/large').send(json(20_000)).expect(413);
  });

  it('multipart and raw-only JSON where declared: the bytes reach the route unparsed', async () => {
    const body = JSON.stringify(json(20_000));
    const answer = await harness.http
      .post('/rules/upload')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(200);
    expect(answer.body).toEqual({ raw: Buffer.byteLength(body), parsed: 'no' });
    await harness.http
      .post('/rules/upload')
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .send('--x--')
      .expect(200);
  });
});
