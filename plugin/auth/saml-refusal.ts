/** A response that cannot sign anyone in; `reason` is a short code for the audit trail, never the XML. */
export class SamlRefusal extends Error {
  constructor(readonly reason: string) {
    super(`SAML response refused: ${reason}`);
    this.name = 'SamlRefusal';
  }
}
