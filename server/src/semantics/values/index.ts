// What a value means, independent of syntax: booleans per reader, placeholder secrets, hosts, ports.
export { boolOf, boolText, dialectBoolReader, isBoolWord, isCanonicalBoolText, parseBool, type BoolReader } from './bool';
export { isPlaceholder, isPlaceholderForProbe } from './placeholder';
export { DEV_CATCHER_PORT, hostKind, isInternalHost, isLocalHost, type HostKind } from './hosts';
export { safeDecode } from './percent';
export { IMPLICIT_PORTS, STARTTLS_PORTS, parsePort, portOfValue, portRole } from './ports';
export { starttlsWord } from './starttls';
