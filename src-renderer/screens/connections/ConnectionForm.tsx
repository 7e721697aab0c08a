import { Autocomplete, Button, Group, Modal, PasswordInput, SegmentedControl, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../src-main/api/types/connections';
import { useCallMutation } from '../../api/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ClientManagedFields, clientManagedUrl, emptyClientManaged } from './ClientManagedFields';

interface Props {
  readonly opened: boolean;
  readonly onClose: () => void;
  /** Edit this connection; add a new one when absent. */
  readonly connection?: ConnectionView;
  readonly keychainAvailable: boolean;
}

export function ConnectionForm({ opened, onClose, connection, keychainAvailable }: Props) {
  const [name, setName] = useState(connection?.name ?? '');
  const [url, setUrl] = useState(connection?.url ?? '');
  const [environment, setEnvironment] = useState(connection?.environment ?? 'PROD');
  const [apiKey, setApiKey] = useState('');
  const [proxy, setProxy] = useState(connection?.proxy ?? '');
  const [caFile, setCaFile] = useState(connection?.caFile ?? '');
  const [crawlSpaces, setCrawlSpaces] = useState(connection?.crawlSpacesAndCollections ?? true);
  const [kind, setKind] = useState<'cloud' | 'client-managed'>(connection?.kind === 'client-managed' ? 'client-managed' : 'cloud');
  const [clientManaged, setClientManaged] = useState(connection?.clientManaged ?? emptyClientManaged);
  const isClientManaged = kind === 'client-managed';
  const save = useCallMutation('connections/save', ['connections/list']);

  function submit(event: FormEvent): void {
    event.preventDefault();
    save.mutate(
      {
        ...(connection ? { id: connection.id } : {}),
        name,
        kind,
        url: isClientManaged ? clientManagedUrl(clientManaged) : url,
        environment,
        proxy: isClientManaged ? null : proxy.trim() || null,
        caFile: isClientManaged ? null : caFile.trim() || null,
        ...(isClientManaged ? { clientManaged } : {}),
        crawlSpacesAndCollections: crawlSpaces,
        ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
      },
      { onSuccess: onClose },
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title={connection ? `Edit ${connection.name}` : 'Add a Qlik connection'} size="lg">
      <form onSubmit={submit}>
        <Stack>
          {!connection && (
            <SegmentedControl
              aria-label="Connection type"
              value={kind}
              onChange={(v) => setKind(v === 'client-managed' ? 'client-managed' : 'cloud')}
              data={[
                { value: 'cloud', label: 'Qlik Cloud' },
                { value: 'client-managed', label: 'Qlik Sense Enterprise (client-managed)' },
              ]}
            />
          )}
          <TextInput
            label="Name"
            placeholder="Acme production"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          {isClientManaged ? (
            <ClientManagedFields value={clientManaged} onChange={setClientManaged} />
          ) : (
            <TextInput
              label="Tenant URL"
              placeholder="https://acme.eu.qlikcloud.com"
              required
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
            />
          )}
          <Autocomplete label="Environment" data={['PROD', 'STG', 'TEST', 'DEV']} value={environment} onChange={setEnvironment} />
          {isClientManaged ? (
            <PasswordInput
              label="Client key passphrase"
              description="Only if client_key.pem was exported with a password. Stored in the OS keychain only, never on disk."
              placeholder={connection?.hasKey ? '(keep the stored passphrase)' : '(none)'}
              value={apiKey}
              onChange={(e) => setApiKey(e.currentTarget.value)}
              disabled={!keychainAvailable}
              autoComplete="off"
            />
          ) : (
            <PasswordInput
              label="API key"
              description={
                connection?.hasKey
                  ? 'A key is stored in the OS keychain. Leave empty to keep it, or paste a new one to replace it.'
                  : 'Stored in the OS keychain only, never on disk. Create one under Profile settings > API keys in Qlik Cloud.'
              }
              placeholder={connection?.hasKey ? '(keep the stored key)' : 'eyJhbGciOi…'}
              value={apiKey}
              onChange={(e) => setApiKey(e.currentTarget.value)}
              disabled={!keychainAvailable}
              autoComplete="off"
            />
          )}
          {!isClientManaged && (
            <TextInput
              label="HTTP(S) proxy"
              placeholder="http://proxy.corp:3128 (optional)"
              value={proxy}
              onChange={(e) => setProxy(e.currentTarget.value)}
            />
          )}
          {!isClientManaged && (
            <TextInput
              label="Extra CA certificates (PEM file)"
              description="For TLS inspection or a private CA. Certificate checks are never switched off."
              placeholder="/etc/ssl/certs/corp-root.pem (optional)"
              value={caFile}
              onChange={(e) => setCaFile(e.currentTarget.value)}
            />
          )}
          <Switch label="Crawl spaces and collections" checked={crawlSpaces} onChange={(e) => setCrawlSpaces(e.currentTarget.checked)} />
          {save.error && <ErrorAlert error={save.error} title="Not saved" />}
          {!keychainAvailable && (
            <Text size="sm" c="dimmed">
              The OS keychain is not available, so no key can be stored. Set QME_API_KEY for this run instead.
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
