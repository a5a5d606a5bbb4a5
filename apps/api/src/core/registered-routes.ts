import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ACCESS_RULE_KEY, AccessRule } from '@app/auth';

export interface RegisteredRoute {
  method: string;
  /** With `:params`, e.g. `/api/v1/links/:id`. */
  path: string;
  rule: AccessRule | undefined;
  /** `LinksController.getLink`. */
  handler: string;
  /** The handler's name: its OpenAPI operationId. */
  operationId: string;
  /** The controller class and the handler function, to read any other metadata of the route. */
  targets: [handler: object, controller: object];
}

/**
 * Every route the application registers, with its access rule, read from the same metadata the guard reads: the
 * OpenAPI document derives each operation's errors from it, and specs walk it.
 */
export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const reflector = new Reflector();
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
  const routes: RegisteredRoute[] = [];
  for (const wrapper of controllers) {
    const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
    if (!controller) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      const subPath =
        name === 'constructor' || typeof handler !== 'function'
          ? undefined
          : Reflect.getMetadata(PATH_METADATA, handler);
      if (subPath === undefined) continue;
      for (const sub of ([] as unknown[]).concat(subPath)) {
        const path = `/${[base, String(sub)].filter((part) => part && part !== '/').join('/')}`.replace(/\/+/g, '/');
        routes.push({
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
          path,
          rule: reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE_KEY, [handler, controller]),
          handler: `${controller.name}.${name}`,
          operationId: name,
          targets: [handler, controller],
        });
      }
    }
  }
  return routes;
}
