import { defineEntity, p } from '@mikro-orm/core';

/**
 * A staff member's email preferences for one KEP, keyed by their subject at the identity provider:
 * for now, whether they get the KEP's day list in the morning. The address is the one their sign-in
 * gave when they chose it; roles are not stored here (the morning job asks the RoleSource again).
 */
export const StaffPreferenceSchema = defineEntity({
  name: 'StaffPreference',
  tableName: 'staff_preference',
  properties: {
    sub: p.string().length(200).primary(),
    storeId: p.uuid().primary(),
    email: p.string().length(254),
    dailyList: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class StaffPreference extends StaffPreferenceSchema.class {}
StaffPreferenceSchema.setClass(StaffPreference);
