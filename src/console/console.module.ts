import { Module } from '@nestjs/common';
import { ConsoleListsController } from './console-lists.controller';
import { ConsoleController } from './console.controller';
import { ConsoleLists } from './console-lists.service';

@Module({ controllers: [ConsoleController, ConsoleListsController], providers: [ConsoleLists] })
export class ConsoleModule {}
