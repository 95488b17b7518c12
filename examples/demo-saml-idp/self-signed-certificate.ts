/**
 * A self-signed X.509 certificate (RSA, SHA-256) built with node:crypto alone. node:crypto reads
 * certificates but cannot issue one, and a demo that makes its key at every start should not pull in
 * a certificate library for that: the DER of a v1 certificate with one common name is a page.
 * Real IdPs publish certificates, so the demo IdP and the tests hand the SP a certificate too.
 */
import { generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';

/** A key pair and its certificate, both PEM. */
export interface DemoKeyAndCertificate {
  privateKeyPem: string;
  certPem: string;
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';

/** Makes an RSA key and a self-signed certificate for `commonName`, valid from an hour ago for `days`. */
export function createDemoKeyAndCertificate(commonName: string, days = 365): DemoKeyAndCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    certPem: selfSignedCertificate(privateKey, publicKey, commonName, days),
  };
}

/** RFC 5280 Certificate, version 1 (no extensions), issuer = subject = CN. */
export function selfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject, commonName: string, days = 365): string {
  const algorithm = seq(oid(SHA256_WITH_RSA), Buffer.from([0x05, 0x00]));
  const name = seq(set(seq(oid(COMMON_NAME), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  const from = new Date(Date.now() - 3600_000);
  const until = new Date(from.getTime() + days * 86_400_000);
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive, and no leading zero byte (DER is minimal)
  const tbs = seq(tlv(0x02, serial), algorithm, name, seq(time(from), time(until)), name, publicKey.export({ type: 'spki', format: 'der' }));
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0x00]), signature])));
  const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  // Parsing it back (and checking its own signature) catches an encoding mistake here, not at the SP.
  if (!new X509Certificate(pem).verify(publicKey)) throw new Error('the demo certificate does not verify');
  return pem;
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const arc of rest) {
    const groups: number[] = [];
    for (let v = arc; ; v = Math.floor(v / 128)) {
      groups.unshift((v % 128) | (groups.length ? 0x80 : 0));
      if (v < 128) break;
    }
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 4.1.2.5 wants. */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14); // YYYYMMDDHHMMSS
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}
