// @nestjs/swagger exports ./plugin, but its types sit under dist/ where moduleResolution "node" cannot follow.
declare module '@nestjs/swagger/plugin' {
  export * from '@nestjs/swagger/dist/plugin';
}
