import { Module } from '@nestjs/common';
import { ConsoleListsController } from './console-lists.controller';
import { ConsoleController } from './console.controller';
import { ConsoleListsRepository } from './console-lists.repository';

@Module({
  controllers: [ConsoleController, ConsoleListsController],
  providers: [ConsoleListsRepository],
})
export class ConsoleModule {}
