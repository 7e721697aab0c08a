import { describe, expect, it } from 'vitest';
import { maskSecrets, stripSecretsFromDefinition } from '../../../src-main/qlik/secret-masking';

describe('secret masking', () => {
  it('masks passwords, pwd, tokens and secrets in connect strings', () => {
    const masked = maskSecrets(
      'CUSTOM CONNECT TO "provider=QvOdbcConnectorPackage.exe;driver=snowflake;server=x;UID=svc;PWD=Hunter2!;token=abc123;client_secret=\'s3cr3t\'"',
    );
    expect(masked).not.toMatch(/Hunter2|abc123|s3cr3t/);
    expect(masked).toContain('UID=svc');
    expect(masked).toContain('PWD=***');
  });

  it('masks URL credentials, bearer tokens and query-string secrets', () => {
    expect(maskSecrets('https://bob:pa55@host/x?sig=QWERTY&a=1')).toBe('https://bob:***@host/x?sig=***&a=1');
    expect(maskSecrets('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc')).toBe('Authorization: Bearer ***');
    expect(maskSecrets('Password=xyz; XPassword is GHIJK')).toBe('Password=***; XPassword is ***');
  });

  it('strips secret values from automation definitions and records their paths', () => {
    const result = stripSecretsFromDefinition({
      blocks: [{ type: 'connector', inputs: { apiToken: 'tok-1', url: 'https://x' } }, { inputs: [{ name: 'password', value: 'pw' }] }],
    });
    expect(JSON.stringify(result.value)).not.toMatch(/tok-1|"pw"/);
    expect(result.value).toMatchObject({ blocks: [{ inputs: { apiToken: null } }, { inputs: [{ value: null }] }] });
    expect(result.strippedPaths).toEqual(['/blocks/0/inputs/apiToken', '/blocks/1/inputs/0/value']);
  });
});
