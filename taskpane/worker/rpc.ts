// A small request/reply channel over postMessage, for the pane's workers: either side calls the other's
// handlers by name and awaits the answer; events need no answer. Works over a Worker, the worker's own
// global scope and a MessagePort alike. Values travel by structured clone; a handler's answer wrapped
// in `transfer(value, buffers)` moves its buffers instead of copying them. Long arrays in arguments
// and answers travel in slices (slices.ts), so the page never copies a large one in one long task.
import { sliceCollector, sliced } from "./slices";

/** What both ends of a worker connection have in common (Worker, DedicatedWorkerGlobalScope, MessagePort). */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

type Handler = (...args: never[]) => unknown;
export type Handlers = Record<string, Handler>;

type Message =
  | { readonly rpc: "call"; readonly id: number; readonly method: string; readonly args: unknown[] }
  | { readonly rpc: "reply"; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly rpc: "reply"; readonly id: number; readonly ok: false; readonly message: string }
  | { readonly rpc: "event"; readonly name: string; readonly args: unknown[] }
  | { readonly rpc: "slice"; readonly id: number; readonly items: unknown[] };

class Transfer {
  constructor(readonly value: unknown, readonly list: Transferable[]) {}
}

/** A handler's answer whose buffers are moved to the caller rather than copied. */
export function transfer<T>(value: T, list: Transferable[]): T {
  return new Transfer(value, list) as unknown as T;
}

export interface Connection {
  call<T>(method: string, args?: unknown[], transferList?: Transferable[]): Promise<T>;
  emit(name: string, ...args: unknown[]): void;
}

/**
 * Connects to `endpoint`: `handlers` answer the other side's calls and events (an event's handler's
 * return value is ignored). A handler that throws rejects the caller's promise with its message.
 */
export function connect(endpoint: Endpoint, handlers: Handlers = {}): Connection {
  let next = 1;
  const slices = sliceCollector();
  const ids = { id: 1 };
  const slice = (value: unknown) => sliced(value, (id, items) => endpoint.postMessage({ rpc: "slice", id, items }), 0, ids);
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  endpoint.onmessage = (event: MessageEvent) => {
    const m = event.data as Message;
    if (!m || typeof m !== "object" || !("rpc" in m)) return;
    if (m.rpc === "slice") {
      slices.add(m.id, m.items);
    } else if (m.rpc === "reply") {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.ok) w?.resolve(slices.join(m.value));
      else w?.reject(new Error(m.message));
    } else if (m.rpc === "event") {
      void (handlers[m.name] as ((...a: unknown[]) => unknown) | undefined)?.(...m.args);
    } else {
      void answer(m.id, m.method, slices.join(m.args) as unknown[]);
    }
  };
  async function answer(id: number, method: string, args: unknown[]): Promise<void> {
    try {
      const handler = handlers[method] as ((...a: unknown[]) => unknown) | undefined;
      if (!handler) throw new Error(`no handler for ${method}`);
      const value = await handler(...args);
      // Moved buffers go with the reply; the answer's long arrays still go ahead in slices.
      if (value instanceof Transfer) endpoint.postMessage({ rpc: "reply", id, ok: true, value: slice(value.value) }, value.list);
      else endpoint.postMessage({ rpc: "reply", id, ok: true, value: slice(value) });
    } catch (e) {
      // Not `instanceof Error`: an error from another realm is not this one's Error.
      endpoint.postMessage({ rpc: "reply", id, ok: false, message: String((e as { message?: unknown })?.message ?? e) });
    }
  }
  return {
    call<T>(method: string, args: unknown[] = [], transferList: Transferable[] = []): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        endpoint.postMessage({ rpc: "call", id, method, args: transferList.length ? args : slice(args) }, transferList);
      });
    },
    emit(name: string, ...args: unknown[]) {
      endpoint.postMessage({ rpc: "event", name, args });
    },
  };
}
