import { defineEntity, p } from '@mikro-orm/core';

/**
 * What a citizen comes to a KEP for, from the central catalogue. `videoEligible` says whether it can
 * be served by video call (myKEPLive); when it cannot, `alternativeText` tells the citizen what to do
 * instead (visit in person, or the postal ΕΛΤΑ arrangement where it applies).
 */
export const ProcedureSchema = defineEntity({
  name: 'Procedure',
  tableName: 'procedure',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    code: p.string().length(32).unique(),
    name: p.string().length(300),
    nameEn: p.string().length(300),
    videoEligible: p.boolean().default(false),
    alternativeText: p.string().length(1000).nullable(),
    alternativeTextEn: p.string().length(1000).nullable(),
    /** What to bring, one item a line, in Greek. */
    bring: p.json<string[]>(),
    bringEn: p.json<string[]>().nullable(),
    /** Never deleted, since appointments refer to it: a retired procedure is inactive. */
    active: p.boolean().default(true),
    /** Optimistic concurrency: an edit names the version it started from (If-Match). */
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class Procedure extends ProcedureSchema.class {
  /** The name a reader of `lang` expects. */
  nameIn(lang: 'el' | 'en'): string {
    return lang === 'en' ? this.nameEn : this.name;
  }

  /** What to do instead of a video call, in `lang` (Greek when there is no translation); null when video is fine. */
  alternativeIn(lang: 'el' | 'en'): string | null {
    if (this.videoEligible) return null;
    return (lang === 'en' ? this.alternativeTextEn : null) ?? this.alternativeText ?? null;
  }

  /** What to bring, in `lang` (Greek when there is no translation). */
  bringIn(lang: 'el' | 'en'): string[] {
    return (lang === 'en' ? this.bringEn : null) ?? this.bring;
  }
}
ProcedureSchema.setClass(Procedure);
