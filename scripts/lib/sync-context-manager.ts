import { ROOT_CONTEXT, context, type Context, type ContextManager } from '@opentelemetry/api';

/**
 * A synchronous, stack-like ContextManager. The generators run entirely on the call stack (the
 * simulated clock replaces real waiting), so `with` only has to set and restore the active context;
 * no async_hooks are needed. The simulated runtime re-enters a span's context on every resume.
 */
class SyncContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const previous = this.current;
    this.current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    const bound = (...args: unknown[]): unknown => this.with(ctx, () => fn(...args));
    return bound as unknown as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}

let installed = false;

/**
 * Registers the manager as the global one (once per process). If the host process already has
 * one (an AsyncLocalStorage manager, say), that one is kept: any real manager handles the
 * synchronous `with` calls the simulation makes.
 */
export function installSyncContextManager(): void {
  if (installed) return;
  context.setGlobalContextManager(new SyncContextManager());
  installed = true;
}
