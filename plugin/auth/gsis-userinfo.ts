import { DOMParser } from '@xmldom/xmldom';

/** A GSIS sign-in that cannot sign anyone in; `reason` is a short code for the audit trail, never a token or the body. */
export class GsisRefusal extends Error {
  constructor(readonly reason: string) {
    super(`GSIS sign-in refused: ${reason}`);
    this.name = 'GsisRefusal';
  }
}

/** What GSIS says about the person, every value trimmed (empty: absent). */
export interface GsisUserInfo {
  userid: string | null;
  taxid: string | null;
  firstname: string | null;
  lastname: string | null;
  fathername: string | null;
  mothername: string | null;
  birthyear: string | null;
}

const FIELDS = ['userid', 'taxid', 'firstname', 'lastname', 'fathername', 'mothername', 'birthyear'] as const;
const MAX_BODY = 64 * 1024;

/**
 * Reads the body of `userinfo?format=xml`: `<root><userinfo userid="…" taxid="…" …/></root>`. GSIS
 * pads values with spaces and may send Greek as numeric character references (`&#914;`); the XML
 * parser decodes those, and every value is trimmed. An error comes back as JSON, not XML: that, a
 * document type declaration (no entity of ours is ever expanded) or anything that is not this shape
 * is refused.
 */
export function parseGsisUserInfo(body: string): GsisUserInfo {
  const text = body.trim();
  if (text.length > MAX_BODY) throw new GsisRefusal('userinfo_too_large');
  if (text.startsWith('{') || text.startsWith('[')) throw new GsisRefusal('userinfo_error');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new GsisRefusal('userinfo_dtd');
  let failed = false;
  const fail = () => {
    failed = true;
  };
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(text, 'text/xml');
  const root = doc?.documentElement;
  if (failed || !root || root.nodeName !== 'root') throw new GsisRefusal('userinfo_not_xml');
  const items = root.getElementsByTagName('userinfo');
  if (items.length !== 1) throw new GsisRefusal('userinfo_not_xml');
  const el = items.item(0)!;
  const info = {} as GsisUserInfo;
  for (const name of FIELDS) {
    const value = el.hasAttribute(name) ? el.getAttribute(name)!.normalize('NFC').trim() : '';
    info[name] = value ? value.slice(0, 200) : null;
  }
  return info;
}

/** The display name from the first and last names (either may be missing). */
export function gsisFullName(info: GsisUserInfo): string | null {
  const parts = [info.firstname, info.lastname].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(' ') : null;
}
