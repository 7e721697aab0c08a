/**
 * A throwaway CA and a server certificate it signs (localhost, 127.0.0.1, ::1), made with the
 * `openssl` command (node:crypto cannot issue X.509 certificates). Made once per process: the
 * point is a certificate no system store trusts, so custom-CA handling can be tested.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../api/errors';

export interface DemoCertificate {
  readonly caCertPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

const run = promisify(execFile);
let cached: Promise<DemoCertificate> | null = null;

export function demoCertificate(): Promise<DemoCertificate> {
  cached ??= issue().catch((error: unknown) => {
    cached = null;
    throw new AppError(
      {
        code: 'internal',
        message: 'The demo tenant could not create its TLS certificate.',
        remedy: 'Install the openssl command line tool, or start the demo tenant without --tls.',
        detail: error instanceof Error ? error.message : String(error),
      },
      { cause: error },
    );
  });
  return cached;
}

async function issue(): Promise<DemoCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'qme-demo-tls-'));
  const file = (name: string): string => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    await run('openssl', [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.pem'),
      '-days',
      '30',
      '-subj',
      '/CN=QME Demo Tenant CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await run('openssl', ['req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost']);
    await writeFile(
      file('server.ext'),
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
    );
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      file('server.csr'),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file('server.pem'),
      '-days',
      '30',
      '-extfile',
      file('server.ext'),
    ]);
    const [caCertPem, certPem, keyPem] = await Promise.all([
      readFile(file('ca.pem'), 'utf8'),
      readFile(file('server.pem'), 'utf8'),
      readFile(file('server.key'), 'utf8'),
    ]);
    return { caCertPem, certPem, keyPem };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
