// Dialect 'node' carries only process-wide settings (NODE_TLS_REJECT_UNAUTHORIZED, NODE_OPTIONS); they are
// GlobalSettings, not SmtpConfigs, and their rules remove the entry directly. No intent applies.
import { registerExpresser } from '../intents';

registerExpresser('node', { express: () => null });
