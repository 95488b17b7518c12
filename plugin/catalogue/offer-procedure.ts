import type { MikroORM } from '@mikro-orm/core';
import { Procedure } from '../db/procedure.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { StoreProcedure } from '../db/store-procedure.entity.js';
import type { StaffUser } from '../auth/session-data.js';
import { notFound } from '../http/app-error.js';

/**
 * The store administrator offers an active procedure of the catalogue at the KEP, or withdraws it,
 * with an audit event when that changes anything. Which procedures a KEP offers is no part of its
 * free times, so there is no cached availability to invalidate.
 */
export async function offerProcedure(orm: MikroORM, user: StaffUser, storeId: string, procedureId: string, offered: boolean): Promise<Procedure> {
  return orm.em.transactional(async (em) => {
    const procedure = await em.findOne(Procedure, { id: procedureId, active: true });
    if (!procedure) throw notFound('Η διαδικασία δεν βρέθηκε.');
    const current = await em.findOne(StoreProcedure, { store: storeId, procedure: procedureId });
    if (offered !== Boolean(current)) {
      if (current) em.remove(current);
      else em.create(StoreProcedure, { store: storeId, procedure });
      recordAudit(em, {
        actor: user.sub,
        action: offered ? 'store.procedure.offer' : 'store.procedure.withdraw',
        entityType: 'store_procedure',
        entityId: procedureId,
        storeId,
        before: { offered: !offered },
        after: { offered },
      });
      await em.flush();
    }
    return procedure;
  });
}
