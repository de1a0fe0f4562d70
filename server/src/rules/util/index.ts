// Shared helpers for rule modules, by concern. Rules only see the settings model (never raw text); what a value
// means (booleans, placeholders, hosts, ports, presets) is decided in semantics/ and re-exported here.
export { editable, strOf } from '../../model/fields';
export { boolOf, boolText, IMPLICIT_PORTS, STARTTLS_PORTS, isInternalHost, isLocalHost, portRole } from '../../semantics/values';
export { NODEMAILER_FAMILY } from '../../semantics/libraries';
export * from './fields';
export * from './providers';
export * from './words';
export * from './spans';
export * from './fixes';
export * from './port-mode';
