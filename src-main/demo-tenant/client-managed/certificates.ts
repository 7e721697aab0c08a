/**
 * The certificates a client-managed site exports from the QMC (qlik-protocol.md §3.1): a root CA
 * (`root.pem`), a server certificate it signs, and a client certificate with its key
 * (`client.pem`, `client_key.pem`). Made with `openssl` once per process; `writeCertificateFolder`
 * writes the three files a crawler reads into a folder of their own.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../../api/errors';

export interface SiteCertificates {
  readonly rootPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
}

const run = promisify(execFile);
const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const cached = new Map<string, Promise<SiteCertificates>>();

/** One set per label: tests ask for a second, unrelated site ("foreign") to present the wrong certificates. */
export function siteCertificates(label = 'site'): Promise<SiteCertificates> {
  let entry = cached.get(label);
  if (!entry) {
    entry = issue(label).catch((error: unknown) => {
      cached.delete(label);
      throw new AppError(
        {
          code: 'internal',
          message: 'The client-managed demo could not create its certificates.',
          remedy: 'Install the openssl command line tool.',
          detail: error instanceof Error ? error.message : String(error),
        },
        { cause: error },
      );
    });
    cached.set(label, entry);
  }
  return entry;
}

/** Writes client.pem, client_key.pem and root.pem (the QMC export's names) into a new temp folder. */
export async function writeCertificateFolder(certificates: SiteCertificates, prefix = 'qme-qseow-certs-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await Promise.all([
    writeFile(join(dir, 'client.pem'), certificates.clientCertPem, { mode: 0o600 }),
    writeFile(join(dir, 'client_key.pem'), certificates.clientKeyPem, { mode: 0o600 }),
    writeFile(join(dir, 'root.pem'), certificates.rootPem, { mode: 0o600 }),
  ]);
  return dir;
}

async function issue(label: string): Promise<SiteCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'qme-qseow-ca-'));
  const file = (name: string): string => join(dir, name);
  const sign = async (name: string, subject: string, extensions: string): Promise<void> => {
    await run('openssl', ['req', ...ec, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', subject]);
    await writeFile(file(`${name}.ext`), extensions);
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('root.pem'),
      '-CAkey',
      file('root.key'),
      '-CAcreateserial',
      '-out',
      file(`${name}.pem`),
      '-days',
      '30',
      '-extfile',
      file(`${name}.ext`),
    ]);
  };
  try {
    await run('openssl', [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      file('root.key'),
      '-out',
      file('root.pem'),
      '-days',
      '30',
      '-subj',
      `/CN=QME Demo QSEoW ${label} CA`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await sign(
      'server',
      '/CN=localhost',
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
    );
    await sign(
      'client',
      '/CN=QlikClient',
      'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
    );
    const [rootPem, serverCertPem, serverKeyPem, clientCertPem, clientKeyPem] = await Promise.all(
      ['root.pem', 'server.pem', 'server.key', 'client.pem', 'client.key'].map((name) => readFile(file(name), 'utf8')),
    );
    return {
      rootPem: rootPem as string,
      serverCertPem: serverCertPem as string,
      serverKeyPem: serverKeyPem as string,
      clientCertPem: clientCertPem as string,
      clientKeyPem: clientKeyPem as string,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
