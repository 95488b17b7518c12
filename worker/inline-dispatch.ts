import type { MikroORM } from '@mikro-orm/core';
import type { OutboxDispatch } from '../plugin/outbox/outbox-relay.js';
import { DeliveryError, sendOutboxEmail, type MailSettings } from './send-outbox-email.js';

/**
 * The embedded default's dispatcher: the very same sender as the BullMQ worker, run in the plugin's
 * process. One message's failure does not hold up the others: a permanent one is already marked
 * failed, a transient one stays queued and the relay hands it over again later.
 */
export function createInlineDispatch(orm: MikroORM, mail: MailSettings, onError: (err: unknown) => void = () => {}): OutboxDispatch {
  return async (ids) => {
    for (const id of ids) {
      await sendOutboxEmail(orm, mail, id).catch((err: unknown) => {
        if (!(err instanceof DeliveryError)) onError(err);
      });
    }
  };
}
