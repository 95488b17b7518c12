export { createRantevou, type Rantevou } from './create-rantevou.js';
export { RantevouConfigError, type RantevouOptions } from './config/options.js';
export type { RoleSource, RoleAtStore, StaffIdentity, StaffRoles, RoleQueryContext } from './auth/role-source.js';
export { RoleSourceUnavailableError } from './auth/role-source.js';
export { createStaticFileRoleSource } from './auth/static-file-role-source.js';
export { createCounterAppRoleSource, CounterAppStaff, type CounterAppSettings } from './auth/counter-app-role-source.js';
export { createClaimsRoleSource, type ClaimsRoleSettings } from './auth/claims-role-source.js';
export type { IdentityProviderInput } from './auth/identity-provider-options.js';
export type { OutboxDispatch } from './outbox/outbox-relay.js';
