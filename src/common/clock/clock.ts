// The time as the scheduled jobs see it; tests replace `now` to move through days and windows.
import { Injectable } from '@nestjs/common';

@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
