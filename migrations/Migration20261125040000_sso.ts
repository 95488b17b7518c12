import { Migration } from '@mikro-orm/migrations';

/**
 * SAML 2.0 state that every instance behind the load balancer must share:
 * - `saml_request`: the ids of the AuthnRequests (and LogoutRequests) we sent, so a response's
 *   `InResponseTo` is checked against a request we really made, whichever instance made it;
 * - `saml_assertion`: the ids of the assertions already used, so a captured response cannot sign
 *   anyone in a second time (the primary key refuses the second insert, even in a race).
 * Both rows expire; expired ones are swept at sign-in.
 */
export class Migration20261125040000_sso extends Migration {
  override name = 'Migration20261125040000_sso';

  override up(): void {
    this.addSql(`create table saml_request (
      id varchar(256) primary key,
      idp varchar(64) not null,
      issued_at varchar(64) not null,
      expires_at timestamptz not null
    )`);
    this.addSql(`create index saml_request_expiry on saml_request (expires_at)`);

    this.addSql(`create table saml_assertion (
      idp varchar(64) not null,
      assertion_id varchar(256) not null,
      used_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (idp, assertion_id)
    )`);
    this.addSql(`create index saml_assertion_expiry on saml_assertion (expires_at)`);
  }

  override down(): void {
    this.addSql(`drop table if exists saml_assertion`);
    this.addSql(`drop table if exists saml_request`);
  }
}
