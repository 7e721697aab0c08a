import { Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { ClientManagedSettings } from '../../../src-main/api/types/connections';

export const emptyClientManaged: ClientManagedSettings = {
  host: '',
  virtualProxy: '',
  certDir: '',
  userDirectory: '',
  userId: '',
  auth: 'certificates',
  ports: {},
};

/** The URL a client-managed connection is listed under: what a browser opens (proxy + prefix). */
export function clientManagedUrl(settings: ClientManagedSettings): string {
  const host = settings.host.trim() || 'host.invalid';
  const port = settings.ports.proxy && settings.ports.proxy !== 443 ? `:${settings.ports.proxy}` : '';
  const prefix = settings.virtualProxy.trim().replace(/^\/+|\/+$/g, '');
  return `https://${host}${port}${prefix ? `/${prefix}` : ''}`;
}

const PORTS = [
  ['qrs', 'QRS', 4242],
  ['engine', 'Engine', 4747],
  ['qps', 'QPS', 4243],
  ['proxy', 'Proxy', 443],
] as const;

/** Connection form fields of a Qlik Sense Enterprise (client-managed) site. */
export function ClientManagedFields({
  value,
  onChange,
}: {
  value: ClientManagedSettings;
  onChange: (next: ClientManagedSettings) => void;
}) {
  const set = <K extends keyof ClientManagedSettings>(key: K, v: ClientManagedSettings[K]): void => onChange({ ...value, [key]: v });
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <TextInput
          label="Host"
          placeholder="sense.corp.example"
          required
          value={value.host}
          onChange={(e) => set('host', e.currentTarget.value)}
        />
        <TextInput
          label="Virtual proxy prefix"
          placeholder="(default virtual proxy)"
          value={value.virtualProxy}
          onChange={(e) => set('virtualProxy', e.currentTarget.value)}
        />
      </Group>
      <TextInput
        label="Certificate folder"
        description="Exported from the QMC (Certificates → Export, PEM, with the private key): client.pem, client_key.pem, root.pem."
        placeholder="C:\ProgramData\Qlik\Sense\Repository\Exported Certificates\crawler"
        required
        value={value.certDir}
        onChange={(e) => set('certDir', e.currentTarget.value)}
      />
      <Group grow>
        <TextInput
          label="User directory"
          placeholder="CORP"
          required
          value={value.userDirectory}
          onChange={(e) => set('userDirectory', e.currentTarget.value)}
        />
        <TextInput
          label="User id"
          placeholder="svc_qlik"
          required
          value={value.userId}
          onChange={(e) => set('userId', e.currentTarget.value)}
        />
      </Group>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Authentication route
        </Text>
        <SegmentedControl
          aria-label="Authentication route"
          value={value.auth}
          onChange={(v) => set('auth', v === 'proxy-session' ? 'proxy-session' : 'certificates')}
          data={[
            { value: 'certificates', label: 'Certificates (QRS 4242, engine 4747)' },
            { value: 'proxy-session', label: 'Proxy session (virtual proxy)' },
          ]}
        />
        <Text size="xs" c="dimmed">
          {value.auth === 'certificates'
            ? 'Calls QRS and the engine directly with the client certificate, acting as the user above (X-Qlik-User).'
            : 'Creates a proxy session for the user through the QPS session API (with the certificate), then crawls through the virtual proxy with its session cookie and CSRF token.'}
        </Text>
      </Stack>
      <Group grow>
        {PORTS.map(([key, label, fallback]) => (
          <NumberInput
            key={key}
            label={`${label} port`}
            placeholder={String(fallback)}
            min={1}
            max={65535}
            allowDecimal={false}
            value={value.ports[key] ?? ''}
            onChange={(v) => {
              const { [key]: _old, ...rest } = value.ports;
              set('ports', typeof v === 'number' ? { ...rest, [key]: v } : rest);
            }}
          />
        ))}
      </Group>
    </Stack>
  );
}
