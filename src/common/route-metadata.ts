import type { ExecutionContext, Type } from '@nestjs/common';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's own type for a handler
type Handler = Function;

/**
 * A value derived from a route's decorators, computed on the route's first request and then
 * read from a WeakMap. Decorator metadata is fixed once the app is built, and reading it through
 * the Reflector on every request (two `Reflect.getMetadata` walks per key, several keys per
 * guard) was a measurable share of a keyed request (bench/README.md).
 */
export function perRoute<T>(
  compute: (handler: Handler, controller: Type) => T,
): (context: ExecutionContext) => T {
  const byHandler = new WeakMap<Handler, WeakMap<Type, T>>();
  return (context) => {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byController = byHandler.get(handler);
    if (!byController) {
      byController = new WeakMap();
      byHandler.set(handler, byController);
    }
    if (byController.has(controller)) return byController.get(controller) as T;
    const value = compute(handler, controller);
    byController.set(controller, value);
    return value;
  };
}
