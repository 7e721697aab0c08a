/**
 * The `qme crawl --client-managed` flags (docs/client-managed.md): where the site is, which
 * certificates, which user, which route. The key passphrase, when the key has one, comes from
 * QME_CLIENT_KEY_PASSPHRASE — never a flag, never printed.
 */
import { parseDomainUser, type ClientManagedOptions, type ClientManagedPorts } from '../../qlik/client-managed-options';
import { UsageError } from '../command';

export const clientManagedFlags = {
  'client-managed': { type: 'boolean', default: false },
  host: { type: 'string' },
  'virtual-proxy': { type: 'string' },
  certs: { type: 'string' },
  user: { type: 'string' },
  'proxy-session': { type: 'boolean', default: false },
  'qrs-port': { type: 'string' },
  'engine-port': { type: 'string' },
  'qps-port': { type: 'string' },
  'proxy-port': { type: 'string' },
} as const;

export const clientManagedUsage = `
Client-managed Qlik Sense (Enterprise on Windows):
  --client-managed    crawl a client-managed site through QRS and the engine
  --host H            central node host name, e.g. sense.corp.example
  --virtual-proxy P   virtual proxy prefix (default: the default virtual proxy)
  --certs DIR         folder with client.pem, client_key.pem and root.pem exported from the QMC
  --user DIR\\ID       the identity to crawl as, e.g. CORP\\svc_qlik
  --proxy-session     create a proxy session (QPS on 4243, with --certs) and crawl through the
                      virtual proxy with its cookie, instead of QRS 4242 + engine 4747
  --qrs-port, --engine-port, --qps-port, --proxy-port   non-default ports (4242, 4747, 4243, 443)
  A passphrase-protected client_key.pem reads its passphrase from QME_CLIENT_KEY_PASSPHRASE.`;

type Values = { [K in keyof typeof clientManagedFlags]?: (typeof clientManagedFlags)[K]['type'] extends 'boolean' ? boolean : string };

function port(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--${name} must be a port number from 1 to 65535, not "${value}".`);
  return n;
}

export function clientManagedFromFlags(values: Values, env: NodeJS.ProcessEnv): ClientManagedOptions {
  if (!values.host) throw new UsageError('--client-managed needs --host H.');
  if (!values.certs)
    throw new UsageError('--client-managed needs --certs DIR (also for --proxy-session: the QPS call is certificate-authenticated).');
  const user = values.user ? parseDomainUser(values.user) : null;
  if (!user) throw new UsageError('--client-managed needs --user DIRECTORY\\USERID, e.g. --user CORP\\svc_qlik.');
  const ports: { -readonly [K in keyof ClientManagedPorts]?: number } = {};
  for (const [flag, key] of [
    ['qrs-port', 'qrs'],
    ['engine-port', 'engine'],
    ['qps-port', 'qps'],
    ['proxy-port', 'proxy'],
  ] as const) {
    const value = port(flag, values[flag]);
    if (value !== undefined) ports[key] = value;
  }
  const passphrase = env['QME_CLIENT_KEY_PASSPHRASE'];
  return {
    host: values.host,
    ...(values['virtual-proxy'] ? { virtualProxy: values['virtual-proxy'] } : {}),
    certDir: values.certs,
    ...(passphrase ? { keyPassphrase: passphrase } : {}),
    userDirectory: user.userDirectory,
    userId: user.userId,
    auth: values['proxy-session'] ? 'proxy-session' : 'certificates',
    ports,
  };
}

/** The URL a client-managed crawl is recorded under: what a browser opens (proxy + prefix). */
export function clientManagedUrl(options: ClientManagedOptions): string {
  const proxyPort = options.ports?.proxy ?? 443;
  const prefix = (options.virtualProxy ?? '').replace(/^\/+|\/+$/g, '');
  return `https://${options.host}${proxyPort === 443 ? '' : `:${proxyPort}`}${prefix ? `/${prefix}` : ''}`;
}
