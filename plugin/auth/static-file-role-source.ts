import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { STAFF_ROLES } from '../domain/roles.js';
import type { RoleSource } from './role-source.js';

const AtStores = z.array(z.object({ storeCode: z.string().min(1), role: z.enum(STAFF_ROLES) }));
const RolesFile = z.record(
  z.string(),
  z.union([AtStores, z.object({ stores: AtStores.default([]), supervisor: z.boolean().default(false) })]),
);

/**
 * A RoleSource read from a JSON file `{ "<sub>": [{ "storeCode": "...", "role": "operator" }] }`; a
 * person may instead be `{ "stores": [...], "supervisor": true }` (a member of the directorate).
 * Read at each sign-in, so editing the file takes effect without a restart.
 */
export function createStaticFileRoleSource(path: string): RoleSource {
  return {
    async rolesFor(identity) {
      const file = RolesFile.parse(JSON.parse(await readFile(path, 'utf8')));
      const entry = file[identity.sub] ?? [];
      return Array.isArray(entry) ? { stores: entry, supervisor: false } : entry;
    },
  };
}
