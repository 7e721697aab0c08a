/**
 * The TenantGateway over the real Qlik clients (src-main/qlik) and the built-in demo tenant
 * (src-main/demo-tenant), which starts in-process the first time it is needed and stops with the app.
 */
import { startDemoTenant, type DemoTenant } from '../demo-tenant';
import { connectionOptionsOf } from '../qlik/connection-options';
import { validateConnection } from '../qlik/validate-connection';
import { validateClientManaged } from '../qlik/validate-client-managed';
import type { TenantGateway } from './tenant-gateway';

export function createQlikTenantGateway(): TenantGateway {
  let demo: Promise<DemoTenant> | undefined;
  let revision: 1 | 2 = 1;

  return {
    async validate(endpoint) {
      if (endpoint.clientManaged) return validateClientManaged(endpoint.clientManaged);
      const check = await validateConnection(connectionOptionsOf(endpoint));
      return { identity: check.userName ?? check.userId };
    },
    async demoEndpoint() {
      demo ??= startDemoTenant({ revision });
      const tenant = await demo.catch((error: unknown) => {
        demo = undefined;
        throw error;
      });
      return { url: tenant.url, apiKey: tenant.apiKey, proxy: null, caFile: null, caPem: tenant.caCertPem ?? null };
    },
    demoRevision: () => revision,
    async setDemoRevision(next) {
      revision = next;
      // A running tenant switches in place, so the next crawl sees the other revision.
      if (demo) (await demo).setRevision(next);
    },
    async close() {
      const running = demo;
      demo = undefined;
      if (running) await (await running).close();
    },
  };
}
