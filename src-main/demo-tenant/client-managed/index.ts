/** The demo tenant as a client-managed (QSEoW) site: QRS, QPS, engine with certificates, proxy. */
export { startClientManagedDemo, type ClientManagedDemo, type ClientManagedDemoOptions } from './server';
export { siteCertificates, writeCertificateFolder } from './certificates';
export { DEMO_CONNECTION_PASSWORD, DEMO_USER_DIRECTORY } from './qrs-shapes';
