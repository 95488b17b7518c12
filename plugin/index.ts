export { createRantevou, type Rantevou } from './create-rantevou.js';
export { RantevouConfigError, type RantevouOptions } from './config/options.js';
export type { RoleSource, RoleAtStore, StaffIdentity } from './auth/role-source.js';
export { createStaticFileRoleSource } from './auth/static-file-role-source.js';
export type { OutboxDispatch } from './outbox/outbox-relay.js';
