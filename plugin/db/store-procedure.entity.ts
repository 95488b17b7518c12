import { defineEntity, p } from '@mikro-orm/core';
import { Procedure } from './procedure.entity.js';
import { Store } from './store.entity.js';

/** A KEP offers a procedure of the catalogue: the store administrator switches it on or off. */
export const StoreProcedureSchema = defineEntity({
  name: 'StoreProcedure',
  tableName: 'store_procedure',
  properties: {
    store: () => p.manyToOne(Store).primary(),
    procedure: () => p.manyToOne(Procedure).primary(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class StoreProcedure extends StoreProcedureSchema.class {}
StoreProcedureSchema.setClass(StoreProcedure);
