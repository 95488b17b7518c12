/**
 * What happens in a KEP that its screens show at once (issue 16): a citizen arrived, a number was
 * called, a citizen waits in the video waiting room, an alert was raised, the day's appointments
 * changed. An event names things by id and carries what a waiting-room display may show (a ticket
 * number, a queue's name); never a citizen's name or contact: a staff screen that needs more reads
 * it through the API, under its own access checks.
 */
export interface LiveEvent {
  kind: 'arrived' | 'called' | 'video-waiting' | 'attention' | 'appointments-changed';
  storeId: string;
  queueId?: string;
  appointmentId?: string;
  /** The ticket's number (arrived, called). */
  number?: number;
  /** The queue's public name, as the call display shows it. */
  queueName?: string;
  /** When it happened, by the plugin's clock (ISO 8601). */
  at: string;
}

export type LiveListener = (event: LiveEvent) => void;

/**
 * The one way a use case tells every screen of a KEP, on every process and instance, what just
 * happened. `publish` is called after the change committed (never inside its transaction) and does
 * not throw: a lost event costs a screen its instant update, and the screens' polling catches up.
 */
export interface LiveEvents {
  publish(event: LiveEvent): void;
  /**
   * Listens to one KEP's events; returns the function that stops listening. `closed` is called if
   * the events close first (the plugin shuts down), so that a stream can end its response.
   */
  subscribe(storeId: string, listener: LiveListener, closed?: () => void): () => void;
  close(): Promise<void>;
}

/** One process's events, for the embedded default and for tests of a single instance. */
export function inProcessLiveEvents(): LiveEvents {
  const listeners = new Map<string, Set<LiveListener>>();
  const onClose = new Map<LiveListener, () => void>();
  return {
    publish(event) {
      for (const l of listeners.get(event.storeId) ?? []) l(event);
    },
    subscribe(storeId, listener, closed) {
      const set = listeners.get(storeId) ?? new Set<LiveListener>();
      listeners.set(storeId, set);
      set.add(listener);
      if (closed) onClose.set(listener, closed);
      return () => {
        set.delete(listener);
        onClose.delete(listener);
        if (set.size === 0) listeners.delete(storeId);
      };
    },
    close: async () => {
      const closing = [...onClose.values()];
      listeners.clear();
      onClose.clear();
      for (const closed of closing) closed();
    },
  };
}
