import { EventEmitter } from 'node:events';

/**
 * Domain events and their payloads. Each domain adds its own by declaration merging:
 *
 * @example
 * declare module '../../core/events.js' {
 *   interface DomainEvents { 'incident.declared': { incidentId: string } }
 * }
 */
export interface DomainEvents {
  'user.created': { userId: string };
  'service.created': { serviceId: string };
  'service.deleted': { serviceId: string };
}

export type EventName = keyof DomainEvents;
type Listener<K extends EventName> = (payload: DomainEvents[K]) => void | Promise<void>;

/**
 * In-process bus for events emitted after a transaction commits. A listener's failure is
 * logged by the caller-supplied handler and never breaks the emitting command.
 */
export class EventBus {
  private emitter = new EventEmitter();

  constructor(private onListenerError: (event: string, err: unknown) => void = () => {}) {
    this.emitter.setMaxListeners(100);
  }

  on<K extends EventName>(event: K, listener: Listener<K>): () => void {
    const wrapped = (payload: DomainEvents[K]) => {
      try {
        const result = listener(payload);
        if (result instanceof Promise) result.catch((err) => this.onListenerError(event, err));
      } catch (err) {
        this.onListenerError(event, err);
      }
    };
    this.emitter.on(event, wrapped);
    return () => this.emitter.off(event, wrapped);
  }

  emit<K extends EventName>(event: K, payload: DomainEvents[K]): void {
    this.emitter.emit(event, payload);
  }
}
