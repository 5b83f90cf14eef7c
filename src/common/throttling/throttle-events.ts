// Lets feature modules hear about requests the throttler refused (booking counts them).
import { Injectable } from '@nestjs/common';
import type { Request } from 'express';

@Injectable()
export class ThrottleEvents {
  private readonly listeners: ((req: Request) => void)[] = [];

  onThrottled(listener: (req: Request) => void): void {
    this.listeners.push(listener);
  }

  emit(req: Request): void {
    for (const listener of this.listeners) listener(req);
  }
}
