// Per-route body rules, declared where the route is defined (`@BodyRules(...)` on the handler).
// Body parsing runs before Nest's router, so the rules are collected from the controllers once at
// start-up (routeBodyRules) and looked up by path; a route without a rule gets the JSON default.
import { SetMetadata, type INestApplication } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';

export interface BodyLimits {
  json: string;
  audio: string;
  sync: string;
}

export interface BodyRule {
  /** Which of the configured body limits applies (default `json`). */
  limit: keyof BodyLimits;
  /** Accepts multipart/form-data beside JSON, kept as raw bytes for the route to parse. */
  multipart?: boolean;
  /** JSON is kept as raw bytes too (the route decodes it itself, e.g. large audio). */
  rawOnly?: boolean;
}

const BODY_RULES = 'body_rules';

/** The route's body limit and accepted content types, when they differ from the JSON default. */
export const BodyRules = (rule: BodyRule) => SetMetadata(BODY_RULES, rule);

const paths = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value ?? '']).map((p) => String(p));

const joinPath = (base: string, path: string) =>
  `/${[base, path].join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/** Path → rule for every handler that declares one (static paths: the lookup is exact). */
export function routeBodyRules(app: INestApplication): ReadonlyMap<string, BodyRule> {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const rules = new Map<string, BodyRule>();
  for (const { metatype } of new DiscoveryService(app.get(ModulesContainer)).getControllers()) {
    if (!metatype) continue;
    const prototype = metatype.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as () => unknown;
      const rule = reflector.get<BodyRule | undefined>(BODY_RULES, handler);
      if (!rule) continue;
      for (const base of paths(Reflect.getMetadata(PATH_METADATA, metatype)))
        for (const path of paths(Reflect.getMetadata(PATH_METADATA, handler))) {
          const full = joinPath(base, path);
          if (/[:*]/.test(full))
            throw new Error(`@BodyRules on ${metatype.name}.${name}: ${full} is not a static path`);
          rules.set(full, rule);
        }
    }
  }
  return rules;
}
