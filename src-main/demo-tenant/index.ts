/** The demo tenant: a Qlik Cloud simulator speaking Qlik's real REST and QIX wire protocols. */
export { startDemoTenant, defaultDemoSeed, type DemoTenant, type DemoTenantOptions } from './server';
export { generateTenant, demoEpoch } from './generate-tenant';
export { appContent } from './app-content';
export type { FaultConfig, DemoStats } from './faults';
export type * from './tenant-model';
export { setDemoRevision, demoRevisionOf, demoRevisions, revision2At, type DemoRevision } from './revision';
