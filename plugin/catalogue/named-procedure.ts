import type { EntityManager } from '@mikro-orm/core';
import { Procedure } from '../db/procedure.entity.js';
import { searchKey } from '../domain/search-key.js';
import { AppError } from '../http/app-error.js';

/**
 * The catalogue procedure a staff booking names: the one picked (`procedureId`, an active one, or
 * 400; `null` names none), else the active one whose Greek or English name the typed text is, with
 * accents, case and final sigma aside as Greek users type. Free text that names no procedure — or
 * names two, which the folding could make alike — gives null: without a procedure the citizen gets
 * no advice, with a wrong one the wrong advice.
 */
export async function namedProcedure(em: EntityManager, picked: string | null | undefined, text: string | null | undefined): Promise<Procedure | null> {
  if (picked !== undefined) return picked === null ? null : activeProcedure(em, picked);
  const key = text ? searchKey(text) : '';
  if (!key) return null;
  const active = await em.find(Procedure, { active: true });
  const matches = active.filter((p) => searchKey(p.name) === key || searchKey(p.nameEn) === key);
  return matches.length === 1 ? matches[0]! : null;
}

async function activeProcedure(em: EntityManager, id: string): Promise<Procedure> {
  const procedure = await em.findOne(Procedure, { id, active: true });
  if (procedure) return procedure;
  const message = 'Η διαδικασία δεν υπάρχει στον κατάλογο ή έχει καταργηθεί.';
  throw new AppError(400, 'validation', message, { errors: [{ path: 'procedureId', message }] });
}
