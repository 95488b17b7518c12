import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { Procedure } from '../db/procedure.entity.js';
import { recordAudit } from '../db/record-audit.js';
import type { StaffUser } from '../auth/session-data.js';
import { AppError, notFound } from '../http/app-error.js';
import { ALTERNATIVE_REQUIRED, type CatalogueProcedureView, type CreateProcedureInput, type UpdateProcedureInput } from './catalogue.schema.js';

const EDITABLE = ['code', 'name', 'nameEn', 'videoEligible', 'alternativeText', 'alternativeTextEn', 'bring', 'bringEn', 'active'] as const;

/** A procedure as the catalogue's editors see it. */
export function toCatalogueView(p: Procedure): CatalogueProcedureView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    videoEligible: p.videoEligible,
    alternativeText: p.alternativeText ?? null,
    alternativeTextEn: p.alternativeTextEn ?? null,
    bring: p.bring,
    bringEn: p.bringEn ?? null,
    active: p.active,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** What the audit trail keeps of a procedure: its content, not the bookkeeping. */
function auditSnapshot(p: Procedure): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((field) => [field, p[field] ?? null]));
}

/** Adds a procedure to the catalogue; no KEP offers it until its administrator says so. */
export async function createProcedure(orm: MikroORM, user: StaffUser, input: CreateProcedureInput): Promise<Procedure> {
  return refusingDuplicateCode(() =>
    orm.em.transactional(async (em) => {
      const procedure = em.create(Procedure, {
        id: crypto.randomUUID(),
        code: input.code,
        name: input.name,
        nameEn: input.nameEn,
        videoEligible: input.videoEligible,
        alternativeText: input.alternativeText ?? null,
        alternativeTextEn: input.alternativeTextEn ?? null,
        bring: input.bring,
        bringEn: input.bringEn ?? null,
        active: true,
      });
      recordAudit(em, { actor: user.sub, action: 'procedure.create', entityType: 'procedure', entityId: procedure.id, after: auditSnapshot(procedure) });
      await em.flush();
      return procedure;
    }),
  );
}

/**
 * Changes a procedure, refusing a stale edit (412) so two editors never overwrite each other. What
 * a booked appointment shows stays as it was: appointments keep the procedure's name as booked.
 */
export async function updateProcedure(orm: MikroORM, user: StaffUser, id: string, input: UpdateProcedureInput, ifMatch?: number): Promise<Procedure> {
  const expected = ifMatch ?? input.version;
  if (expected === undefined) throw new AppError(428, 'version-required', 'Στείλτε την έκδοση της διαδικασίας που επεξεργαστήκατε (If-Match ή version).');
  return refusingDuplicateCode(() =>
    orm.em.transactional(async (em) => {
      const procedure = await em.findOne(Procedure, id);
      if (!procedure) throw notFound('Η διαδικασία δεν βρέθηκε.');
      if (procedure.version !== expected) throw stale();
      const before = auditSnapshot(procedure);
      for (const field of EDITABLE) if (input[field] !== undefined) (procedure as unknown as Record<string, unknown>)[field] = input[field];
      if (!procedure.videoEligible && !procedure.alternativeText) {
        throw new AppError(400, 'validation', 'Ελέγξτε τα πεδία που σημειώνονται.', { errors: [{ path: 'alternativeText', message: ALTERNATIVE_REQUIRED }] });
      }
      const after = auditSnapshot(procedure);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        recordAudit(em, { actor: user.sub, action: auditAction(before, after), entityType: 'procedure', entityId: procedure.id, before, after });
        await flushOrStale(em);
      }
      return procedure;
    }),
  );
}

function auditAction(before: Record<string, unknown>, after: Record<string, unknown>): string {
  if (before.active === after.active) return 'procedure.update';
  return after.active ? 'procedure.reactivate' : 'procedure.deactivate';
}

/** A concurrent change of the same row between our read and our write is a 412 too, not a 500. */
async function flushOrStale(em: EntityManager): Promise<void> {
  await em.flush().catch((err: unknown) => {
    throw err instanceof OptimisticLockError ? stale() : err;
  });
}

function stale(): AppError {
  return new AppError(412, 'stale', 'Η διαδικασία άλλαξε στο μεταξύ από άλλον χρήστη. Φορτώστε τη ξανά και επαναλάβετε την αλλαγή.');
}

/** The unique index decides a race between two editors using one code: 409 naming the field. */
async function refusingDuplicateCode<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) {
      const message = 'Υπάρχει ήδη διαδικασία με αυτόν τον κωδικό.';
      throw new AppError(409, 'duplicate-code', message, { errors: [{ path: 'code', message }] });
    }
    throw err;
  }
}
